package contacts

import (
	"errors"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"deskcti/contacts/number"
)

// MatchKind says how a caller was found.
type MatchKind string

// The ways a number can match, strongest first.
const (
	// MatchExact: the number is stored as it is.
	MatchExact MatchKind = "exact"
	// MatchHead: a company's head number (+49 221 4711-0) with the caller's
	// extension after it (0221 4711 23 → extension 23).
	MatchHead MatchKind = "head"
	// MatchSuffix: only the trailing digits agree; a weak match.
	MatchSuffix MatchKind = "suffix"
	// MatchNone: nobody known.
	MatchNone MatchKind = "none"
)

// Result is the answer to a reverse lookup.
type Result struct {
	// Query is the number as received.
	Query string
	// E164 is the query normalised, empty when it does not parse.
	E164  string
	Match MatchKind
	// Contact and Number are the match; nil for MatchNone.
	Contact *Contact
	Number  *Number
	// Extension is the caller's extension behind a company head number.
	Extension string
}

// Weak reports a match by trailing digits only, which the UI should show
// as a guess.
func (r Result) Weak() bool { return r.Match == MatchSuffix }

// IndexOptions tune the lookup.
type IndexOptions struct {
	// MinSuffix is how many trailing digits must agree for a weak match;
	// 0 means 8.
	MinSuffix int
	// MaxExtension is the longest extension behind a head number; 0 means 5.
	MaxExtension int
}

// Index is an immutable lookup structure over contacts: built once, then
// read by any number of goroutines without locks. Keys are numbers packed
// into uint64 and kept in sorted slices, which costs a few bytes per number
// where a map of strings would cost ten times as much.
type Index struct {
	home     number.Home
	opt      IndexOptions
	contacts []Contact

	exactKeys  []uint64 // E.164 digits of every number, sorted
	exactRefs  []ref
	suffixKeys []uint64 // last MinSuffix digits of every number, sorted
	suffixRefs []ref
	words      []word // folded name and company words, sorted
}

// ref points at one number of one contact.
type ref struct {
	contact uint32
	number  uint16
}

type word struct {
	text    string
	contact uint32
}

// Normalize fills in Number.E164, relative to home, wherever a source left
// it empty. It writes into cs, so it is for contacts nobody else reads yet.
// Parsing is the costly part of loading an address book, so large ones are
// split over the CPUs.
func Normalize(cs []Contact, home number.Home) {
	const chunk = 4096
	workers := min(runtime.GOMAXPROCS(0), (len(cs)+chunk-1)/chunk)
	if workers <= 1 {
		normalize(cs, home)
		return
	}
	var wg sync.WaitGroup
	per := (len(cs) + workers - 1) / workers
	for lo := 0; lo < len(cs); lo += per {
		part := cs[lo:min(lo+per, len(cs))]
		wg.Go(func() { normalize(part, home) })
	}
	wg.Wait()
}

func normalize(cs []Contact, home number.Home) {
	for ci := range cs {
		for ni := range cs[ci].Numbers {
			n := &cs[ci].Numbers[ni]
			if n.E164 == "" {
				if p, err := number.Parse(n.Raw, home); err == nil {
					n.E164 = p.E164
				}
			}
		}
	}
}

// Build indexes contacts, which should have been through Normalize; it
// does not modify them, because the previous index may still be read.
// Numbers without an E.164 form are kept for the trailing-digits
// comparison.
func Build(cs []Contact, home number.Home, opt IndexOptions) *Index {
	if opt.MinSuffix <= 0 {
		opt.MinSuffix = 8
	}
	if opt.MaxExtension <= 0 {
		opt.MaxExtension = 5
	}
	ix := &Index{home: home, opt: opt, contacts: cs}
	n := 0
	for i := range cs {
		n += len(cs[i].Numbers)
	}
	ix.exactKeys, ix.exactRefs = make([]uint64, 0, n), make([]ref, 0, n)
	ix.suffixKeys, ix.suffixRefs = make([]uint64, 0, n), make([]ref, 0, n)
	for ci := range cs {
		c := &cs[ci]
		for ni := range c.Numbers {
			num := &c.Numbers[ni]
			r := ref{uint32(ci), uint16(ni)}
			digits := strings.TrimPrefix(num.E164, "+")
			if digits == "" {
				// Extensions, service numbers and whatever did not parse
				// match only the same digits, in a key space of their own.
				digits = strings.TrimPrefix(number.Digits(number.StripURI(num.Raw)), "+")
				if k, ok := pack(digits); ok {
					ix.exactKeys = append(ix.exactKeys, k|rawKey)
					ix.exactRefs = append(ix.exactRefs, r)
				}
			} else if k, ok := pack(digits); ok {
				ix.exactKeys = append(ix.exactKeys, k)
				ix.exactRefs = append(ix.exactRefs, r)
			}
			if len(digits) >= opt.MinSuffix {
				if k, ok := pack(digits[len(digits)-opt.MinSuffix:]); ok {
					ix.suffixKeys = append(ix.suffixKeys, k)
					ix.suffixRefs = append(ix.suffixRefs, r)
				}
			}
		}
		ix.addWords(uint32(ci), c.Name, c.Company)
	}
	sortPairs(ix.exactKeys, ix.exactRefs)
	sortPairs(ix.suffixKeys, ix.suffixRefs)
	slices.SortFunc(ix.words, func(a, b word) int { return strings.Compare(a.text, b.text) })
	return ix
}

// Len is the number of contacts indexed.
func (ix *Index) Len() int { return len(ix.contacts) }

// Contacts returns the indexed contacts; callers must not modify them.
func (ix *Index) Contacts() []Contact { return ix.contacts }

// pack turns up to 17 decimal digits (E.164 has at most 15) into one
// uint64: the value takes the low 57 bits, the length bits 58 to 62, so
// that "0049" and "49" stay different keys. Bit 63 is rawKey.
func pack(digits string) (uint64, bool) {
	if len(digits) == 0 || len(digits) > 17 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v | uint64(len(digits))<<58, true
}

// rawKey marks the key of a number that has no E.164 form (an extension
// such as "23", a service number, digits that did not parse): it matches
// only a caller whose digits are the same and who has no E.164 form either.
const rawKey = 1 << 63

type pairs struct {
	k []uint64
	r []ref
}

func (p pairs) Len() int           { return len(p.k) }
func (p pairs) Less(i, j int) bool { return p.k[i] < p.k[j] }
func (p pairs) Swap(i, j int) {
	p.k[i], p.k[j] = p.k[j], p.k[i]
	p.r[i], p.r[j] = p.r[j], p.r[i]
}

func sortPairs(k []uint64, r []ref) { sort.Stable(pairs{k, r}) }

// find returns the refs stored under key.
func find(keys []uint64, refs []ref, key uint64) []ref {
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

// Lookup finds who has the number raw (as the phone reported it: "+49…",
// "0049…", "0221…", a bare local number, "sip:…@host", "anonymous", "").
// It never blocks and never allocates more than the result.
func (ix *Index) Lookup(raw string) Result {
	res := Result{Query: raw, Match: MatchNone}
	p, err := number.Parse(raw, ix.home)
	var digits string
	if err == nil {
		res.E164 = p.E164
		digits = strings.TrimPrefix(p.E164, "+")
		if k, ok := pack(digits); ok {
			if rs := find(ix.exactKeys, ix.exactRefs, k); len(rs) > 0 {
				return ix.result(res, rs[0], MatchExact, "")
			}
		}
		if r, ext, ok := ix.head(digits, len(p.National)); ok {
			return ix.result(res, r, MatchHead, ext)
		}
	} else {
		digits = strings.TrimPrefix(number.Digits(number.StripURI(raw)), "+")
		var pe *number.ParseError
		if errors.As(err, &pe) {
			digits = strings.TrimPrefix(pe.Digits, "+")
		}
		if k, ok := pack(digits); ok {
			if rs := find(ix.exactKeys, ix.exactRefs, k|rawKey); len(rs) > 0 {
				return ix.result(res, rs[0], MatchExact, "")
			}
		}
	}
	if len(digits) >= ix.opt.MinSuffix {
		if k, ok := pack(digits[len(digits)-ix.opt.MinSuffix:]); ok {
			for _, r := range find(ix.suffixKeys, ix.suffixRefs, k) {
				if ix.suffixAgrees(r, digits) {
					return ix.result(res, r, MatchSuffix, "")
				}
			}
		}
	}
	return res
}

// head looks for a company head number: the caller's number with its last
// one to MaxExtension digits replaced by "0" (+49 221 4711-0) or dropped
// (+49 221 4711). At least four digits of the national number stay, so
// that an area code alone never matches.
func (ix *Index) head(digits string, national int) (ref, string, bool) {
	cc := len(digits) - national
	for cut := 1; cut <= ix.opt.MaxExtension && len(digits)-cut >= cc+4; cut++ {
		base, ext := digits[:len(digits)-cut], digits[len(digits)-cut:]
		for _, cand := range []string{base + "0", base} {
			if cand == digits {
				continue
			}
			if k, ok := pack(cand); ok {
				if rs := find(ix.exactKeys, ix.exactRefs, k); len(rs) > 0 {
					return rs[0], ext, true
				}
			}
		}
	}
	return ref{}, "", false
}

// suffixAgrees confirms a trailing-digits candidate: the shorter of the two
// digit strings must be the end of the longer one.
func (ix *Index) suffixAgrees(r ref, digits string) bool {
	n := &ix.contacts[r.contact].Numbers[r.number]
	stored := strings.TrimPrefix(n.E164, "+")
	if stored == "" {
		stored = strings.TrimPrefix(number.Digits(n.Raw), "+")
	}
	if len(stored) > len(digits) {
		return strings.HasSuffix(stored, digits)
	}
	return strings.HasSuffix(digits, stored)
}

func (ix *Index) result(res Result, r ref, m MatchKind, ext string) Result {
	c := &ix.contacts[r.contact]
	res.Contact, res.Number, res.Match, res.Extension = c, &c.Numbers[r.number], m, ext
	return res
}
