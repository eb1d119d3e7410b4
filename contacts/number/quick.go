package number

import (
	"strings"
	"sync/atomic"

	"github.com/nyaruka/phonenumbers"
)

// plan is the part of a country's numbering plan that quickSplit needs.
type plan struct {
	cc    int
	trunk string // national (trunk) prefix, "0"
	intl  string // international prefix when it is plain digits, "00"
	// alts are the other national prefixes phonenumbers strips, after the
	// trunk prefix in the national prefix for parsing (Britain's
	// "0|180020"): a number starting with one is left to it.
	alts []string
}

// regionInfo is what parsing asks of the home region, looked up once
// instead of in phonenumbers' maps on every number.
type regionInfo struct {
	trunk   string // GetNddPrefixForRegion(region, true)
	nanp    bool   // IsNANPACountry
	plan    plan
	hasPlan bool // the region is in plans
	// sieve is made on first use: few regions are ever home.
	sieve *lazy[shortSieve]
}

type tables struct {
	// plans holds the countries whose numbers need no more than stripping
	// a fixed trunk or international prefix: no national-prefix-for-parsing
	// pattern or transform rule (as Argentina's, Mexico's or Brazil's
	// carrier codes need) and an international prefix of plain digits.
	// Everything else is left to phonenumbers.Parse.
	plans   map[string]plan
	regions map[string]*regionInfo
	// rewrites holds the regions with a national prefix transform rule:
	// parsing may rewrite their numbers' digits, not just cut them.
	rewrites map[string]bool
	// byCC is, for every calling code, its main region
	// (GetRegionCodeForCountryCode, "" for "ZZ") and that region's plan.
	byCC [1000]struct {
		main    string
		plan    plan
		hasPlan bool
	}
}

var tablesOnce = newLazy(func() *tables {
	t := &tables{plans: map[string]plan{}, regions: map[string]*regionInfo{}, rewrites: map[string]bool{}}
	if coll, err := phonenumbers.MetadataCollection(); err == nil {
		for _, md := range coll.GetMetadata() {
			if md.GetNationalPrefixTransformRule() != "" {
				t.rewrites[md.GetId()] = true
			}
			np, npp := md.GetNationalPrefix(), md.GetNationalPrefixForParsing()
			alts, ok := simpleAlternatives(np, npp)
			if !ok || md.GetNationalPrefixTransformRule() != "" || !isDigits(np) {
				continue
			}
			// An international prefix that is a pattern (Israel's
			// "0(?:0|1[2-9])") makes "013…" ambiguous without it.
			ip := md.GetInternationalPrefix()
			if !isDigits(ip) {
				continue
			}
			t.plans[md.GetId()] = plan{cc: int(md.GetCountryCode()), trunk: np, intl: ip, alts: alts}
		}
	}
	for r := range phonenumbers.GetSupportedRegions() {
		p, ok := t.plans[r]
		t.regions[r] = &regionInfo{trunk: phonenumbers.GetNddPrefixForRegion(r, true),
			nanp: phonenumbers.IsNANPACountry(r), plan: p, hasPlan: ok,
			sieve: newLazy(func() *shortSieve { return newShortSieve(r, t.rewrites) })}
	}
	for cc := range t.byCC {
		r := phonenumbers.GetRegionCodeForCountryCode(cc)
		if r == phonenumbers.UNKNOWN_REGION {
			continue
		}
		e := &t.byCC[cc]
		e.main = r
		e.plan, e.hasPlan = t.plans[r]
		if r == regionNonGeo {
			e.plan, e.hasPlan = plan{cc: cc}, true // +800, +808: no trunk prefix
		}
	}
	return t
})

func quickTables() *tables { return tablesOnce.get() }

// simpleAlternatives accepts a national prefix for parsing that is empty,
// the trunk prefix np itself, or np and more alternatives of plain digits
// ("0|180020"), and returns those. On a number that starts with np, such a
// pattern matches np, its first alternative, as regexp tries them in turn.
// Anything else (capturing groups, classes) is left to phonenumbers.
func simpleAlternatives(np, npp string) ([]string, bool) {
	if npp == "" || npp == np {
		return nil, true
	}
	rest, ok := strings.CutPrefix(npp, np+"|")
	if !ok || np == "" {
		return nil, false
	}
	alts := strings.Split(rest, "|")
	for _, a := range alts {
		if a == "" || !isDigits(a) {
			return nil, false
		}
	}
	return alts, true
}

// noRegion is what an unknown region has: no trunk prefix, no plan, as
// phonenumbers answers for it.
var noRegion = &regionInfo{}

// info returns what parsing needs of region.
func info(region string) *regionInfo {
	// A user has one home: the last answer is nearly always the one.
	if last := lastInfo.Load(); last != nil && last.region == region {
		return last.info
	}
	ri := quickTables().regions[region]
	if ri == nil {
		ri = noRegion
	}
	lastInfo.Store(&regionAnswer{region, ri})
	return ri
}

type regionAnswer struct {
	region string
	info   *regionInfo
}

var lastInfo atomic.Pointer[regionAnswer]

func isDigits[S ~string | ~[]byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hasPrefix(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ { // prefixes are a digit or two: no call
		if b[i] != prefix[i] {
			return false
		}
	}
	return true
}

// quickSplit splits in ("+49221…", "0049221…", "0221…": ASCII digits
// with an optional '+', as complete returns them) into country code and
// national significant number without phonenumbers.Parse, whose regular
// expressions cost some 25 µs a number: too much for an address book of a
// million. It reports false for every case it is not sure about, and the
// caller then parses the slow way; FuzzQuickParse checks that both ways
// agree whenever the number is valid, the only case the caller trusts.
// It does not check that the national number is digits: complete made it
// so, and validNational would reject anything else.
//
// With afterCC, a trunk prefix written after the country code ("+49 (0)221
// …", read as "+490221…") is dropped as phonenumbers does: where the
// national prefix for parsing is the trunk prefix itself, phonenumbers
// strips it whenever what remains matches the country's general pattern,
// which it does for every valid number, and valid numbers are all the
// caller keeps.
func quickSplit(in []byte, home *regionInfo, afterCC bool) (cc int, nsn []byte, ok bool) {
	var intl []byte
	switch p := &home.plan; {
	case len(in) > 0 && in[0] == '+':
		intl = in[1:]
	case !home.hasPlan:
		return 0, nil, false
	case p.intl != "" && hasPrefix(in, p.intl):
		intl = in[len(p.intl):]
	case p.trunk != "" && hasPrefix(in, p.trunk) && !hasPrefix(in[len(p.trunk):], p.trunk):
		return checkNSN(p, true, p.cc, in[len(p.trunk):], false)
	default:
		return 0, nil, false
	}
	// Country codes are prefix-free: the first 1 to 3 digits that name a
	// country are its code. None starts with 0.
	if len(intl) == 0 || intl[0] == '0' {
		return 0, nil, false
	}
	t := quickTables()
	cc = 0
	for l := 1; l <= 3 && l < len(intl); l++ {
		c := intl[l-1] - '0'
		if c > 9 {
			return 0, nil, false
		}
		cc = cc*10 + int(c)
		if e := &t.byCC[cc]; e.main != "" {
			return checkNSN(&e.plan, e.hasPlan, cc, intl[l:], afterCC)
		}
	}
	return 0, nil, false
}

// checkNSN accepts the national significant number nsn of +cc, in a
// region with plan p (when ok), when nothing about it needs phonenumbers'
// judgement; with stripTrunk, after dropping one trunk prefix in front of
// it.
func checkNSN(p *plan, ok bool, cc int, nsn []byte, stripTrunk bool) (int, []byte, bool) {
	if stripTrunk && ok && p.trunk != "" && hasPrefix(nsn, p.trunk) {
		nsn = nsn[len(p.trunk):]
	}
	// A leading 0 (Italy) or a trunk prefix written after the country code
	// ("+49 0221") is what phonenumbers has rules for.
	if !ok || p.cc != cc || len(nsn) < 2 || len(nsn) > 17 || nsn[0] == '0' ||
		(p.trunk != "" && hasPrefix(nsn, p.trunk)) {
		return 0, nil, false
	}
	for _, a := range p.alts {
		if hasPrefix(nsn, a) {
			return 0, nil, false
		}
	}
	return cc, nsn, true
}
