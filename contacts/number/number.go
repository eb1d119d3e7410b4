// Package number parses telephone numbers relative to the user's home: the
// own country and area code (Vorwahl). It is the one place that turns "0221
// 4711-23", "+49 (0)221 471123", "tel:+49221471123" or a bare local "471123"
// into the same E.164 number, for dialling and for finding who is calling.
package number

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/nyaruka/phonenumbers"
	"google.golang.org/protobuf/proto"
)

// Home is where the user's phone is: numbers without a country are in
// Country, numbers without an area code in AreaCode.
type Home struct {
	Country  string // ISO 3166 alpha-2, e.g. "DE"
	AreaCode string // without the trunk prefix, e.g. "221"; may be empty
}

// Number is a parsed telephone number.
type Number struct {
	// E164 is the number in international form, e.g. "+49221471123".
	E164 string
	// CountryCode is the calling code, e.g. 49.
	CountryCode int
	// National is the national significant number, e.g. "221471123".
	National string
	// Region is the ISO code of the number's country ("DE"), or "001" style
	// codes for non-geographic numbers; empty when unknown.
	Region string
	// Extension is an extension given after the number ("ext. 12", ";ext=12").
	Extension string
	// AreaCompleted is true when the number was local and the home area
	// code was put in front of it.
	AreaCompleted bool
	// Valid reports whether the number matches the country's numbering plan;
	// an invalid but possible number still gets an E164 form.
	Valid bool

	pn *phonenumbers.PhoneNumber
}

// ErrNoNumber means the text holds no number at all: empty, "anonymous",
// "unknown", or no digits.
var ErrNoNumber = errors.New("no phone number")

// ParseError is a number that has digits but cannot be a phone number; the
// digits are kept so that callers can still compare them.
type ParseError struct {
	Raw    string
	Digits string
	Err    error
}

func (e *ParseError) Error() string { return fmt.Sprintf("phone number %q: %v", e.Raw, e.Err) }

func (e *ParseError) Unwrap() error { return e.Err }

var (
	trunkHint = regexp.MustCompile(`\(\s*0\s*\)`)
	// Phone systems report withheld numbers in many ways.
	withheld = map[string]bool{"anonymous": true, "unknown": true, "private": true, "restricted": true,
		"unavailable": true, "anonym": true, "unbekannt": true, "privat": true, "withheld": true}
)

// StripURI reduces tel:, callto:, sip: and sips: URIs to the number part:
// "sip:0221123@pbx;user=phone" → "0221123", "tel:+4930123;ext=5" →
// "+4930123;ext=5" (the extension parameter is kept for Parse). Text that
// is not such a URI is returned trimmed.
func StripURI(raw string) string {
	s := strings.TrimSpace(raw)
	lower := strings.ToLower(s)
	for _, scheme := range []string{"tel:", "callto:", "sips:", "sip:"} {
		if !strings.HasPrefix(lower, scheme) {
			continue
		}
		s = strings.TrimPrefix(s[len(scheme):], "//")
		if scheme == "sip:" || scheme == "sips:" {
			if i := strings.IndexByte(s, '@'); i >= 0 {
				s = s[:i]
			}
			if i := strings.IndexByte(s, ';'); i >= 0 {
				s = s[:i]
			}
		}
		if scheme == "callto:" {
			// Skype-style callto:+49...?call, callto:name/params
			if i := strings.IndexAny(s, "?/"); i >= 0 {
				s = s[:i]
			}
		}
		return strings.TrimSpace(s)
	}
	return s
}

// Digits keeps the digits of s and a leading '+', dropping everything else.
func Digits(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0 && strings.TrimSpace(s[:i]) == "":
			b.WriteRune(r)
		}
	}
	if b.String() == "+" {
		return ""
	}
	return b.String()
}

// Parse reads raw relative to home. It accepts international forms ("+49
// 221 …", "0049 221 …"), the German "(0)" trunk hint, national forms ("0221
// …"), local numbers (completed with home.AreaCode), tel:/callto:/sip:
// URIs and extensions ("ext. 12", "x12", ";ext=12").
func Parse(raw string, home Home) (Number, error) {
	s := StripURI(raw)
	if withheld[strings.ToLower(strings.Trim(s, " \"'<>"))] || strings.TrimSpace(s) == "" {
		return Number{}, ErrNoNumber
	}
	region := strings.ToUpper(home.Country)
	// "+49 (0) 221" — the (0) is only a hint for national dialling and must
	// not become part of the number.
	if strings.HasPrefix(strings.TrimSpace(s), "+") || strings.HasPrefix(strings.TrimSpace(s), "00") {
		s = trunkHint.ReplaceAllString(s, " ")
	}
	digits := Digits(s)
	if digits == "" {
		return Number{}, ErrNoNumber
	}
	body, ext := phonenumbers.MaybeSeparateExtensionFromPhone(s)
	if ext == "" {
		body = s
	}
	completed := false
	if c, ok := completeLocal(body, home, region); ok {
		body, completed = c, true
	}
	pn, err := phonenumbers.Parse(body, region)
	if err != nil {
		return Number{}, &ParseError{Raw: raw, Digits: digits, Err: err}
	}
	if ext != "" {
		pn.Extension = &ext
	}
	if !phonenumbers.IsPossibleNumber(pn) && !phonenumbers.IsValidNumber(pn) {
		return Number{}, &ParseError{Raw: raw, Digits: digits, Err: errors.New("not a possible phone number")}
	}
	return Number{
		E164:          phonenumbers.Format(pn, phonenumbers.E164),
		CountryCode:   int(pn.GetCountryCode()),
		National:      phonenumbers.GetNationalSignificantNumber(pn),
		Region:        phonenumbers.GetRegionCodeForNumber(pn),
		Extension:     pn.GetExtension(),
		AreaCompleted: completed,
		Valid:         phonenumbers.IsValidNumber(pn),
		pn:            pn,
	}, nil
}

// completeLocal puts the home area code in front of a local number: one
// with no international prefix, no trunk prefix and (in North America)
// seven digits.
func completeLocal(s string, home Home, region string) (string, bool) {
	if home.AreaCode == "" {
		return "", false
	}
	d := Digits(s)
	if d == "" || d[0] == '+' {
		return "", false
	}
	if phonenumbers.IsNANPACountry(region) {
		if len(d) == 7 {
			return home.AreaCode + d, true
		}
		return "", false
	}
	trunk := phonenumbers.GetNddPrefixForRegion(region, true)
	if trunk == "" || strings.HasPrefix(d, trunk) {
		return "", false
	}
	return trunk + home.AreaCode + d, true
}

// Dialable returns the digits a phone at home dials for n: the national
// form (with trunk prefix) for numbers in the home country, the home
// country's international prefix and the full number otherwise. withoutArea
// drops the home area code from numbers in the home area.
func (n Number) Dialable(home Home, withoutArea bool) string {
	region := strings.ToUpper(home.Country)
	if n.pn == nil {
		return ""
	}
	noExt := proto.Clone(n.pn).(*phonenumbers.PhoneNumber)
	noExt.Extension = nil
	out := Digits(phonenumbers.FormatOutOfCountryCallingNumber(noExt, region))
	domestic := int(noExt.GetCountryCode()) == phonenumbers.GetCountryCodeForRegion(region)
	if trunk := phonenumbers.GetNddPrefixForRegion(region, true); domestic && !n.Valid && trunk != "" &&
		!phonenumbers.IsNANPACountry(region) && !strings.HasPrefix(out, trunk) {
		// phonenumbers formats a number outside the numbering plan as the
		// bare national number; dialled that way it would become a local
		// call, so the trunk prefix goes in front as for every other one.
		out = trunk + out
	}
	if withoutArea && home.AreaCode != "" && domestic {
		trunk := phonenumbers.GetNddPrefixForRegion(region, true)
		if local, ok := strings.CutPrefix(out, trunk+home.AreaCode); ok && len(local) > 0 {
			return local
		}
	}
	return out
}

// KnownCountry reports whether phonenumbers knows the region code.
func KnownCountry(country string) bool {
	return phonenumbers.GetSupportedRegions()[strings.ToUpper(country)]
}
