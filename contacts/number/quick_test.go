package number

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// FuzzQuickParse checks the shortcut against phonenumbers.Parse: whenever
// quickParse gives a valid number, which possible() then keeps, both must
// agree on country code and national number.
func FuzzQuickParse(f *testing.F) {
	for _, s := range []string{"+492214711", "00492214711", "02214711", "0049 0221", "+390612345678",
		"+12125550199", "0012125550199", "+80012345678", "+5491123456789", "01349221987", "+4402079460958"} {
		f.Add(s, "DE")
	}
	f.Add("06 1234 5678", "IT")
	f.Add("01349221987", "IL")
	f.Add("0011491234567", "AU")
	f.Add("01 23 45 67 89", "FR")
	f.Add("2125550199", "US")
	f.Fuzz(func(t *testing.T, s, region string) {
		if !plusDigits(s) || len(s) > 20 {
			return
		}
		q, ok := quickParse(s, region)
		if !ok || !phonenumbers.IsValidNumber(q) {
			return // possible() parses these the slow way
		}
		p, err := phonenumbers.Parse(s, region)
		if err != nil {
			t.Fatalf("quickParse(%q, %s) = %v, but Parse fails: %v", s, region, q, err)
		}
		if p.GetCountryCode() != q.GetCountryCode() || p.GetNationalNumber() != q.GetNationalNumber() ||
			p.GetItalianLeadingZero() || p.GetNumberOfLeadingZeros() > 1 {
			t.Fatalf("quickParse(%q, %s) = +%d %d, Parse = +%d %d (leading zero %v)", s, region,
				q.GetCountryCode(), q.GetNationalNumber(), p.GetCountryCode(), p.GetNationalNumber(), p.GetItalianLeadingZero())
		}
	})
}

func plusDigits(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '+' {
		s = s[1:]
	}
	return s != "" && isDigits(s)
}

func TestQuickParseDeclines(t *testing.T) {
	for _, c := range []struct{ s, region string }{
		{"06 1234 5678", "IT"},   // not digits only
		{"0612345678", "IT"},     // Italian leading zero
		{"+390612345678", "DE"},  // the same from abroad
		{"+4902214711", "DE"},    // trunk prefix after the country code
		{"01349221987", "IL"},    // international prefix is a pattern
		{"+5491123456789", "DE"}, // Argentina's mobile 9
		{"2125550199", "US"},     // no prefix at all: phonenumbers decides
	} {
		if pn, ok := quickParse(c.s, c.region); ok {
			t.Errorf("quickParse(%q, %s) = %v; want it left to phonenumbers", c.s, c.region, pn)
		}
	}
	if pn, ok := quickParse("0221 4711", "DE"); ok {
		t.Errorf("spaces accepted: %v", pn)
	}
	pn, ok := quickParse("00492214711", "DE")
	if !ok || pn.GetCountryCode() != 49 || pn.GetNationalNumber() != 2214711 {
		t.Errorf("quickParse(00492214711) = %v, %v", pn, ok)
	}
}
