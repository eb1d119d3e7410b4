package contacts

import (
	"slices"
	"strings"
	"unicode"

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
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func (ix *Index) addWords(ci uint32, texts ...string) {
	for _, t := range texts {
		for _, w := range splitWords(t) {
			f := fold(w)
			ix.words = append(ix.words, word{f, ci})
			if isASCII(w) {
				continue
			}
			if g := foldGerman(w); g != f {
				ix.words = append(ix.words, word{g, ci})
			}
		}
	}
}

// Search finds contacts whose name or company has a word starting with each
// word of query, ignoring case and accents ("mull" finds "Müller", "ma
// mus" finds "Max Mustermann"). Results are in name order; at most limit.
func (ix *Index) Search(query string, limit int) []Contact {
	q := splitWords(query)
	if len(q) == 0 || limit <= 0 {
		return nil
	}
	for i := range q {
		q[i] = fold(q[i])
	}
	// Candidates come from the first query word; the others are checked
	// on each candidate.
	seen := map[uint32]bool{}
	var hits []uint32
	i, _ := slices.BinarySearchFunc(ix.words, q[0], func(w word, t string) int { return strings.Compare(w.text, t) })
	for ; i < len(ix.words) && strings.HasPrefix(ix.words[i].text, q[0]); i++ {
		ci := ix.words[i].contact
		if seen[ci] {
			continue
		}
		seen[ci] = true
		if ix.hasAllWords(ci, q[1:]) {
			hits = append(hits, ci)
		}
	}
	slices.SortFunc(hits, func(a, b uint32) int {
		return strings.Compare(fold(ix.contacts[a].Name), fold(ix.contacts[b].Name))
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
