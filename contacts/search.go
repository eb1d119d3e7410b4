package contacts

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold lowers s and strips accents, so that "mull" finds "Müller" and
// "jose" finds "José"; German ß becomes ss.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // most names; no allocation when already lower
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// foldGerman spells umlauts out as ä → ae, the way they are typed on a
// keyboard without them: "mueller" finds "Müller" too.
func foldGerman(s string) string {
	if !strings.ContainsAny(s, "äöüÄÖÜ") {
		return fold(s)
	}
	return fold(umlauts.Replace(s))
}

var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, notWordRune)
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// wordIndex finds contacts by the words of their names and companies: the
// distinct folded words, sorted, each with the contacts having it. Names
// repeat (there are a great many Müllers), so this is a fraction of a list
// of every word of every contact.
type wordIndex struct {
	dict    []string // folded words, sorted
	offsets []uint32 // dict[i]'s contacts are postings[offsets[i]:offsets[i+1]]
	// postings holds each word's contacts in order as varint differences
	// from the one before (the first from 0): a word common enough to cost
	// much ("gmbh", "müller") has contacts close together, a byte each.
	postings []byte
}

// each calls f with the contacts of dict[i] in order.
func (wi *wordIndex) each(i int, f func(contact uint32)) {
	p, end := wi.offsets[i], wi.offsets[i+1]
	contact := uint64(0)
	for p < end {
		d, n := binary.Uvarint(wi.postings[p:end])
		p += uint32(n)
		contact += d
		f(uint32(contact))
	}
}

// wordPart collects the words of a run of contacts, for one worker of
// Build: each distinct word as written is folded once.
type wordPart struct {
	ids   map[string]uint32 // a word as written → vocab index
	vocab []foldedWord
	// occ holds the vocab indexes of each contact's words, the contacts
	// in order, each ended by endOfContact.
	occ []uint32
}

const endOfContact = ^uint32(0)

// foldedWord is a word as the index keeps it: folded, and with umlauts
// spelt out when that differs ("müller" and "mueller").
type foldedWord struct{ folded, german string }

func newWordPart(contacts int) wordPart {
	return wordPart{ids: map[string]uint32{}, occ: make([]uint32, 0, contacts*9)}
}

// add notes the words of the next contact.
func (p *wordPart) add(texts ...string) {
	for _, t := range texts {
		for i := 0; ; {
			var w string
			if w, i = nextWord(t, i); w == "" {
				break
			}
			id, ok := p.ids[w]
			if !ok {
				id = uint32(len(p.vocab))
				p.ids[w] = id
				f := foldedWord{folded: fold(w)}
				if !isASCII(w) {
					if g := foldGerman(w); g != f.folded {
						f.german = g
					}
				}
				p.vocab = append(p.vocab, f)
			}
			p.occ = append(p.occ, id)
		}
	}
	p.occ = append(p.occ, endOfContact)
}

// wordsBuilder merges the parts of consecutive runs of contacts into one
// wordIndex.
type wordsBuilder struct {
	parts []wordPart
	ranks [][][2]int32 // per part: each vocab word's dictionary ranks, -1 for no German form
	wi    wordIndex
}

func newWordsBuilder(parts []wordPart) *wordsBuilder {
	var all []string
	for _, p := range parts {
		for _, f := range p.vocab {
			all = append(all, f.folded)
			if f.german != "" {
				all = append(all, f.german)
			}
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	wb := &wordsBuilder{parts: parts, ranks: make([][][2]int32, len(parts)),
		wi: wordIndex{dict: all, offsets: make([]uint32, len(all)+1)}}
	parallel(len(parts), func(w int) {
		p := &parts[w]
		r := make([][2]int32, len(p.vocab))
		for i, f := range p.vocab {
			a, _ := slices.BinarySearch(all, f.folded)
			r[i] = [2]int32{int32(a), -1}
			if f.german != "" {
				b, _ := slices.BinarySearch(all, f.german)
				r[i][1] = int32(b)
			}
		}
		wb.ranks[w] = r
	})
	return wb
}

// build writes the postings: sized in one pass, written in a second, both
// going through every contact's words in contact order.
func (wb *wordsBuilder) build() wordIndex {
	last := make([]uint32, len(wb.wi.dict)) // per word: its last contact so far
	size := make([]uint32, len(wb.wi.dict))
	wb.eachPosting(func(rank int32, ci uint32) {
		size[rank] += uint32(uvarintLen(uint64(ci - last[rank])))
		last[rank] = ci
	})
	pos := uint32(0)
	for i, n := range size {
		wb.wi.offsets[i] = pos
		size[i] = pos // becomes the word's cursor
		pos += n
	}
	wb.wi.offsets[len(size)] = pos
	wb.wi.postings = make([]byte, pos)
	clear(last)
	wb.eachPosting(func(rank int32, ci uint32) {
		size[rank] += uint32(binary.PutUvarint(wb.wi.postings[size[rank]:], uint64(ci-last[rank])))
		last[rank] = ci
	})
	return wb.wi
}

// eachPosting calls f with each word's rank and contact, in contact order.
func (wb *wordsBuilder) eachPosting(f func(rank int32, contact uint32)) {
	ci := uint32(0)
	for w := range wb.parts {
		r := wb.ranks[w]
		for _, id := range wb.parts[w].occ {
			if id == endOfContact {
				ci++
				continue
			}
			f(r[id][0], ci)
			if r[id][1] >= 0 {
				f(r[id][1], ci)
			}
		}
	}
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// wordByte marks the ASCII letters and digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = !notWordRune(rune(c))
	}
	return t
}()

// nextWord returns the first word of s[i:] and where it ends, or "" when
// there is none: what strings.FieldsFunc(s, notWordRune) yields, without
// a slice or a function call per character.
func nextWord(s string, i int) (string, int) {
	start := -1
	for i < len(s) {
		c := s[i]
		word, n := false, 1
		if c < utf8.RuneSelf {
			word = wordByte[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			word = !notWordRune(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			return s[start:i], i
		}
		i += n
	}
	if start < 0 {
		return "", i
	}
	return s[start:], i
}

// Search finds contacts whose name or company has a word starting with each
// word of query, ignoring case and accents ("mull" finds "Müller", "ma
// mus" finds "Max Mustermann"). Results are in name order; at most limit.
// On an index just built of a large address book it first waits for the
// name words (a fraction of a second for a million contacts).
func (ix *Index) Search(query string, limit int) []Contact {
	q := splitWords(query)
	if len(q) == 0 || limit <= 0 {
		return nil
	}
	ix.WaitWords()
	for i := range q {
		q[i] = fold(q[i])
	}
	// Candidates come from the first query word; the others are checked
	// on each candidate.
	seen := map[uint32]bool{}
	var hits []uint32
	w := &ix.words
	i, _ := slices.BinarySearch(w.dict, q[0])
	for ; i < len(w.dict) && strings.HasPrefix(w.dict[i], q[0]); i++ {
		w.each(i, func(ci uint32) {
			if !seen[ci] {
				seen[ci] = true
				if len(q) == 1 || ix.hasAllWords(ci, q[1:]) {
					hits = append(hits, ci)
				}
			}
		})
	}
	names := make(map[uint32]string, len(hits))
	for _, ci := range hits {
		names[ci] = fold(ix.contacts[ci].Name)
	}
	slices.SortFunc(hits, func(a, b uint32) int {
		if c := strings.Compare(names[a], names[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Contact, len(hits))
	for k, ci := range hits {
		out[k] = ix.contacts[ci]
	}
	return out
}

func (ix *Index) hasAllWords(ci uint32, q []string) bool {
	c := &ix.contacts[ci]
	var ws []string
	for _, w := range splitWords(c.Name + " " + c.Company) {
		ws = append(ws, fold(w), foldGerman(w))
	}
	for _, want := range q {
		if !slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, want) }) {
			return false
		}
	}
	return true
}
