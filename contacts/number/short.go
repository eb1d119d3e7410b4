package number

import "github.com/nyaruka/phonenumbers"

// IsShort is as costly as phonenumbers.Parse (some 15 µs), and complete
// asks it of every local number ("4711 23"). A shortSieve answers most of
// them in a few table steps: those that cannot be short.
//
// IsShort(digits, region), for digits that are all ASCII digits, is
// IsEmergencyNumber, which matches the region's emergency pattern against
// all the digits, or IsValidShortNumberForRegion of what Parse makes of
// them, which insists on the number's national significant number (NSN)
// matching the general and short-code descriptions of the region's short
// number metadata, lengths and patterns. Parse cuts that NSN from the end
// of the digits: it may drop an international prefix and country code, or
// the region's own country code, and a national prefix (and carrier code)
// after them, but it rewrites digits only by a national prefix transform
// rule (Argentina's, Brazil's…); a number with another region's country
// code is no short number of this one (regionDialingFromMatchesNumber),
// and that of a region sharing its code is parsed with the code's main
// region's metadata. So where neither the region nor its code's main
// region has a transform rule, a number none of whose ends matches both
// descriptions, and all of which does not match the emergency pattern, is
// not short. TestShortSieve and FuzzShortSieve hold the sieve to IsShort.
type shortSieve struct {
	emergency     *digitDFA
	general, code descMatcher
}

// newShortSieve makes region's sieve; nil, to let every number through to
// IsShort, where the reasoning above does not hold, a pattern is not a
// digitDFA or the region has no short number metadata.
func newShortSieve(region string, rewrites map[string]bool) *shortSieve {
	cc := phonenumbers.GetCountryCodeForRegion(region)
	if cc == 0 || rewrites[region] || rewrites[phonenumbers.GetRegionCodeForCountryCode(cc)] {
		return nil
	}
	coll, err := phonenumbers.ShortNumberMetadataCollection()
	if err != nil {
		return nil
	}
	for _, md := range coll.GetMetadata() {
		if md.GetId() != region {
			continue
		}
		s := &shortSieve{general: newDescMatcher(md.GetGeneralDesc()), code: newDescMatcher(md.GetShortCode())}
		emergency, ok := compileDFA(md.GetEmergency().GetNationalNumberPattern())
		if !ok || s.general.dfa == nil || s.code.dfa == nil {
			return nil
		}
		s.emergency = emergency
		return s
	}
	return nil
}

// mayBeShort is false when IsShort(digits, region) is (digits being ASCII
// digits only); nil sieves everything through.
func (s *shortSieve) mayBeShort(digits []byte) bool {
	if s == nil || s.emergency.full(digits) {
		return true
	}
	for l := 1; l <= len(digits); l++ {
		if end := digits[len(digits)-l:]; s.general.matches(end) && s.code.matches(end) {
			return true
		}
	}
	return false
}
