package csv

import (
	"slices"
	"strconv"
	"sync"
	"unsafe"

	"deskcti/contacts"
)

// contactsOf makes the contacts of the tables, which are the parts of one
// file in order, the first starting on row 2 (after the header): each
// table on a CPU of its own, into one array of contacts and one of their
// numbers, room for which cs and ns may have made (else, or where they
// are far off, they are made now). Their strings are the tables' text,
// which must not change again.
func contactsOf(tables []*table, source, uri string, cs []contacts.Contact, ns []contacts.Number) []contacts.Contact {
	people, numbers := 0, 0
	firstRow := make([]int, len(tables)) // the row before each table's first
	row := 1
	for i, t := range tables {
		firstRow[i] = row
		row += t.rows
		people += len(t.people)
		numbers += len(t.nums)
	}
	cs, ns = fits(cs, people), fits(ns, numbers)
	ci, ni := make([]int, len(tables)), make([]int, len(tables))
	for i := 1; i < len(tables); i++ {
		ci[i] = ci[i-1] + len(tables[i-1].people)
		ni[i] = ni[i-1] + len(tables[i-1].nums)
	}
	var wg sync.WaitGroup
	for i, t := range tables {
		wg.Go(func() {
			t.fill(cs[ci[i]:ci[i]+len(t.people)], ns[ni[i]:ni[i]+len(t.nums)], firstRow[i], source, uri)
		})
	}
	wg.Wait()
	return cs
}

// fill makes the table's contacts in cs and their numbers in ns. Row
// numbers are counted on from base.
func (t *table) fill(cs []contacts.Contact, ns []contacts.Number, base int, source, uri string) {
	if cap(t.text)-len(t.text) > len(t.text)/8+4096 {
		t.text = slices.Clone(t.text) // the contacts keep it: not its spare room
	}
	var text string
	if len(t.text) > 0 {
		text = unsafe.String(&t.text[0], len(t.text))
	}
	str := func(s span) string { return text[s.off : s.off+s.n] }
	for i, n := range t.nums {
		ns[i] = contacts.Number{Kind: t.kinds[n.kind], Raw: str(n.raw), E164: str(n.e164)}
	}
	// The IDs, "row 1234", in one array of their own.
	last := base + int(t.rowOf(len(t.people)-1))
	ids := make([]byte, 0, len(t.people)*(len("row ")+len(strconv.Itoa(last))))
	for i, p := range t.people {
		off := len(ids)
		ids = strconv.AppendInt(append(ids, "row "...), int64(base+int(p.row)), 10)
		cs[i] = contacts.Contact{
			Name:    str(p.name),
			Company: str(p.company),
			Numbers: ns[p.first : p.first+p.n : p.first+p.n],
			Source:  source,
			ID:      unsafe.String(&ids[off], len(ids)-off),
			OpenURI: uri,
		}
	}
}

// rowOf is the row within the part of person i, 0 when there is none.
func (t *table) rowOf(i int) uint32 {
	if i < 0 || i >= len(t.people) {
		return 0
	}
	return t.people[i].row
}

// fits is s with length n if its room is enough and not far more, else a
// new slice of length n: what the contacts do not use stays with them.
func fits[T any](s []T, n int) []T {
	if cap(s) < n || cap(s)-n > n/16+1024 {
		return make([]T, n)
	}
	return s[:n]
}
