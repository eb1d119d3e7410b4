package number

import (
	"errors"
	"testing"
)

var cologne = Home{Country: "DE", AreaCode: "221"}

func TestParseToE164(t *testing.T) {
	cases := []struct {
		home      Home
		in, e164  string
		ext       string
		completed bool
	}{
		{cologne, "+49 (0)221 / 98765-43", "+492219876543", "", false},
		{cologne, "+49 (0) 221 / 123 45-67", "+492211234567", "", false},
		{cologne, "0049 221 4711 0", "+4922147110", "", false},
		{cologne, "0221 / 4711 23", "+49221471123", "", false},
		{cologne, "0221-12345", "+4922112345", "", false},
		{cologne, "4711 23", "+49221471123", "", true},
		{cologne, "0171 1234567", "+491711234567", "", false},
		{cologne, "tel:+4930123456", "+4930123456", "", false},
		{cologne, "tel:+4930123456;ext=5", "+4930123456", "5", false},
		{cologne, "callto:0049301234567", "+49301234567", "", false},
		{cologne, "callto://+49301234567", "+49301234567", "", false},
		{cologne, "sip:02214711@pbx.example;user=phone", "+492214711", "", false},
		{cologne, "SIP:+4989123456@10.0.0.1", "+4989123456", "", false},
		{cologne, "+1 (555) 010-9999 ext. 12", "+15550109999", "12", false},
		{cologne, "+44 20 7946 0958", "+442079460958", "", false},
		{Home{"AT", "1"}, "01 234 56 78", "+4312345678", "", false},
		{Home{"AT", "1"}, "234 56 78", "+4312345678", "", true},
		{Home{"CH", "44"}, "044 668 18 00", "+41446681800", "", false},
		{Home{"US", "212"}, "555-0199", "+12125550199", "", true},
		{Home{"US", "212"}, "(415) 555-0100", "+14155550100", "", false},
		{Home{"GB", "20"}, "020 7946 0958", "+442079460958", "", false},
		{Home{"FR", ""}, "01 23 45 67 89", "+33123456789", "", false},
		{Home{"DE", ""}, "471123", "+49471123", "", false}, // no area code known: nothing to complete
	}
	for _, c := range cases {
		n, err := Parse(c.in, c.home)
		if err != nil {
			t.Errorf("Parse(%q, %v): %v", c.in, c.home, err)
			continue
		}
		if n.E164 != c.e164 || n.Extension != c.ext || n.AreaCompleted != c.completed {
			t.Errorf("Parse(%q, %v) = %s ext %q completed %v, want %s ext %q completed %v",
				c.in, c.home, n.E164, n.Extension, n.AreaCompleted, c.e164, c.ext, c.completed)
		}
	}
}

func TestSameNumberInEveryForm(t *testing.T) {
	forms := []string{"+49 221 471123", "0049221471123", "0221 471123", "(0221) 47 11 23", "471123",
		"+49 (0)221 4711-23", "tel:+49-221-471123", "sip:0221471123@pbx"}
	for _, f := range forms {
		n, err := Parse(f, cologne)
		if err != nil || n.E164 != "+49221471123" {
			t.Errorf("%q → %q, %v", f, n.E164, err)
		}
	}
}

func TestNoNumber(t *testing.T) {
	for _, in := range []string{"", "  ", "anonymous", "Anonymous", "unknown", "<unknown>", "sip:anonymous@anonymous.invalid", "Herr Müller", "tel:"} {
		if _, err := Parse(in, cologne); !errors.Is(err, ErrNoNumber) {
			t.Errorf("Parse(%q) err = %v, want ErrNoNumber", in, err)
		}
	}
}

func TestUnparsableKeepsDigits(t *testing.T) {
	_, err := Parse("+999 12", cologne)
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want *ParseError", err)
	}
	if pe.Digits != "+99912" {
		t.Errorf("digits kept = %q", pe.Digits)
	}
}

func TestDigits(t *testing.T) {
	for in, want := range map[string]string{"+49 (0)221-47": "+49022147", " +1 555": "+1555", "12+34": "1234", "+": "", "abc": "", "0221/4711": "02214711"} {
		if got := Digits(in); got != want {
			t.Errorf("Digits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDialable(t *testing.T) {
	cases := []struct {
		home        Home
		in, want    string
		withoutArea bool
	}{
		{cologne, "+49 221 9876543", "02219876543", false},
		{cologne, "+49 221 9876543", "9876543", true},
		{cologne, "+49 30 1234567", "0301234567", true}, // other area keeps its code
		{cologne, "+44 20 7946 0958", "00442079460958", false},
		{Home{"US", "212"}, "+49 221 9876543", "011492219876543", false},
		{Home{"US", "212"}, "+1 415 555 0100", "14155550100", false},
		{Home{"CH", "44"}, "+41 44 668 18 00", "0446681800", false},
		{Home{"CH", "44"}, "+49 89 123456", "004989123456", false},
		{Home{"AT", "1"}, "+43 1 2345678", "012345678", false},
		{Home{"FR", ""}, "+33 1 23 45 67 89", "0123456789", false},
		{Home{"GB", "20"}, "+33 1 23 45 67 89", "0033123456789", false},
		{Home{"CH", "44"}, "01 23 45 67 89", "0123456789", false}, // outside the plan: trunk kept
	}
	for _, c := range cases {
		n, err := Parse(c.in, c.home)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := n.Dialable(c.home, c.withoutArea); got != c.want {
			t.Errorf("Dialable(%q from %v, withoutArea=%v) = %q, want %q", c.in, c.home, c.withoutArea, got, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"+49 (0)221 / 98765-43", "tel:+4930;ext=1", "sip:1@x", "0221", "(((", "+", "00", "anonymous"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s, cologne)
		if err != nil {
			return
		}
		if len(n.E164) < 2 || n.E164[0] != '+' || Digits(n.E164) != n.E164 {
			t.Fatalf("Parse(%q) gave E164 %q", s, n.E164)
		}
		if d := n.Dialable(cologne, false); d == "" {
			t.Fatalf("Parse(%q) ok but not dialable", s)
		}
	})
}
