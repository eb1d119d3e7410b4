package dialrules

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	for _, r := range []Rules{koeln, nyc, paris, parisPBX, wien, {Country: "de"}, {Country: "DE", MaxExtension: 8}, {Country: "GB", AreaCode: "1632"}} {
		if err := r.Validate(); err != nil {
			t.Errorf("Validate(%+v): %v", r, err)
		}
	}
	bad := []struct {
		r    Rules
		want []string
	}{
		{Rules{Country: "XX"}, []string{"unknown country", "XX"}},
		{Rules{}, []string{"unknown country"}},
		{Rules{Country: "UK"}, []string{"unknown country"}}, // it is GB
		{Rules{Country: "DE", AreaCode: "0221"}, []string{"without the leading 0"}},
		{Rules{Country: "DE", AreaCode: "22a"}, []string{"area code", "digits only"}},
		{Rules{Country: "DE", AreaCode: "2211234"}, []string{"too long"}},
		{Rules{Country: "US", AreaCode: "2125"}, []string{"three digits"}},
		{Rules{Country: "DE", OutsideLine: "0,"}, []string{"outside-line", "digits only"}},
		{Rules{Country: "DE", OutsideLine: "*0"}, []string{"outside-line"}},
		{Rules{Country: "DE", MaxExtension: 12}, []string{"between 1 and 8"}},
		{Rules{Country: "DE", MaxExtension: -1}, []string{"between 1 and 8"}},
		// Every problem at once.
		{Rules{Country: "XX", AreaCode: "x", OutsideLine: "#", MaxExtension: 9}, []string{"unknown country", "area code", "outside-line", "between 1 and 8"}},
	}
	for _, b := range bad {
		err := b.r.Validate()
		if err == nil {
			t.Errorf("Validate(%+v) accepted", b.r)
			continue
		}
		for _, w := range b.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Validate(%+v) = %v, want it to mention %q", b.r, err, w)
			}
		}
	}
}

func TestInternationalPrefixes(t *testing.T) {
	cases := map[string]string{
		"DE": "00", "AT": "00", "CH": "00", "FR": "00", "GB": "00", "IT": "00",
		"US": "011", "CA": "011", "JP": "010",
		"AU": "0011", // a pattern, with 0011 preferred
		"RU": "810",  // "8~10": wait for the dial tone after the 8
		"UA": "00",   // "0~0"
		"IL": "",     // a pattern and no preferred one
		"BR": "",
	}
	for region, want := range cases {
		if got := prefixes()[region].fixed; got != want {
			t.Errorf("international prefix of %s = %q, want %q", region, got, want)
		}
	}
	if p := prefixes()["IL"].pattern; p == nil || !p.MatchString("013") || p.MatchString("0130") {
		t.Error("the pattern of IL must match whole prefixes only")
	}
}
