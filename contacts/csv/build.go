package csv

import (
	"slices"
	"strconv"
	"strings"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// builder turns rows into contacts with few allocations: the strings of
// many contacts are copied into one buffer that becomes one string, and
// their numbers share one backing array. Copying also matters for memory:
// a substring of a record would keep the whole row, notes and addresses
// included, alive for as long as the index holds the contact.
type builder struct {
	source, uri string
	mode        textMode
	out         []contacts.Contact
	buf         []byte
	fills       []fill
	nums        []contacts.Number // spare room for numbers of coming contacts
	row         []rawNumber       // the numbers of the row at hand
}

// fill is a string field waiting for the buffer to become a string.
type fill struct {
	contact int              // index in out, for name, company, ID
	number  *contacts.Number // or the number to fill
	field   uint8
	off     int
	end     int
}

const (
	fieldName uint8 = iota
	fieldCompany
	fieldID
	fieldRaw
	fieldRawE164 // Raw and E164 alike
)

// flushAt is the buffer size at which pending strings are made.
const flushAt = 32 << 10

type rawNumber struct {
	kind contacts.Kind
	raw  string
}

// number notes a number of the row at hand; empty cells and numbers the row
// already has are left out.
func (b *builder) number(k contacts.Kind, s string) {
	s = cleanNumber(s)
	if s == "" {
		return
	}
	for _, n := range b.row {
		if n.raw == s {
			return
		}
	}
	b.row = append(b.row, rawNumber{kind: k, raw: s})
}

// cleanNumber trims a cell and unwraps Excel's ="0221 4711" (written to keep
// a leading zero from being eaten), which is the number, not a formula.
func cleanNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

// add makes a contact of the row at hand, if it has a number.
func (b *builder) add(row int, display, given, middle, family, company string) {
	if len(b.row) == 0 {
		return
	}
	ci := len(b.out)
	b.out = append(b.out, contacts.Contact{Source: b.source, OpenURI: b.uri})

	off := len(b.buf)
	if display != "" {
		b.buf = appendText(b.buf, display, b.mode)
	} else {
		for _, p := range [...]string{given, middle, family} {
			if p == "" {
				continue
			}
			if len(b.buf) > off {
				b.buf = append(b.buf, ' ')
			}
			b.buf = appendText(b.buf, p, b.mode)
		}
	}
	b.pend(ci, nil, fieldName, off)

	if company != "" {
		off = len(b.buf)
		b.buf = appendText(b.buf, company, b.mode)
		b.pend(ci, nil, fieldCompany, off)
	}

	off = len(b.buf)
	b.buf = append(b.buf, "row "...)
	b.buf = strconv.AppendInt(b.buf, int64(row), 10)
	b.pend(ci, nil, fieldID, off)

	// Work numbers first, faxes last, else as in the file: the first
	// number is the one a pop-up or a call-back shows.
	slices.SortStableFunc(b.row, func(x, y rawNumber) int { return rank(x.kind) - rank(y.kind) })
	n := len(b.row)
	if cap(b.nums)-len(b.nums) < n {
		b.nums = make([]contacts.Number, 0, max(1024, n))
	}
	nums := b.nums[len(b.nums) : len(b.nums)+n : len(b.nums)+n]
	b.nums = b.nums[:len(b.nums)+n]
	for i, r := range b.row {
		nums[i].Kind = r.kind
		off = len(b.buf)
		b.buf = appendText(b.buf, r.raw, b.mode)
		f := fieldRaw
		if number.IsE164(r.raw) {
			f = fieldRawE164
		}
		b.pend(0, &nums[i], f, off)
	}
	b.out[ci].Numbers = nums
	b.row = b.row[:0]
	if len(b.buf) >= flushAt {
		b.flush()
	}
}

func (b *builder) pend(ci int, n *contacts.Number, field uint8, off int) {
	if len(b.buf) > off {
		b.fills = append(b.fills, fill{contact: ci, number: n, field: field, off: off, end: len(b.buf)})
	}
}

// flush makes the pending strings.
func (b *builder) flush() {
	s := string(b.buf)
	for _, f := range b.fills {
		v := s[f.off:f.end]
		switch f.field {
		case fieldName:
			b.out[f.contact].Name = v
		case fieldCompany:
			b.out[f.contact].Company = v
		case fieldID:
			b.out[f.contact].ID = v
		case fieldRaw:
			f.number.Raw = v
		case fieldRawE164:
			f.number.Raw, f.number.E164 = v, v
		}
	}
	b.buf = b.buf[:0]
	b.fills = b.fills[:0]
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
