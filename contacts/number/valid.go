package number

import (
	"regexp"

	"github.com/nyaruka/phonenumbers"
)

// This file answers phonenumbers.IsValidNumber and GetRegionCodeForNumber
// for a number given as country code and national significant number,
// following the library's own steps (phonenumberutil.go: IsValidNumber,
// getRegionCodeForNumberFromRegionList, getNumberTypeHelper,
// isNumberMatchingDesc) but matching the patterns with digitDFA instead
// of regexp. The library spends most of a parse there: building pattern
// strings, a locked cache look-up and a backtracking match, per number
// type, per number. TestValidAgreesWithPhonenumbers and FuzzValidNational
// hold the two to the same answers.

// descMatcher is one PhoneNumberDesc: its possible lengths and pattern.
type descMatcher struct {
	lengths []int32 // empty: any length (the general description's apply)
	dfa     *digitDFA
	re      *regexp.Regexp // when the pattern could not be compiled to a DFA
}

func newDescMatcher(d *phonenumbers.PhoneNumberDesc) descMatcher {
	m := descMatcher{lengths: d.GetPossibleLength()}
	p := d.GetNationalNumberPattern()
	if dfa, ok := compileDFA(p); ok {
		m.dfa = dfa
	} else {
		m.re = regexp.MustCompile("^(?:" + p + ")$")
	}
	return m
}

// lengthOK is the possible-length half of isNumberPossibleForDesc.
func (m *descMatcher) lengthOK(n int) bool {
	if len(m.lengths) == 0 {
		return true
	}
	for _, l := range m.lengths {
		if int(l) == n {
			return true
		}
	}
	return false
}

// matches is isNumberMatchingDesc.
func (m *descMatcher) matches(nsn []byte) bool {
	if !m.lengthOK(len(nsn)) {
		return false
	}
	if m.dfa != nil {
		return m.dfa.full(nsn)
	}
	return m.re.MatchString(string(nsn)) // Match would let nsn escape: callers' buffers are on the stack
}

// validator is one country's (or non-geographic entity's) metadata
// prepared for validation.
type validator struct {
	cc      int
	general descMatcher
	// special holds premium rate, toll free, shared cost, VoIP, personal,
	// pager, UAN and voicemail: any of them makes a number valid.
	special                [8]descMatcher
	fixed, mobile          descMatcher
	sameMobileAndFixedLine bool
	leading                *digitDFA // leading digits that pick this region among its country code's
	leadingRe              *regexp.Regexp
	hasLeading             bool
	// all answers known in one walk of one table; nil when a pattern
	// needed regexp.
	all *digitDFA
}

func newValidator(md *phonenumbers.PhoneMetadata) *validator {
	v := &validator{
		cc:                     int(md.GetCountryCode()),
		general:                newDescMatcher(md.GetGeneralDesc()),
		fixed:                  newDescMatcher(md.GetFixedLine()),
		mobile:                 newDescMatcher(md.GetMobile()),
		sameMobileAndFixedLine: md.GetSameMobileAndFixedLinePattern(),
	}
	for i, d := range []*phonenumbers.PhoneNumberDesc{md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(),
		md.GetVoip(), md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail()} {
		v.special[i] = newDescMatcher(d)
	}
	if ld := md.GetLeadingDigits(); ld != "" {
		v.hasLeading = true
		if dfa, ok := compileDFA(ld); ok {
			v.leading = dfa
		} else {
			v.leadingRe = regexp.MustCompile("^(?:" + ld + ")")
		}
	}
	v.all = v.product()
	if v.all != nil {
		v.all.pairUp()
	}
	return v
}

// known is getNumberTypeHelper(nsn) != UNKNOWN.
func (v *validator) known(nsn []byte) bool {
	if v.all != nil {
		return v.all.full(nsn)
	}
	return v.knownEach(nsn)
}

// knownEach is known the way phonenumbers goes: one description after
// the other.
func (v *validator) knownEach(nsn []byte) bool {
	if !v.general.matches(nsn) {
		return false
	}
	for i := range v.special {
		if v.special[i].matches(nsn) {
			return true
		}
	}
	if v.fixed.matches(nsn) {
		return true
	}
	return !v.sameMobileAndFixedLine && v.mobile.matches(nsn)
}

// product builds one automaton for known: the product of the
// descriptions' automata, whose states also count the digits read, so
// that each state knows which descriptions accept there at that length.
// Walking eleven automata a number, most of them to a dead end, costs ten
// times as much; the product of even the largest plans has under 500
// states (Germany's has some 350).
func (v *validator) product() *digitDFA {
	comps := []*descMatcher{&v.general, &v.fixed, &v.mobile}
	for i := range v.special {
		comps = append(comps, &v.special[i])
	}
	for _, c := range comps {
		if c.dfa == nil {
			return nil
		}
	}
	const maxLen = 17 // what phonenumbers allows a national number
	type state struct {
		n int // digits read
		s [11]uint16
	}
	start := state{}
	for i := range start.s {
		start.s[i] = 1
	}
	ids := map[state]uint16{}
	var states []state
	d := &digitDFA{next: [][10]uint16{{}}, accept: []bool{false}}
	add := func(st state) (uint16, bool) {
		if id, ok := ids[st]; ok {
			return id, true
		}
		if len(d.next) > 1<<16-1 {
			return 0, false
		}
		id := uint16(len(d.next))
		ids[st] = id
		states = append(states, st)
		d.next = append(d.next, [10]uint16{})
		d.accept = append(d.accept, v.acceptsAt(comps, st.s[:], st.n))
		return id, true
	}
	add(start)
	for i := 0; i < len(states); i++ {
		cur := states[i]
		if cur.n == maxLen {
			continue
		}
		for digit := range 10 {
			next := state{n: cur.n + 1}
			alive := false
			for c, comp := range comps {
				next.s[c] = comp.dfa.next[cur.s[c]][digit]
				alive = alive || (c > 0 && next.s[c] != 0)
			}
			if next.s[0] == 0 || !alive {
				continue // the general pattern, or every type's, is out of reach
			}
			id, ok := add(next)
			if !ok {
				return nil
			}
			d.next[i+1][digit] = id
		}
	}
	return d
}

// acceptsAt is knownEach for the number that leaves comps (general, fixed,
// mobile, specials) in states s after n digits.
func (v *validator) acceptsAt(comps []*descMatcher, s []uint16, n int) bool {
	ok := func(c int) bool { return comps[c].dfa.accept[s[c]] && comps[c].lengthOK(n) }
	if !ok(0) {
		return false
	}
	for c := 3; c < len(comps); c++ {
		if ok(c) {
			return true
		}
	}
	return ok(1) || (!v.sameMobileAndFixedLine && ok(2))
}

func (v *validator) leads(nsn []byte) bool {
	if v.leading != nil {
		return v.leading.prefix(nsn)
	}
	return v.leadingRe.MatchString(string(nsn))
}

// validatorTable finds the validators, without locks: the maps are made
// once and only read.
// The validators are built on first use: all of them take some 100 ms,
// and most countries are never asked for.
type validatorTable struct {
	byRegion map[string]*lazy[validator] // getMetadataForRegion
	byCC     [1000]struct {
		regions []string         // GetRegionCodesForCountryCode
		only    *lazy[validator] // the validator when regions has one entry
	}
}

var validatorTables = newLazy(func() *validatorTable {
	t := &validatorTable{byRegion: map[string]*lazy[validator]{}}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return t
	}
	supported := phonenumbers.GetSupportedRegions()
	nonGeo := map[int]*lazy[validator]{}
	for _, md := range coll.GetMetadata() {
		v := newLazy(func() *validator { return newValidator(md) })
		switch id := md.GetId(); {
		case id == regionNonGeo:
			nonGeo[int(md.GetCountryCode())] = v
		case supported[id]:
			t.byRegion[id] = v
		}
	}
	for cc := range t.byCC {
		rs := phonenumbers.GetRegionCodesForCountryCode(cc)
		t.byCC[cc].regions = rs
		if len(rs) == 1 {
			if rs[0] == regionNonGeo {
				t.byCC[cc].only = nonGeo[cc]
			} else {
				t.byCC[cc].only = t.byRegion[rs[0]]
			}
		}
	}
	return t
})

func validators() *validatorTable { return validatorTables.get() }

const regionNonGeo = "001"

// validNational answers, for the number +cc nsn (nsn without a leading
// zero), what phonenumbers.GetRegionCodeForNumber and IsValidNumber say.
func validNational(cc int, nsn []byte) (region string, valid bool) {
	if cc < 0 || cc >= 1000 {
		return "", false // no such calling code
	}
	t := validators()
	c := &t.byCC[cc]
	var v *validator
	switch len(c.regions) {
	case 0:
		return "", false
	case 1:
		// A non-geographic code's metadata is found by its code, not by
		// "001" (getMetadataForRegionOrCallingCode).
		region, v = c.regions[0], c.only.get()
	default:
		for _, r := range c.regions {
			rv := t.byRegion[r].get()
			if rv == nil {
				continue // cannot happen: the regions come from the same metadata
			}
			if rv.hasLeading && rv.leads(nsn) || !rv.hasLeading && rv.known(nsn) {
				region, v = r, rv
				break
			}
		}
	}
	// IsValidNumberForRegion.
	if v == nil || (region != regionNonGeo && v.cc != cc) {
		return region, false
	}
	return region, v.known(nsn)
}
