package dialrules

import (
	"errors"
	"fmt"
	"strings"

	"deskcti/contacts/number"

	"github.com/nyaruka/phonenumbers"
)

// Rules are the user's dial settings.
type Rules struct {
	// Country is the own country, an ISO 3166 alpha-2 code ("DE").
	Country string
	// AreaCode is the own area code (Vorwahl) without the trunk prefix:
	// "221" for Köln (0221), "1" for Wien, "212" for Manhattan. Empty when
	// local numbers are always written with their area code.
	AreaCode string
	// OutsideLine is the Amtsholung: the digits the PBX needs before an
	// external number, "0" in most German offices, "9" in the US and UK;
	// empty for a phone without a PBX.
	OutsideLine string
	// MaxExtension is the longest internal extension (Nebenstelle): bare
	// numbers of at most this many digits are dialled as they are. 0 means
	// 4.
	MaxExtension int
	// DialLocalWithoutAreaCode dials numbers in the own area without the
	// area code. By default the area code is kept, which every network
	// accepts and which is required in Switzerland, France and much of
	// North America.
	DialLocalWithoutAreaCode bool
}

// defaultMaxExtension is the MaxExtension when none is set: four digits
// cover the extensions of nearly every office PBX, and German local
// numbers have at least five.
const defaultMaxExtension = 4

func (r Rules) maxExtension() int {
	if r.MaxExtension == 0 {
		return defaultMaxExtension
	}
	return r.MaxExtension
}

func (r Rules) region() string { return strings.ToUpper(strings.TrimSpace(r.Country)) }

func (r Rules) home() number.Home {
	return number.Home{Country: r.region(), AreaCode: r.AreaCode, MaxExtension: r.maxExtension()}
}

// Validate says what is wrong with the rules, in words a user can act on;
// all problems at once, joined.
func (r Rules) Validate() error {
	var errs []error
	region := r.region()
	known := number.KnownCountry(region)
	if !known {
		errs = append(errs, fmt.Errorf("dial rules: unknown country %q: use a two-letter ISO code such as DE, AT or CH", r.Country))
	}
	switch trunk := phonenumbers.GetNddPrefixForRegion(region, true); {
	case r.AreaCode == "":
	case !digitsOnly(r.AreaCode):
		errs = append(errs, fmt.Errorf("dial rules: area code %q must be digits only, e.g. 221 for Köln", r.AreaCode))
	case known && phonenumbers.IsNANPACountry(region) && len(r.AreaCode) != 3:
		errs = append(errs, fmt.Errorf("dial rules: area code %q must have three digits in %s, e.g. 212", r.AreaCode, region))
	case known && trunk != "" && !phonenumbers.IsNANPACountry(region) && strings.HasPrefix(r.AreaCode, trunk):
		errs = append(errs, fmt.Errorf("dial rules: write the area code %q without the leading %s, e.g. 221 for Köln (0221)", r.AreaCode, trunk))
	case len(r.AreaCode) > 6:
		errs = append(errs, fmt.Errorf("dial rules: area code %q is too long; it is the Vorwahl without the leading 0, e.g. 221", r.AreaCode))
	}
	if r.OutsideLine != "" && !digitsOnly(r.OutsideLine) {
		errs = append(errs, fmt.Errorf("dial rules: outside-line prefix %q must be digits only, e.g. 0; leave it empty if the phone has no PBX", r.OutsideLine))
	}
	if r.MaxExtension < 0 || r.MaxExtension > 8 {
		errs = append(errs, fmt.Errorf("dial rules: longest extension %d must be between 1 and 8 digits (0 for the default, %d)", r.MaxExtension, defaultMaxExtension))
	}
	return errors.Join(errs...)
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
