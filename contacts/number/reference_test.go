package number

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// referenceParse is Parse as it was before its shortcut: every number
// through phonenumbers.Parse and IsValidNumber, the text read with plain
// string functions and suffixRe tried on any text with a letter. Parse
// must give the same answers; the tests below compare the two.
func referenceParse(raw string, home Home) (Number, error) {
	s, ext, _ := splitURI(raw)
	if withheld[strings.ToLower(strings.Trim(s, " \t\"'<>"))] {
		return Number{}, ErrNoNumber
	}
	body, ext2 := referenceSplitSuffix(s)
	if ext == "" {
		ext = ext2
	}
	plus, digits := referenceNumberPart(body)
	if digits == "" {
		return Number{}, ErrNoNumber
	}
	fail := func(err error) (Number, error) {
		d := digits
		if plus {
			d = "+" + d
		}
		return Number{}, &ParseError{Raw: raw, Digits: d, Err: err}
	}
	if len(digits) > maxDigits {
		return fail(fmt.Errorf("%w: %d digits", ErrImpossible, len(digits)))
	}
	region := strings.ToUpper(home.Country)
	in, completed, err := referenceComplete(plus, digits, home, region)
	if err != nil {
		return fail(err)
	}
	pn, valid, err := possible(in, region)
	if err != nil {
		return fail(err)
	}
	if ext != "" {
		pn.Extension = &ext
	}
	return newNumber(pn, completed, valid), nil
}

func referenceComplete(plus bool, digits string, home Home, region string) (string, bool, error) {
	if plus {
		return "+" + digits, false, nil
	}
	trunk := phonenumbers.GetNddPrefixForRegion(region, true)
	nanp := phonenumbers.IsNANPACountry(region)
	if !nanp && trunk != "" && strings.HasPrefix(digits, trunk) {
		return digits, false, nil
	}
	maxExt := home.MaxExtension
	if maxExt <= 0 {
		maxExt = 4
	}
	if len(digits) <= maxExt || IsShort(digits, region) {
		return "", false, ErrShortNumber
	}
	switch {
	case nanp && len(digits) == 7:
	case nanp, trunk == "":
		return digits, false, nil
	}
	area := strings.TrimPrefix(Digits(home.AreaCode), "+")
	if !nanp {
		area = strings.TrimPrefix(area, trunk)
	}
	if area == "" {
		return "", false, ErrNoAreaCode
	}
	if nanp {
		return area + digits, true, nil
	}
	return trunk + area + digits, true, nil
}

func referenceNumberPart(s string) (plus bool, digits string) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= '0' && r <= '9':
			b = append(b, byte(r))
		case len(b) == 0:
			if r == '+' {
				plus = true
			}
		case isSeparator(r):
		default:
			return plus, string(b)
		}
	}
	return plus, string(b)
}

// referenceSplitSuffix is splitSuffix with its old test for a label (any
// letter, '#' or ';') and suffixRe searching the whole text.
func referenceSplitSuffix(s string) (body, ext string) {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || r == '#' || r == ';' }) < 0 {
		return s, ""
	}
	m, ok := suffixOf(s, suffixRe.FindStringSubmatchIndex(s))
	return splitAt(s, m, ok)
}

// sameParse reports how Parse's and referenceParse's answers for raw
// differ, or "" when they agree in every field, in the phonenumbers value
// and in the error.
func sameParse(raw string, home Home) string {
	got, gerr := Parse(raw, home)
	want, werr := referenceParse(raw, home)
	if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
		return fmt.Sprintf("Parse(%q, %v) error %v, reference %v", raw, home, gerr, werr)
	}
	if gerr != nil {
		var gp, wp *ParseError
		if errors.As(gerr, &gp) != errors.As(werr, &wp) || (gp != nil && (gp.Digits != wp.Digits || gp.Raw != wp.Raw)) {
			return fmt.Sprintf("Parse(%q, %v) error %#v, reference %#v", raw, home, gerr, werr)
		}
		for _, kind := range []error{ErrNoNumber, ErrShortNumber, ErrNoAreaCode, ErrImpossible} {
			if errors.Is(gerr, kind) != errors.Is(werr, kind) {
				return fmt.Sprintf("Parse(%q, %v) error %v, reference %v: not the same kind", raw, home, gerr, werr)
			}
		}
		return ""
	}
	if got.E164 != want.E164 || got.CountryCode != want.CountryCode || got.National != want.National ||
		got.Region != want.Region || got.Extension != want.Extension || got.AreaCompleted != want.AreaCompleted ||
		got.Valid != want.Valid {
		return fmt.Sprintf("Parse(%q, %v) = %+v, reference %+v", raw, home, got, want)
	}
	g, w := got.Phone(), want.Phone()
	if g.GetCountryCode() != w.GetCountryCode() || g.GetNationalNumber() != w.GetNationalNumber() ||
		g.GetExtension() != w.GetExtension() || g.GetItalianLeadingZero() != w.GetItalianLeadingZero() ||
		g.GetNumberOfLeadingZeros() != w.GetNumberOfLeadingZeros() {
		return fmt.Sprintf("Parse(%q, %v).Phone() = %v, reference %v", raw, home, g, w)
	}
	if a, b := got.AreaCode(), want.AreaCode(); a != b {
		return fmt.Sprintf("Parse(%q, %v).AreaCode() = %q, reference %q", raw, home, a, b)
	}
	if a, b := got.Display(home), want.Display(home); a != b {
		return fmt.Sprintf("Parse(%q, %v).Display() = %q, reference %q", raw, home, a, b)
	}
	e, ok := AppendE164([]byte("x"), raw, home)
	if !ok || string(e) != "x"+want.E164 {
		return fmt.Sprintf("AppendE164(%q, %v) = %q %v, want %q", raw, home, e, ok, want.E164)
	}
	return ""
}

// referenceCorpus is the seed corpus of FuzzParse and FuzzParseAgrees:
// the shapes the tests of this package name.
var referenceCorpus = []string{"+49 (0)221 / 98765-43", "tel:+4930;ext=1", "sip:1@x", "0221", "(((", "+", "00",
	"anonymous", "4711 23", "0221 4711-0, Durchwahl 23", "tel:%2B49", "tel:1;phone-context=+49",
	"+49 (0) 221 / 123 45-67", "tel:%2B4930123456;ext=5", `"Anonymous" <sip:anonymous@anonymous.invalid>`,
	"000000", "+1 (555) 010-9999 ext. 12", "sip:02214711@pbx;user=phone", "+0912020000000", "0",
	"Tel. 0221 4711-23", "Mobil: +49 171 1234567", "0221 4711 App. 12", "+49 221 4711-0 privat",
	"+39 06 1234 5678", "+800 1234 5678", "07700 900123", "+44 (0)20 7946 0958", "0049 0221 4711",
	"+4902214711", "01 5880 Kl. 123", "0221 4711 DW -23", "+1 415 555 0100 x12", "\u00a0+49\u00a0221\u20114711",
	"0221 47110 Durchwahl 23", "Postbox 12", "Durchwahl 23", "0221 4711 #12", "+49 221 4711 23 (Zentrale)",
	"+44 (0)20 7946 0958", "+44 1800 20 1234 5678", "0044 (0) 180020 123456", "01800 20 1234567", "020 7946 0958",
	"0221 4711 \u212a\u2113. 12", "0221 4711 ;ext=12", "0221 4711 ; EXT = 12",
	// The shapes of address books (BenchmarkAppendE164).
	"0221 12345-23", "0221/1234523", "(0221) 12345 23", "+49 (0)221 12345-23", "0049 221 12345 23",
	"+49-221-12345-23", "12345 23", "0171-123 45 67", "(0171) 1234567", "+49\u00a0221\u00a012345-23",
	"0221 - 12345 23", "folgt", "0000 000", " +49 221 12345 + 1", "[0221] 12345.23\t"}
