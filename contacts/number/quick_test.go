package number

import (
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// FuzzQuickParse checks the shortcut against phonenumbers.Parse: whenever
// quickParse gives a valid number, which possible() then keeps, both must
// agree on country code and national number.
func FuzzQuickParse(f *testing.F) {
	for _, s := range []string{"+492214711", "00492214711", "02214711", "0049 0221", "+390612345678", "+4902214711", "004902214711123",
		"+12125550199", "0012125550199", "+80012345678", "+5491123456789", "01349221987", "+4402079460958"} {
		f.Add(s, "DE")
	}
	f.Add("06 1234 5678", "IT")
	f.Add("01349221987", "IL")
	f.Add("0011491234567", "AU")
	f.Add("01 23 45 67 89", "FR")
	f.Add("02079460958", "GB")
	f.Add("01800201234567", "GB")
	f.Add("+4402079460958", "GB")
	f.Add("+44180020794609", "DE")
	f.Add("2125550199", "US")
	f.Fuzz(func(t *testing.T, s, region string) {
		if !plusDigits(s) || len(s) > 20 {
			return
		}
		for _, afterCC := range []bool{false, true} {
			q, ok := quickPN(s, region, afterCC)
			if !ok || !phonenumbers.IsValidNumber(q) {
				continue // possible() parses these the slow way
			}
			p, err := phonenumbers.Parse(s, region)
			if err != nil {
				t.Fatalf("quickParse(%q, %s, %v) = %v, but Parse fails: %v", s, region, afterCC, q, err)
			}
			if p.GetCountryCode() != q.GetCountryCode() || p.GetNationalNumber() != q.GetNationalNumber() ||
				p.GetItalianLeadingZero() || p.GetNumberOfLeadingZeros() > 1 {
				t.Fatalf("quickParse(%q, %s, %v) = +%d %d, Parse = +%d %d (leading zero %v)", s, region, afterCC,
					q.GetCountryCode(), q.GetNationalNumber(), p.GetCountryCode(), p.GetNationalNumber(), p.GetItalianLeadingZero())
			}
		}
	})
}

// quickParse is quickSplit (without dropping a trunk prefix after the
// country code) as the PhoneNumber the number would become.
func quickParse(s, region string) (*phonenumbers.PhoneNumber, bool) {
	return quickPN(s, region, false)
}

func quickPN(s, region string, afterCC bool) (*phonenumbers.PhoneNumber, bool) {
	cc, nsn, ok := quickSplit([]byte(s), info(region), afterCC)
	if !ok {
		return nil, false
	}
	cc32 := int32(cc)
	n, err := strconv.ParseUint(string(nsn), 10, 64)
	if err != nil {
		return nil, false
	}
	return &phonenumbers.PhoneNumber{CountryCode: &cc32, NationalNumber: &n}, true
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
	// quickSplit leaves anything but digits in the national number to
	// validNational.
	if cc, nsn, ok := quickSplit([]byte("0221 4711"), info("DE"), true); ok {
		if _, valid := validNational(cc, nsn); valid {
			t.Errorf("spaces accepted: +%d %s", cc, nsn)
		}
	}
	pn, ok := quickParse("00492214711", "DE")
	if !ok || pn.GetCountryCode() != 49 || pn.GetNationalNumber() != 2214711 {
		t.Errorf("quickParse(00492214711) = %v, %v", pn, ok)
	}
	// "+49 (0)221 4711": the trunk prefix after the country code goes
	// when asked to, once.
	for s, want := range map[string]uint64{"+4902214711": 2214711, "004902214711": 2214711, "+43015880": 15880} {
		if pn, ok := quickPN(s, "DE", true); !ok || pn.GetNationalNumber() != want {
			t.Errorf("quickPN(%q, DE, true) = %v, %v; want NSN %d", s, pn, ok, want)
		}
	}
	for _, s := range []string{"+49002214711", "+390612345678", "+441800201234567", "+4401800201234567"} {
		if pn, ok := quickPN(s, "DE", true); ok {
			t.Errorf("quickPN(%q, DE, true) = %v; want it left to phonenumbers", s, pn)
		}
	}
}
