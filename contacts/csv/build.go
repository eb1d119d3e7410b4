package csv

import (
	"strconv"
	"strings"
	"unsafe"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// builder turns rows into contacts with few allocations: the text of many
// contacts goes into one arena that its strings point into, and their
// numbers share one backing array. Copying also matters for memory: a
// substring of a record would keep the whole row, notes and addresses
// included, alive for as long as the index holds the contact.
//
// A large file is sized after its first rows (see reserve): the contacts,
// their numbers and their text are then allocated once. Besides sparing
// the copying of growing arrays, that sets the garbage collector's pace
// while the arrays are still empty and cheap to scan, instead of having
// it scan them full, twice, as they grow.
type builder struct {
	source, uri string
	mode        textMode
	out         []contacts.Contact
	// arena holds the text of the contacts' strings: bytes once written
	// are never changed, and new ones are only ever appended within its
	// capacity, so strings can point into it (see text).
	arena []byte
	nums  []contacts.Number // spare room for numbers of coming contacts
	row   []rawNumber       // the numbers of the row at hand
	// normalizer, if any, gets the numbers of nums from handed on, a
	// batch at a time.
	normalizer *contacts.Normalizer
	handed     int
	// numbers and textBytes count what the contacts so far took, for
	// reserve.
	numbers, textBytes int
}

// arenaChunk is the arena's size until reserve knows better.
const arenaChunk = 32 << 10

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

// room makes sure the arena can take n more bytes without growing: a
// grown arena would be a copy, and the strings already made would point
// into the old one.
func (b *builder) room(n int) {
	if cap(b.arena)-len(b.arena) < n {
		b.arena = make([]byte, 0, max(arenaChunk, n))
	}
}

// seal returns the text appended to the arena since off as a string.
func (b *builder) seal(off int) string {
	if len(b.arena) == off {
		return ""
	}
	b.textBytes += len(b.arena) - off
	return unsafe.String(&b.arena[off], len(b.arena)-off)
}

// text is s, a field as read from the file, as a string of the arena.
func (b *builder) text(s string) string {
	b.room(utf8Max(s))
	off := len(b.arena)
	b.arena = b.appendText(b.arena, s)
	return b.seal(off)
}

func (b *builder) appendText(dst []byte, s string) []byte { return appendText(dst, s, b.mode) }

// utf8Max is the most bytes appendText makes of s: a byte that is not
// UTF-8 becomes a character of up to three.
func utf8Max(s string) int { return 3 * len(s) }

// add makes a contact of the row at hand, if it has a number.
func (b *builder) add(row int, display, given, middle, family, company string) {
	if len(b.row) == 0 {
		return
	}
	b.out = append(b.out, contacts.Contact{})
	c := &b.out[len(b.out)-1] // filled in place: a Contact is 104 bytes
	c.Source, c.OpenURI = b.source, b.uri
	if display != "" {
		c.Name = b.text(display)
	} else {
		b.room(utf8Max(given) + utf8Max(middle) + utf8Max(family) + 2)
		off := len(b.arena)
		for _, p := range [...]string{given, middle, family} {
			if p == "" {
				continue
			}
			if len(b.arena) > off {
				b.arena = append(b.arena, ' ')
			}
			b.arena = b.appendText(b.arena, p)
		}
		c.Name = b.seal(off)
	}
	c.Company = b.text(company)
	b.room(len("row ") + 20)
	off := len(b.arena)
	b.arena = strconv.AppendInt(append(b.arena, "row "...), int64(row), 10)
	c.ID = b.seal(off)

	// Work numbers first, faxes last, else as in the file: the first
	// number is the one a pop-up or a call-back shows. (An insertion
	// sort: rows have a handful of numbers, and it is stable.)
	for i := 1; i < len(b.row); i++ {
		for j := i; j > 0 && rank(b.row[j].kind) < rank(b.row[j-1].kind); j-- {
			b.row[j], b.row[j-1] = b.row[j-1], b.row[j]
		}
	}
	n := len(b.row)
	if cap(b.nums)-len(b.nums) < n {
		b.newNums(max(1024, n))
	}
	c.Numbers = b.nums[len(b.nums) : len(b.nums)+n : len(b.nums)+n]
	b.nums = b.nums[:len(b.nums)+n]
	for i, r := range b.row {
		num := &c.Numbers[i]
		num.Kind = r.kind
		num.Raw = b.text(r.raw)
		if number.IsE164(num.Raw) {
			num.E164 = num.Raw
		}
	}
	b.numbers += n
	b.row = b.row[:0]
	if len(b.nums)-b.handed >= normalizeBatch {
		b.handOver()
	}
}

// normalizeBatch is how many numbers go to the normalizer at a time.
const normalizeBatch = 2048

// handOver gives the normalizer the numbers made since the last time.
func (b *builder) handOver() {
	if b.normalizer != nil {
		b.normalizer.Add(b.nums[b.handed:len(b.nums):len(b.nums)])
	}
	b.handed = len(b.nums)
}

// newNums starts a new array for numbers with room for n.
func (b *builder) newNums(n int) {
	b.handOver()
	b.nums, b.handed = make([]contacts.Number, 0, n), 0
}

// reserve makes room, all at once, for contacts of rows more rows like
// the ones so far, of which there were done.
func (b *builder) reserve(done, rows int) {
	if done == 0 || rows <= 0 {
		return
	}
	// A little over: rows later in a file tend to be longer (growing
	// numbers in IDs, addresses filled in), and one more growth costs a
	// copy of everything.
	scale := func(n int) int { return n*rows/done + n*rows/done/32 + 64 }
	if want := len(b.out) + scale(len(b.out)); cap(b.out) < want || cap(b.out) > want+want/8 {
		out := make([]contacts.Contact, len(b.out), want)
		copy(out, b.out)
		b.out = out
	}
	b.newNums(scale(b.numbers))
	b.arena = make([]byte, 0, scale(b.textBytes))
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
