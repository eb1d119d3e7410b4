package contacts

import (
	"runtime"
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
// read by any number of goroutines without locks. Numbers are packed into
// uint64 keys in two static hash tables (keyTable), the whole number and
// its last MinSuffix digits, which point at contacts only: a contact has
// few numbers, and the one that matched is found again among them. Names
// and companies are a sorted dictionary of folded words, each with the
// contacts that have it. Per number that is some 30 bytes where maps of
// strings would cost ten times as much.
type Index struct {
	home     number.Home
	opt      IndexOptions
	contacts []Contact

	exact  keyTable // E.164 digits of every number (raw digits | rawKey without one)
	suffix keyTable // the last MinSuffix of those digits
	words  wordIndex
	// wordsDone is closed once words is built. Finding callers by their
	// number is what an index is built for first: for a large address
	// book Build returns as soon as it can do that, and the name words
	// follow in the background (see Search).
	wordsDone chan struct{}
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
	var e e164Writer
	for ci := range cs {
		e.numbers(cs[ci].Numbers, home)
	}
	e.flush()
}

// e164Writer writes the E.164 forms of many numbers into one buffer that
// becomes one string: a million numbers are then a few hundred
// allocations instead of a million.
type e164Writer struct {
	buf     []byte
	pending []*Number
	ends    []int
}

// numbers fills in ns' empty E164 fields, perhaps only at the next flush.
func (e *e164Writer) numbers(ns []Number, home number.Home) {
	const flushAt = 32 << 10
	for i := range ns {
		n := &ns[i]
		if n.E164 != "" {
			continue
		}
		var ok bool
		if e.buf, ok = number.AppendE164(e.buf, n.Raw, home); ok {
			e.pending = append(e.pending, n)
			e.ends = append(e.ends, len(e.buf))
		}
	}
	if len(e.buf) >= flushAt {
		e.flush()
	}
}

// flush fills in the pending E164 fields.
func (e *e164Writer) flush() {
	s := string(e.buf)
	off := 0
	for i, n := range e.pending {
		n.E164 = s[off:e.ends[i]]
		off = e.ends[i]
	}
	e.buf, e.pending, e.ends = e.buf[:0], e.pending[:0], e.ends[:0]
}

// Build indexes contacts, which should have been through Normalize; it
// does not modify them, because the previous index may still be read.
// Numbers without an E.164 form are kept for the trailing-digits
// comparison. Large address books are indexed on every CPU, and their
// names for Search in the background, after Build has returned.
func Build(cs []Contact, home number.Home, opt IndexOptions) *Index {
	if opt.MinSuffix <= 0 {
		opt.MinSuffix = 8
	}
	if opt.MaxExtension <= 0 {
		opt.MaxExtension = 5
	}
	ix := &Index{home: home, opt: opt, contacts: cs}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(cs)/buildChunk))
	numbers := make([]int, workers) // per worker
	for w := range numbers {
		for i := len(cs) * w / workers; i < len(cs)*(w+1)/workers; i++ {
			numbers[w] += len(cs[i].Numbers)
		}
	}
	ix.wordsDone = make(chan struct{})
	words := func() {
		defer close(ix.wordsDone)
		parts := make([]wordPart, workers)
		parallel(workers, func(w int) {
			lo, hi := len(cs)*w/workers, len(cs)*(w+1)/workers
			parts[w] = newWordPart(hi - lo)
			for ci := lo; ci < hi; ci++ {
				parts[w].add(cs[ci].Name, cs[ci].Company)
			}
		})
		ix.words = newWordsBuilder(parts).build()
	}
	const exact, suffix = 0, 1
	tables := buildTables(2, numbers, func(w int, emit func(int, uint64, uint32, uint32)) {
		lo, hi := len(cs)*w/workers, len(cs)*(w+1)/workers
		for ci := lo; ci < hi; ci++ {
			for ni := range cs[ci].Numbers {
				digits, k, ok := numberKey(&cs[ci].Numbers[ni])
				if ok {
					emit(exact, k, uint32(ci), uint32(ni))
				}
				if k, ok := ix.suffixKey(digits); ok {
					emit(suffix, k, uint32(ci), uint32(ni))
				}
			}
		}
	})
	ix.exact, ix.suffix = tables[exact], tables[suffix]
	if len(cs) < backgroundWords {
		words()
	} else {
		go words() // after the tables: they are what a call waits for
	}
	return ix
}

// backgroundWords is the size of an address book from which Build leaves
// the name words to a goroutine.
const backgroundWords = 4096

// WaitWords returns once the name search is ready; Search waits for it
// by itself. It is for callers that want to know, such as a benchmark
// weighing the whole index.
func (ix *Index) WaitWords() { <-ix.wordsDone }

// buildChunk is the fewest contacts per worker of Build: fewer are not
// worth a goroutine. The tests lower it to have small address books
// built by several workers.
var buildChunk = 4096

// parallel runs f(0) … f(n-1) at the same time and waits for them.
func parallel(n int, f func(int)) {
	if n == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() { f(w) })
	}
	wg.Wait()
}

// numberKey returns the digits a stored number is compared by and its
// exact key: its E.164 digits; or, for a number without an E.164 form
// (extensions, service numbers, whatever did not parse), the digits as
// written, in a key space of their own (rawKey) so that they match only
// the same digits.
func numberKey(n *Number) (digits string, key uint64, ok bool) {
	digits = strings.TrimPrefix(n.E164, "+")
	if digits == "" {
		digits = strings.TrimPrefix(number.Digits(number.StripURI(n.Raw)), "+")
		key, ok = pack(digits)
		return digits, key | rawKey, ok
	}
	key, ok = pack(digits)
	return digits, key, ok
}

// suffixKey is the key of the last MinSuffix digits.
func (ix *Index) suffixKey(digits string) (uint64, bool) {
	if len(digits) < ix.opt.MinSuffix {
		return 0, false
	}
	return pack(digits[len(digits)-ix.opt.MinSuffix:])
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

// packedValue is the digits' value in a key of pack.
func packedValue(k uint64) uint64 { return k & (1<<58 - 1) }

// rawKey marks the key of a number that has no E.164 form (an extension
// such as "23", a service number, digits that did not parse): it matches
// only a caller whose digits are the same and who has no E.164 form either.
const rawKey = 1 << 63

// findExact returns the first number (in contact order, then the
// contact's own) whose exact key is k.
func (ix *Index) findExact(k uint64) (ci uint32, ni int, ok bool) {
	ix.exact.numbers(k, func(c, n uint32) bool {
		ci, ni, ok = c, int(n), true
		return false
	})
	return ci, ni, ok
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
			if ci, ni, ok := ix.findExact(k); ok {
				return ix.result(res, ci, ni, MatchExact, "")
			}
		}
		if ci, ni, ext, ok := ix.head(digits, len(p.National)); ok {
			return ix.result(res, ci, ni, MatchHead, ext)
		}
	} else {
		// Parse returns a *ParseError as it is, never wrapped.
		if pe, ok := err.(*number.ParseError); ok {
			digits = strings.TrimPrefix(pe.Digits, "+")
		} else {
			digits = strings.TrimPrefix(number.Digits(number.StripURI(raw)), "+")
		}
		if k, ok := pack(digits); ok {
			if ci, ni, ok := ix.findExact(k | rawKey); ok {
				return ix.result(res, ci, ni, MatchExact, "")
			}
		}
	}
	if ci, ni, ok := ix.bySuffix(digits); ok {
		return ix.result(res, ci, ni, MatchSuffix, "")
	}
	return res
}

// head looks for a company head number: the caller's number with its last
// one to MaxExtension digits replaced by "0" (+49 221 4711-0) or dropped
// (+49 221 4711). At least four digits of the national number stay, so
// that an area code alone never matches.
func (ix *Index) head(digits string, national int) (ci uint32, ni int, ext string, ok bool) {
	// The keys to try, in order: for each cut base+"0" (unless that is
	// the caller's own number), then base; as keys, as packing the
	// strings would allocate.
	type try struct {
		key uint64
		cut int
		bit bool // the bucket's mask has the key's bit
	}
	// A base packs only with 4 to 17 digits: at most 14 cuts give keys.
	var tries [28]try
	n := 0
	cc := len(digits) - national
	for cut := 1; cut <= ix.opt.MaxExtension && len(digits)-cut >= cc+4 && n+2 <= len(tries); cut++ {
		base, ext := digits[:len(digits)-cut], digits[len(digits)-cut:]
		k, ok := pack(base)
		if !ok {
			continue
		}
		if l := len(base) + 1; l <= 17 && !(cut == 1 && ext == "0") {
			tries[n] = try{key: packedValue(k)*10 | uint64(l)<<58, cut: cut}
			n++
		}
		tries[n] = try{key: k, cut: cut}
		n++
	}
	// Each key's mask is a cache miss in a large book: read them all
	// first, so that the misses overlap instead of coming one by one.
	for i := range tries[:n] {
		tries[i].bit = ix.exact.mayHave(hashKey(tries[i].key))
	}
	for _, t := range tries[:n] {
		if !t.bit {
			continue
		}
		if ci, ni, ok := ix.findExact(t.key); ok {
			return ci, ni, digits[len(digits)-t.cut:], true
		}
	}
	return 0, 0, "", false
}

// bySuffix looks for a stored number whose last MinSuffix digits are the
// caller's, confirmed by suffixAgrees.
func (ix *Index) bySuffix(digits string) (uint32, int, bool) {
	k, ok := ix.suffixKey(digits)
	if !ok {
		return 0, 0, false
	}
	var (
		hit   uint32
		hitNo int
		found bool
	)
	ix.suffix.numbers(k, func(ci, ni uint32) bool {
		if suffixAgrees(&ix.contacts[ci].Numbers[ni], digits) {
			hit, hitNo, found = ci, int(ni), true
			return false
		}
		return true
	})
	return hit, hitNo, found
}

// suffixAgrees confirms a trailing-digits candidate: the shorter of the two
// digit strings must be the end of the longer one.
func suffixAgrees(n *Number, digits string) bool {
	stored := strings.TrimPrefix(n.E164, "+")
	if stored == "" {
		stored = strings.TrimPrefix(number.Digits(n.Raw), "+")
	}
	if len(stored) > len(digits) {
		return strings.HasSuffix(stored, digits)
	}
	return strings.HasSuffix(digits, stored)
}

func (ix *Index) result(res Result, ci uint32, ni int, m MatchKind, ext string) Result {
	c := &ix.contacts[ci]
	res.Contact, res.Number, res.Match, res.Extension = c, &c.Numbers[ni], m, ext
	return res
}
