package number

import (
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// plan is the part of a country's numbering plan that quickParse needs.
type plan struct {
	cc    int
	trunk string // national (trunk) prefix, "0"
	intl  string // international prefix when it is plain digits, "00"
}

// plans holds the countries whose numbers need no more than stripping a
// fixed trunk or international prefix: no national-prefix-for-parsing
// pattern or transform rule (as Argentina's, Mexico's or Brazil's carrier
// codes need) and an international prefix of plain digits. Everything
// else is left to phonenumbers.Parse.
var plans = sync.OnceValue(func() map[string]plan {
	m := map[string]plan{}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return m
	}
	for _, md := range coll.GetMetadata() {
		np, npp := md.GetNationalPrefix(), md.GetNationalPrefixForParsing()
		if (npp != "" && npp != np) || md.GetNationalPrefixTransformRule() != "" || !isDigits(np) {
			continue
		}
		// An international prefix that is a pattern (Israel's
		// "0(?:0|1[2-9])") makes "013…" ambiguous without it.
		ip := md.GetInternationalPrefix()
		if !isDigits(ip) {
			continue
		}
		m[md.GetId()] = plan{cc: int(md.GetCountryCode()), trunk: np, intl: ip}
	}
	return m
})

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// quickParse builds the PhoneNumber for s ("+49221…", "0049221…",
// "0221…": digits with an optional '+', as complete returns them) without
// phonenumbers.Parse, whose regular expressions cost some 25 µs a number:
// too much for an address book of a million. It reports false for every
// case it is not sure about, and the caller then parses the slow way;
// FuzzQuickParse checks that both ways agree.
func quickParse(s, region string) (*phonenumbers.PhoneNumber, bool) {
	var intl string
	switch {
	case strings.HasPrefix(s, "+"):
		intl = s[1:]
	default:
		p, ok := plans()[region]
		switch {
		case !ok:
			return nil, false
		case p.intl != "" && strings.HasPrefix(s, p.intl):
			intl = s[len(p.intl):]
		case p.trunk != "" && strings.HasPrefix(s, p.trunk) && !strings.HasPrefix(s, p.trunk+p.trunk):
			return build(p.cc, region, s[len(p.trunk):])
		default:
			return nil, false
		}
	}
	// Country codes are prefix-free: the first 1 to 3 digits that name a
	// country are its code. None starts with 0.
	if intl == "" || intl[0] == '0' {
		return nil, false
	}
	for l := 1; l <= 3 && l < len(intl); l++ {
		cc, err := strconv.Atoi(intl[:l])
		if err != nil {
			return nil, false
		}
		if r := phonenumbers.GetRegionCodeForCountryCode(cc); r != "ZZ" {
			return build(cc, r, intl[l:])
		}
	}
	return nil, false
}

// build makes the number from country code and national significant number
// when nothing about the NSN needs phonenumbers' judgement.
func build(cc int, region, nsn string) (*phonenumbers.PhoneNumber, bool) {
	p, ok := plans()[region]
	if region == "001" {
		p, ok = plan{cc: cc}, true // +800, +808: no trunk prefix
	}
	// A leading 0 (Italy) or a trunk prefix written after the country code
	// ("+49 0221") is what phonenumbers has rules for.
	if !ok || p.cc != cc || len(nsn) < 2 || len(nsn) > 17 || nsn[0] == '0' ||
		(p.trunk != "" && strings.HasPrefix(nsn, p.trunk)) || !isDigits(nsn) {
		return nil, false
	}
	n, err := strconv.ParseUint(nsn, 10, 64)
	if err != nil {
		return nil, false
	}
	cc32 := int32(cc)
	return &phonenumbers.PhoneNumber{CountryCode: &cc32, NationalNumber: &n}, true
}
