package contacts

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"deskcti/contacts/number"
)

// refIndex is the index as it was before the hash tables: sorted arrays of
// keys, each with the (contact, number) it came from, bisected. The tests
// below hold Index.Lookup to its answers.
type refIndex struct {
	ix                   *Index // for contacts, home and options
	exactKeys, sfxKeys   []uint64
	exactRefs, sfxRefs   []refRef
	minSuffix, maxExtLen int
}

type refRef struct {
	contact uint32
	number  uint16
}

func newRefIndex(ix *Index) *refIndex {
	r := &refIndex{ix: ix, minSuffix: ix.opt.MinSuffix, maxExtLen: ix.opt.MaxExtension}
	for ci := range ix.contacts {
		for ni := range ix.contacts[ci].Numbers {
			n := &ix.contacts[ci].Numbers[ni]
			ref := refRef{uint32(ci), uint16(ni)}
			digits := strings.TrimPrefix(n.E164, "+")
			if digits == "" {
				digits = strings.TrimPrefix(number.Digits(number.StripURI(n.Raw)), "+")
				if k, ok := pack(digits); ok {
					r.exactKeys, r.exactRefs = append(r.exactKeys, k|rawKey), append(r.exactRefs, ref)
				}
			} else if k, ok := pack(digits); ok {
				r.exactKeys, r.exactRefs = append(r.exactKeys, k), append(r.exactRefs, ref)
			}
			if len(digits) >= r.minSuffix {
				if k, ok := pack(digits[len(digits)-r.minSuffix:]); ok {
					r.sfxKeys, r.sfxRefs = append(r.sfxKeys, k), append(r.sfxRefs, ref)
				}
			}
		}
	}
	sortRefs(r.exactKeys, r.exactRefs)
	sortRefs(r.sfxKeys, r.sfxRefs)
	return r
}

type refPairs struct {
	k []uint64
	r []refRef
}

func (p refPairs) Len() int           { return len(p.k) }
func (p refPairs) Less(i, j int) bool { return p.k[i] < p.k[j] }
func (p refPairs) Swap(i, j int) {
	p.k[i], p.k[j] = p.k[j], p.k[i]
	p.r[i], p.r[j] = p.r[j], p.r[i]
}

func sortRefs(k []uint64, r []refRef) { sort.Stable(refPairs{k, r}) }

func refFind(keys []uint64, refs []refRef, key uint64) []refRef {
	i, found := slices.BinarySearch(keys, key)
	if !found {
		return nil
	}
	j := i
	for j < len(keys) && keys[j] == key {
		j++
	}
	return refs[i:j]
}

func (r *refIndex) lookup(raw string) Result {
	res := Result{Query: raw, Match: MatchNone}
	p, err := number.Parse(raw, r.ix.home)
	var digits string
	if err == nil {
		res.E164 = p.E164
		digits = strings.TrimPrefix(p.E164, "+")
		if k, ok := pack(digits); ok {
			if rs := refFind(r.exactKeys, r.exactRefs, k); len(rs) > 0 {
				return r.result(res, rs[0], MatchExact, "")
			}
		}
		cc := len(digits) - len(p.National)
		for cut := 1; cut <= r.maxExtLen && len(digits)-cut >= cc+4; cut++ {
			base, ext := digits[:len(digits)-cut], digits[len(digits)-cut:]
			for _, cand := range []string{base + "0", base} {
				if cand == digits {
					continue
				}
				if k, ok := pack(cand); ok {
					if rs := refFind(r.exactKeys, r.exactRefs, k); len(rs) > 0 {
						return r.result(res, rs[0], MatchHead, ext)
					}
				}
			}
		}
	} else {
		digits = strings.TrimPrefix(number.Digits(number.StripURI(raw)), "+")
		var pe *number.ParseError
		if errors.As(err, &pe) {
			digits = strings.TrimPrefix(pe.Digits, "+")
		}
		if k, ok := pack(digits); ok {
			if rs := refFind(r.exactKeys, r.exactRefs, k|rawKey); len(rs) > 0 {
				return r.result(res, rs[0], MatchExact, "")
			}
		}
	}
	if len(digits) >= r.minSuffix {
		if k, ok := pack(digits[len(digits)-r.minSuffix:]); ok {
			for _, ref := range refFind(r.sfxKeys, r.sfxRefs, k) {
				if suffixAgrees(&r.ix.contacts[ref.contact].Numbers[ref.number], digits) {
					return r.result(res, ref, MatchSuffix, "")
				}
			}
		}
	}
	return res
}

func (r *refIndex) result(res Result, ref refRef, m MatchKind, ext string) Result {
	c := &r.ix.contacts[ref.contact]
	res.Contact, res.Number, res.Match, res.Extension = c, &c.Numbers[ref.number], m, ext
	return res
}

// crowd makes n contacts whose numbers collide on purpose: shared head
// numbers and extensions, the same number in several contacts (and twice
// in one), numbers that differ only before their last eight digits, raw
// numbers that do not parse.
func crowd(n int, rng *rand.Rand) []Contact {
	areas := []string{"221", "30", "89", "2241", "40"}
	cs := make([]Contact, n)
	for i := range cs {
		area := areas[rng.IntN(len(areas))]
		head := strconv.Itoa(4700 + rng.IntN(40))
		var nums []Number
		for range 1 + rng.IntN(3) {
			var raw string
			switch rng.IntN(9) {
			case 0:
				raw = "0" + area + " " + head + "-0"
			case 1:
				raw = "+49 " + area + " " + head + strconv.Itoa(rng.IntN(100))
			case 2:
				raw = "0" + area + " " + head
			case 3:
				raw = "+49 17" + strconv.Itoa(rng.IntN(10)) + " " + strconv.Itoa(1000000+rng.IntN(300))
			case 4:
				raw = strconv.Itoa(10 + rng.IntN(30)) // an extension
			case 5:
				raw = "99 " + strconv.Itoa(10000000+rng.IntN(50)) // no E.164 form
			case 6:
				raw = "+1 212 555 01" + strconv.Itoa(10+rng.IntN(20))
			case 7:
				raw = "+43 1 " + strconv.Itoa(5880000+rng.IntN(100))
			default:
				raw = "116 117"
			}
			nums = append(nums, Number{Kind: Work, Raw: raw})
		}
		if rng.IntN(10) == 0 {
			nums = append(nums, nums[0]) // the same number twice
		}
		cs[i] = Contact{Name: fmt.Sprintf("Kontakt %d", i), Company: "Firma " + head, Numbers: nums}
	}
	Normalize(cs, koeln)
	return cs
}

func crowdQueries(rng *rand.Rand, count int) []string {
	qs := []string{"", "anonymous", "23", "116117", "0221", "+49 221", "sip:4711@pbx"}
	for range count {
		area := []string{"221", "30", "89", "2241", "40", "69"}[rng.IntN(6)]
		head := strconv.Itoa(4700 + rng.IntN(45))
		switch rng.IntN(7) {
		case 0:
			qs = append(qs, "0"+area+head+strconv.Itoa(rng.IntN(1000)))
		case 1:
			qs = append(qs, "+49"+area+head+strconv.Itoa(rng.IntN(100)))
		case 2:
			qs = append(qs, "sip:0"+area+head+"@pbx")
		case 3:
			qs = append(qs, "017"+strconv.Itoa(rng.IntN(10))+strconv.Itoa(1000000+rng.IntN(320)))
		case 4:
			qs = append(qs, strconv.Itoa(10+rng.IntN(40)))
		case 5:
			qs = append(qs, "0099 "+strconv.Itoa(10000000+rng.IntN(60)))
		default:
			qs = append(qs, "+43 1 "+strconv.Itoa(5880000+rng.IntN(120)))
		}
	}
	return qs
}

// TestLookupAgreesWithSortedIndex compares every answer of Lookup with
// the sorted-array index's, on address books big enough for Build to use
// several workers and the tables many buckets, and full of collisions.
func TestLookupAgreesWithSortedIndex(t *testing.T) {
	severalWorkers(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for _, size := range []int{0, 1, 9, 3000, 8000} {
		for _, opt := range []IndexOptions{{}, {MinSuffix: 6, MaxExtension: 3}, {MinSuffix: 12}} {
			cs := crowd(size, rng)
			ix := Build(cs, koeln, opt)
			ref := newRefIndex(ix)
			hits := 0
			for _, q := range crowdQueries(rng, 1500) {
				got, want := ix.Lookup(q), ref.lookup(q)
				if got != want {
					t.Fatalf("%d contacts, %+v: Lookup(%q) = %s %v ext %q, sorted index %s %v ext %q", size, opt, q,
						got.Match, got.Number, got.Extension, want.Match, want.Number, want.Extension)
				}
				if got.Match != MatchNone {
					hits++
				}
			}
			if size > 1000 && hits < 500 {
				t.Errorf("%d contacts: only %d hits: the queries miss the numbers", size, hits)
			}
		}
	}
}

// refSearch is Search by looking at every contact, whose folded words
// are in words and folded names in names.
func refSearch(cs []Contact, words [][]string, names []string, query string, limit int) []Contact {
	q := splitWords(query)
	if len(q) == 0 || limit <= 0 {
		return nil
	}
	for i := range q {
		q[i] = fold(q[i])
	}
	var hits []int
	for ci := range cs {
		all := true
		for _, want := range q {
			all = all && slices.ContainsFunc(words[ci], func(w string) bool { return strings.HasPrefix(w, want) })
		}
		if all {
			hits = append(hits, ci)
		}
	}
	slices.SortFunc(hits, func(a, b int) int {
		if c := strings.Compare(names[a], names[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	var out []Contact
	for _, ci := range hits[:min(limit, len(hits))] {
		out = append(out, cs[ci])
	}
	return out
}

// severalWorkers makes Build split even small address books between
// workers, as it does large ones.
func severalWorkers(t *testing.T) {
	old := buildChunk
	buildChunk = 64
	t.Cleanup(func() { buildChunk = old })
}

func TestSearchAgreesWithScan(t *testing.T) {
	severalWorkers(t)
	rng := rand.New(rand.NewPCG(9, 10))
	given := []string{"Jürgen", "Jurgen", "Juergen", "Anna", "José", "Zoë", "Özlem", "Max", "MAX", "Ærø"}
	family := []string{"Müller", "Mueller", "Muller", "Mustermann", "Straße", "Álvarez", "O'Brien", "Weiß-Groß"}
	companies := []string{"", "Bäckerei Müller GmbH", "ACME AG", "Müller & Söhne", "Straßenbau KG 2"}
	cs := make([]Contact, 4000)
	words, names := make([][]string, len(cs)), make([]string, len(cs))
	for i := range cs {
		cs[i] = Contact{Name: given[rng.IntN(len(given))] + " " + family[rng.IntN(len(family))],
			Company: companies[rng.IntN(len(companies))], Numbers: []Number{{Raw: "0221 4711"}}}
		for _, w := range splitWords(cs[i].Name + " " + cs[i].Company) {
			words[i] = append(words[i], fold(w), foldGerman(w))
		}
		names[i] = fold(cs[i].Name)
	}
	ix := Build(cs, koeln, IndexOptions{})
	for _, q := range []string{"mull", "mueller", "müller", "jur", "juergen", "max mus", "strasse", "straß",
		"alv", "o", "brien", "weiss gross", "söhne", "acme", "zz", "2", "bäck mü", "ae", "ærø", "zo"} {
		for _, limit := range []int{1, 7, 1 << 20} {
			got, want := ix.Search(q, limit), refSearch(cs, words, names, q, limit)
			if len(got) != len(want) {
				t.Fatalf("Search(%q, %d): %d contacts, scan %d", q, limit, len(got), len(want))
			}
			for i := range got {
				if got[i].Name != want[i].Name || got[i].Company != want[i].Company {
					t.Fatalf("Search(%q, %d)[%d] = %q, scan %q", q, limit, i, got[i].Name, want[i].Name)
				}
			}
		}
	}
}
