// Package dialrules turns any text into the digits a desk phone must dial:
// it finds the number in free text, keeps internal extensions and feature
// codes as they are, dials numbers of the own country nationally and
// foreign ones with the own country's international prefix, and puts the
// outside-line prefix (Amtsholung) in front where a PBX needs one.
package dialrules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"deskcti/contacts/number"

	"github.com/nyaruka/phonenumbers"
)

// Rules are the user's dial settings.
type Rules struct {
	// Country is the own country (ISO 3166, "DE").
	Country string
	// AreaCode is the own area code (Vorwahl) without the trunk prefix, "221".
	AreaCode string
	// OutsideLine is the Amtsholung: the digits the PBX needs for an outside
	// line, "0" in most German offices; empty for none.
	OutsideLine string
	// MaxExtension is the longest internal extension (Nebenstelle); longer
	// numbers are outside numbers. 0 means the default, 4.
	MaxExtension int
	// DialLocalWithoutAreaCode dials numbers in the own area without the
	// area code; by default the area code is kept, which every PBX accepts.
	DialLocalWithoutAreaCode bool
}

// Dial is a prepared number.
type Dial struct {
	// Text is what the number was found in.
	Text string
	// Number is what the phone dials: digits, '*' and '#', or a SIP
	// address ("alice@pbx") passed through.
	Number string
	// E164 is the number in international form; empty for internal numbers.
	E164 string
	// Extension was given after the number ("ext. 12") and is not dialled;
	// the user enters it when the far end answers.
	Extension string
	// Internal is true for extensions, feature codes and SIP addresses,
	// which get no outside-line prefix.
	Internal bool
}

// ErrNoNumber means the text holds nothing that can be dialled.
var ErrNoNumber = errors.New("no phone number found")

var digitsOnly = regexp.MustCompile(`^[0-9]+$`)

func (r Rules) maxExtension() int {
	if r.MaxExtension == 0 {
		return 4
	}
	return r.MaxExtension
}

func (r Rules) home() number.Home {
	return number.Home{Country: strings.ToUpper(r.Country), AreaCode: r.AreaCode}
}

// Validate says what is wrong with the rules, in words a user can act on.
func (r Rules) Validate() error {
	var errs []error
	if !number.KnownCountry(r.Country) {
		errs = append(errs, fmt.Errorf("dial rules: unknown country %q (use a two-letter code such as DE, AT or CH)", r.Country))
	}
	if r.AreaCode != "" && !digitsOnly.MatchString(r.AreaCode) {
		errs = append(errs, fmt.Errorf("dial rules: area code %q must be digits only, without the leading 0 (e.g. 221)", r.AreaCode))
	} else if r.AreaCode != "" && number.KnownCountry(r.Country) &&
		strings.HasPrefix(r.AreaCode, phonenumbers.GetNddPrefixForRegion(strings.ToUpper(r.Country), true)) &&
		phonenumbers.GetNddPrefixForRegion(strings.ToUpper(r.Country), true) != "" && !phonenumbers.IsNANPACountry(strings.ToUpper(r.Country)) {
		errs = append(errs, fmt.Errorf("dial rules: write the area code %q without the leading %s (e.g. 221 for Köln)", r.AreaCode, phonenumbers.GetNddPrefixForRegion(strings.ToUpper(r.Country), true)))
	}
	if r.OutsideLine != "" && !digitsOnly.MatchString(r.OutsideLine) {
		errs = append(errs, fmt.Errorf("dial rules: outside-line prefix %q must be digits only (e.g. 0)", r.OutsideLine))
	}
	if r.MaxExtension < 0 || r.MaxExtension > 8 {
		errs = append(errs, fmt.Errorf("dial rules: extension length %d must be between 1 and 8", r.MaxExtension))
	}
	return errors.Join(errs...)
}

// Prepare finds the number in text and returns what the phone must dial.
func (r Rules) Prepare(text string) (Dial, error) {
	c, err := extract(text)
	if err != nil {
		return Dial{Text: text}, err
	}
	d := Dial{Text: text, Extension: c.extension}
	raw := c.number
	region := strings.ToUpper(r.Country)

	switch {
	case c.sipAddress != "":
		d.Number, d.Internal = c.sipAddress, true
		return d, nil
	case strings.ContainsAny(raw, "*#"):
		// Feature codes (*21#, #31#) mean something to the PBX or phone, not
		// to the network: dialled as they are.
		code := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '*' || r == '#' {
				return r
			}
			return -1
		}, raw)
		if !featureRe.MatchString(code) || strings.Contains(raw, "+") {
			return d, fmt.Errorf("%q is neither a phone number nor a feature code: %w", raw, ErrNoNumber)
		}
		d.Number, d.Internal = code, true
		return d, nil
	}
	digits := number.Digits(raw)
	if !strings.HasPrefix(digits, "+") {
		trunk := phonenumbers.GetNddPrefixForRegion(region, true)
		national := trunk != "" && strings.HasPrefix(digits, trunk)
		// Emergency numbers come first: they must reach the network even
		// where an extension of the same digits exists.
		if !national && phonenumbers.IsEmergencyNumber(digits, region) {
			d.Number = r.OutsideLine + digits
			return d, nil
		}
		if !national && len(digits) <= r.maxExtension() {
			d.Number, d.Internal = digits, true
			return d, nil
		}
		// Short service numbers (116117, 11833) dial as they are: an area
		// code in front would break them.
		if !national && isShortNumber(digits, region) {
			d.Number = r.OutsideLine + digits
			return d, nil
		}
	}
	n, err := number.Parse(raw, r.home())
	if err != nil {
		if errors.Is(err, number.ErrNoNumber) {
			return d, ErrNoNumber
		}
		return d, fmt.Errorf("dial %q: %w", raw, err)
	}
	d.E164 = n.E164
	if d.Extension == "" {
		d.Extension = n.Extension
	}
	d.Number = r.OutsideLine + n.Dialable(r.home(), r.DialLocalWithoutAreaCode)
	return d, nil
}

func isShortNumber(digits, region string) bool {
	pn, err := phonenumbers.Parse(digits, region)
	if err != nil {
		return false
	}
	return phonenumbers.IsValidShortNumberForRegion(pn, region)
}
