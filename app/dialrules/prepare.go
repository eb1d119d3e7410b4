package dialrules

import (
	"errors"
	"fmt"
	"strings"

	"deskcti/contacts/number"

	"github.com/nyaruka/phonenumbers"
)

// ErrNoNumber means the text holds nothing that can be dialled. Errors
// about digits that are not a phone number wrap it too, next to the
// *number.ParseError that says why.
var ErrNoNumber = errors.New("no phone number found")

// Dial is a prepared number.
type Dial struct {
	// Text is what the user gave: a selection, a link, a typed number.
	Text string
	// Number is what the phone dials: digits, '*' and '#' — or a SIP
	// address ("alice@pbx") passed through.
	Number string
	// E164 is the number in international form, "+492219876543"; empty for
	// internal numbers, emergency and service numbers, and local numbers
	// when no area code is set.
	E164 string
	// Extension was given after the number ("ext. 12") and is not dialled:
	// the user enters it when the far end answers.
	Extension string
	// Internal is true for extensions, feature codes and SIP addresses,
	// which are dialled without the outside line.
	Internal bool
}

// Prepare finds the number in text and returns what the phone must dial:
//
//   - emergency numbers (110, 112, 911) as they are, behind the outside
//     line, even where an extension has the same digits;
//   - internal extensions (digits only, at most MaxExtension, no trunk
//     prefix), feature codes (*21#) and SIP addresses as they are;
//   - service numbers (116117, 11833) as they are, behind the outside line;
//   - numbers of the own country nationally ("0221 9876543"), local ones
//     with the own area code unless DialLocalWithoutAreaCode;
//   - foreign numbers with the own country's international prefix.
//
// Everything that leaves the building gets OutsideLine in front.
func (r Rules) Prepare(text string) (Dial, error) {
	d := Dial{Text: text}
	if err := r.Validate(); err != nil {
		return d, err
	}
	c, err := extract(text)
	if err != nil {
		return d, err
	}
	d.Extension = c.extension
	switch {
	case c.sipAddress != "":
		d.Number, d.Internal = c.sipAddress, true
		return d, nil
	case c.feature:
		d.Number, d.Internal = c.number, true
		return d, nil
	}
	region := r.region()
	digits := number.Digits(c.number)
	if !strings.HasPrefix(digits, "+") {
		if phonenumbers.IsEmergencyNumber(digits, region) {
			d.Number = r.OutsideLine + digits
			return d, nil
		}
		if len(digits) <= r.maxExtension() && !r.trunkDialled(digits) {
			d.Number, d.Internal = digits, true
			return d, nil
		}
	}
	n, err := number.Parse(c.number, r.home())
	var pe *number.ParseError
	switch {
	case errors.As(err, &pe) && (errors.Is(err, number.ErrShortNumber) || errors.Is(err, number.ErrNoAreaCode)):
		// A service number, or a local number with no area code set:
		// the network knows what to do with the digits as they are.
		d.Number = r.OutsideLine + pe.Digits
		return d, nil
	case errors.Is(err, number.ErrNoNumber):
		return d, ErrNoNumber
	case err != nil:
		return d, fmt.Errorf("dial %q: %w: %w", c.number, ErrNoNumber, err)
	}
	s, err := r.digitsFor(n, strings.TrimPrefix(digits, "+"))
	if err != nil {
		return d, err
	}
	d.Number, d.E164 = r.OutsideLine+s, n.E164
	if d.Extension == "" {
		d.Extension = n.Extension
	}
	return d, nil
}

// trunkDialled reports whether digits start with the own country's trunk
// prefix ("0" in Europe), which no extension does. North America's trunk
// "1" is left out: extensions such as 1234 are common there.
func (r Rules) trunkDialled(digits string) bool {
	region := r.region()
	trunk := phonenumbers.GetNddPrefixForRegion(region, true)
	return trunk != "" && !phonenumbers.IsNANPACountry(region) && strings.HasPrefix(digits, trunk)
}
