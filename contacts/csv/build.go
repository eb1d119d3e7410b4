package csv

import (
	"math"
	"strings"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// A part of a file is first read into a table that holds no pointers:
// its contacts and numbers are offsets into one buffer of text. Strings
// in contacts would be pointers the garbage collector scans, and every
// one written while it marks would pass its write barrier. The contacts
// are made of the tables at the end, all at once (see contactsOf).

// span is a string of a table's text: its offset and length.
type span struct{ off, n uint32 }

// person is a contact of a table.
type person struct {
	name, company span
	row           uint32 // the record's number within its part, from 1
	first         uint32 // its first number in the table's nums
	n             uint32 // how many numbers it has
}

// tableNum is a number of a table; e164 is empty where there is none.
type tableNum struct {
	raw, e164 span
	kind      uint32 // in the table's kinds
}

// table is what one reader made of its part of a file.
type table struct {
	text     []byte // UTF-8; what a span points at never changes
	people   []person
	nums     []tableNum
	kinds    []contacts.Kind   // the kinds its numbers have, by tableNum.kind
	problems contacts.Problems // with lines counted from the part's start
	rows     int               // records read, good or bad
	lines    int               // lines read (for the first part: of the file)
	start    int64             // where in the file the part starts …
	end      int64             // … and where its last record ended
}

// builder turns the records of one part into a table.
type builder struct {
	t    *table
	mode textMode
	// home, if set, is what the numbers' E.164 forms are relative to;
	// without it only numbers written in E.164 have one.
	home *number.Home
	// row has the numbers of the record at hand, their text already in
	// the table's (no strings: see record).
	row []tableNum
}

// number notes a number of the record at hand; empty cells and numbers the
// record already has are left out.
func (b *builder) number(k contacts.Kind, s string) {
	s = cleanNumber(s)
	if s == "" {
		return
	}
	raw := b.text(s)
	for _, n := range b.row {
		if b.str(n.raw) == b.str(raw) {
			b.t.text = b.t.text[:raw.off] // the same number again
			return
		}
	}
	b.row = append(b.row, tableNum{kind: b.kind(k), raw: raw})
}

// str is the text of s, valid until the text next grows.
func (b *builder) str(s span) string { return view(b.t.text[s.off : s.off+s.n]) }

// cleanNumber trims a cell and unwraps Excel's ="0221 4711" (written to keep
// a leading zero from being eaten), which is the number, not a formula.
func cleanNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

// text appends s, a field as read from the file, to the table's text.
func (b *builder) text(s string) span {
	off := len(b.t.text)
	b.t.text = appendText(b.t.text, s, b.mode)
	return b.since(off)
}

// since is the text appended from off on.
func (b *builder) since(off int) span {
	return span{off: uint32(off), n: uint32(len(b.t.text) - off)}
}

// add makes a contact of the record at hand, if it has a number; row is
// the record's number within the part.
func (b *builder) add(row int, display, given, middle, family, company string) {
	if len(b.row) == 0 {
		return
	}
	p := person{row: uint32(row), first: uint32(len(b.t.nums)), n: uint32(len(b.row))}
	if display != "" {
		p.name = b.text(display)
	} else {
		off := len(b.t.text)
		for _, part := range [...]string{given, middle, family} {
			if part == "" {
				continue
			}
			if len(b.t.text) > off {
				b.t.text = append(b.t.text, ' ')
			}
			b.t.text = appendText(b.t.text, part, b.mode)
		}
		p.name = b.since(off)
	}
	p.company = b.text(company)

	// Work numbers first, faxes last, else as in the file: the first
	// number is the one a pop-up or a call-back shows. (An insertion
	// sort: rows have a handful of numbers, and it is stable.)
	kinds := b.t.kinds
	for i := 1; i < len(b.row); i++ {
		for j := i; j > 0 && rank(kinds[b.row[j].kind]) < rank(kinds[b.row[j-1].kind]); j-- {
			b.row[j], b.row[j-1] = b.row[j-1], b.row[j]
		}
	}
	for _, n := range b.row {
		raw := b.str(n.raw)
		switch {
		case number.IsE164(raw):
			n.e164 = n.raw
		case b.home != nil:
			// AppendE164 may grow the text into a new array while raw
			// still points into the old one, which nobody changes.
			off := len(b.t.text)
			b.t.text, _ = number.AppendE164(b.t.text, raw, *b.home)
			n.e164 = b.since(off)
		}
		b.t.nums = append(b.t.nums, n)
	}
	b.t.people = append(b.t.people, p)
	b.row = b.row[:0]
}

// kind is k's index in the table's kinds, which are few: the five of
// package contacts and what a mapping names.
func (b *builder) kind(k contacts.Kind) uint32 {
	for i, have := range b.t.kinds {
		if have == k {
			return uint32(i)
		}
	}
	b.t.kinds = append(b.t.kinds, k)
	return uint32(len(b.t.kinds) - 1)
}

// reserve makes room, all at once, for the contacts of a part of which
// done bytes made the table so far and left bytes are still to come:
// a table that grows is copied, and its text, which the contacts keep,
// would keep up to twice the room it needs.
func (b *builder) reserve(done, left int64) {
	if done <= 0 || left <= 0 {
		return
	}
	// A little over: rows later in a file tend to be longer (growing
	// numbers in IDs, addresses filled in).
	scale := func(n int) int {
		more := float64(n) * float64(left) / float64(done)
		return n + int(math.Min(more*33/32, 1<<31)) + 64
	}
	t := b.t
	t.text = grown(t.text, scale(len(t.text)))
	t.people = grown(t.people, scale(len(t.people)))
	t.nums = grown(t.nums, scale(len(t.nums)))
}

// grown is s with room for n elements.
func grown[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s
	}
	g := make([]T, len(s), n)
	copy(g, s)
	return g
}

func rank(k contacts.Kind) int {
	switch k {
	case contacts.Work:
		return 0
	case contacts.Mobile:
		return 1
	case contacts.Home:
		return 2
	case contacts.Fax:
		return 4
	}
	return 3
}
