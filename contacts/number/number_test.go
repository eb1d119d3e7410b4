package number

import (
	"errors"
	"strconv"
	"testing"
)

var (
	cologne = Home{Country: "DE", AreaCode: "221"}
	vienna  = Home{Country: "AT", AreaCode: "1"}
	zurich  = Home{Country: "CH", AreaCode: "44"}
	nyc     = Home{Country: "US", AreaCode: "212"}
	london  = Home{Country: "GB", AreaCode: "20"}
	paris   = Home{Country: "FR"}
	rome    = Home{Country: "IT"}
)

func TestParse(t *testing.T) {
	cases := []struct {
		home      Home
		in        string
		e164      string
		national  string
		region    string
		ext       string
		completed bool
		valid     bool
	}{
		// Germany, from Köln: every way the same number is written.
		{cologne, "+49 (0)221 / 98765-43", "+492219876543", "2219876543", "DE", "", false, true},
		{cologne, "+49 (0) 221 / 123 45-67", "+492211234567", "2211234567", "DE", "", false, true},
		{cologne, "+49(0)221-1234567", "+492211234567", "2211234567", "DE", "", false, true},
		{cologne, "0049 221 4711 0", "+4922147110", "22147110", "DE", "", false, true},
		{cologne, "0049 (0)221 4711", "+492214711", "2214711", "DE", "", false, true},
		{cologne, "0221 / 4711 23", "+49221471123", "221471123", "DE", "", false, true},
		{cologne, "0221-12345", "+4922112345", "22112345", "DE", "", false, true},
		{cologne, "(0221) 47 11 - 0", "+4922147110", "22147110", "DE", "", false, true},
		{cologne, "(+49) 221 4711 23", "+49221471123", "221471123", "DE", "", false, true},
		{cologne, "+49\u00a0221\u20114711\u202f23", "+49221471123", "221471123", "DE", "", false, true},
		{cologne, "4711 23", "+49221471123", "221471123", "DE", "", true, true},
		{cologne, "0171 1234567", "+491711234567", "1711234567", "DE", "", false, true},
		{cologne, "+49 171 1234567", "+491711234567", "1711234567", "DE", "", false, true},
		{cologne, "0800 3301000", "+498003301000", "8003301000", "DE", "", false, true},
		{cologne, "030 123 456 78", "+493012345678", "3012345678", "DE", "", false, true},
		// URIs.
		{cologne, "tel:+4930123456", "+4930123456", "30123456", "DE", "", false, true},
		{cologne, "tel:+49-30-123456;ext=5", "+4930123456", "30123456", "DE", "5", false, true},
		{cologne, "tel:%2B4930123456", "+4930123456", "30123456", "DE", "", false, true},
		{cologne, "TEL:4711;phone-context=+49-221", "+492214711", "2214711", "DE", "", false, true},
		{cologne, "callto:0049301234567", "+49301234567", "301234567", "DE", "", false, true},
		{cologne, "callto://+49301234567", "+49301234567", "301234567", "DE", "", false, true},
		{cologne, "callto:+49301234567?call", "+49301234567", "301234567", "DE", "", false, true},
		{cologne, "sip:02214711@pbx.example;user=phone", "+492214711", "2214711", "DE", "", false, true},
		{cologne, "<SIP:+4989123456@10.0.0.1>", "+4989123456", "89123456", "DE", "", false, true},
		// Extensions, Durchwahl and text after the number.
		{cologne, "+1 (555) 010-9999 ext. 12", "+15550109999", "5550109999", "", "12", false, false},
		{cologne, "+1 415 555 0100 x12", "+14155550100", "4155550100", "US", "12", false, true},
		{cologne, "0221 4711 App. 12", "+492214711", "2214711", "DE", "12", false, true},
		{cologne, "0221 4711-0, Durchwahl 23", "+49221471123", "221471123", "DE", "", false, true},
		{cologne, "0221 4711 DW -23", "+49221471123", "221471123", "DE", "", false, true},
		{cologne, "+49 221 4711-0 privat", "+4922147110", "22147110", "DE", "", false, true},
		{cologne, "+49 221 4711 23 (Zentrale)", "+49221471123", "221471123", "DE", "", false, true},
		{cologne, "Mobil: +49 171 1234567", "+491711234567", "1711234567", "DE", "", false, true},
		// Foreign numbers from Köln.
		{cologne, "+44 20 7946 0958", "+442079460958", "2079460958", "GB", "", false, true},
		{cologne, "+44 (0)20 7946 0958", "+442079460958", "2079460958", "GB", "", false, true},
		{cologne, "+39 06 1234 5678", "+390612345678", "0612345678", "IT", "", false, true},
		{cologne, "+800 1234 5678", "+80012345678", "12345678", "001", "", false, true},
		// Other homes.
		{vienna, "01 234 56 78", "+4312345678", "12345678", "AT", "", false, true},
		{vienna, "234 56 78", "+4312345678", "12345678", "AT", "", true, true},
		{vienna, "+43 (0)1 5880 0", "+43158800", "158800", "AT", "", false, true},
		{vienna, "0664 1234567", "+436641234567", "6641234567", "AT", "", false, true},
		{zurich, "044 668 18 00", "+41446681800", "446681800", "CH", "", false, true},
		{zurich, "668 18 00", "+41446681800", "446681800", "CH", "", true, true},
		{zurich, "+41 (0)79 123 45 67", "+41791234567", "791234567", "CH", "", false, true},
		{nyc, "555-0199", "+12125550199", "2125550199", "US", "", true, true},
		{nyc, "(415) 555-0100", "+14155550100", "4155550100", "US", "", false, true},
		{nyc, "1 800 555 0100", "+18005550100", "8005550100", "US", "", false, true},
		{nyc, "011 49 221 4711 23", "+49221471123", "221471123", "DE", "", false, true},
		{london, "020 7946 0958", "+442079460958", "2079460958", "GB", "", false, true},
		{london, "7946 0958", "+442079460958", "2079460958", "GB", "", true, true},
		{london, "07700 900123", "+447700900123", "7700900123", "", "", false, false}, // +44 is shared with GG, IM, JE
		{paris, "01 23 45 67 89", "+33123456789", "123456789", "FR", "", false, true},
		{paris, "06 12 34 56 78", "+33612345678", "612345678", "FR", "", false, true},
		{rome, "06 1234 5678", "+390612345678", "0612345678", "IT", "", false, true},
		{Home{Country: "de", AreaCode: "221"}, "4711 23", "+49221471123", "221471123", "DE", "", true, true},
		{Home{Country: "DE", AreaCode: "221", MaxExtension: 3}, "4711", "+492214711", "2214711", "DE", "", true, true},
		{Home{Country: "DE", AreaCode: "0221"}, "4711 23", "+49221471123", "221471123", "DE", "", true, true}, // Vorwahl written with its 0
	}
	for _, c := range cases {
		n, err := Parse(c.in, c.home)
		if err != nil {
			t.Errorf("Parse(%q, %v): %v", c.in, c.home, err)
			continue
		}
		if n.E164 != c.e164 || n.National != c.national || n.Region != c.region || n.Extension != c.ext ||
			n.AreaCompleted != c.completed || n.Valid != c.valid {
			t.Errorf("Parse(%q, %v) = %s nsn %s region %q ext %q completed %v valid %v, want %s nsn %s region %q ext %q completed %v valid %v",
				c.in, c.home, n.E164, n.National, n.Region, n.Extension, n.AreaCompleted, n.Valid,
				c.e164, c.national, c.region, c.ext, c.completed, c.valid)
		}
		if n.Phone() == nil || n.CountryCode == 0 || "+"+strconv.Itoa(n.CountryCode)+n.National != n.E164 {
			t.Errorf("Parse(%q): country code %d and NSN %q do not make E164 %q", c.in, n.CountryCode, n.National, n.E164)
		}
	}
}

func TestSameNumberInEveryForm(t *testing.T) {
	forms := []string{"+49 221 471123", "0049221471123", "0221 471123", "(0221) 47 11 23", "471123",
		"+49 (0)221 4711-23", "tel:+49-221-471123", "sip:0221471123@pbx", "0221 4711-0 Durchwahl 23",
		"+49 221 4711 DW 23", "tel:471123;phone-context=+49221"}
	for _, f := range forms {
		n, err := Parse(f, cologne)
		if err != nil || n.E164 != "+49221471123" {
			t.Errorf("%q → %q, %v", f, n.E164, err)
		}
	}
}

func TestNoNumber(t *testing.T) {
	for _, in := range []string{"", "  ", "anonymous", "Anonymous", "unknown", "<unknown>", "Unterdrückt",
		"sip:anonymous@anonymous.invalid", `"Anonymous" <sip:anonymous@anonymous.invalid>`,
		"Herr Müller", "tel:", "+", "--", "sip:@pbx"} {
		if _, err := Parse(in, cologne); !errors.Is(err, ErrNoNumber) {
			t.Errorf("Parse(%q) err = %v, want ErrNoNumber", in, err)
		}
	}
}

func TestParseErrorsKeepDigits(t *testing.T) {
	cases := []struct {
		home   Home
		in     string
		want   error
		digits string
	}{
		{cologne, "23", ErrShortNumber, "23"},
		{cologne, "4711", ErrShortNumber, "4711"},
		{cologne, "112", ErrShortNumber, "112"},
		{cologne, "110", ErrShortNumber, "110"},
		{cologne, "116117", ErrShortNumber, "116117"},
		{cologne, "11833", ErrShortNumber, "11833"},
		{cologne, "sip:201@pbx", ErrShortNumber, "201"},
		{Home{Country: "DE", AreaCode: "221", MaxExtension: 6}, "47112", ErrShortNumber, "47112"},
		{nyc, "911", ErrShortNumber, "911"},
		{nyc, "1234", ErrShortNumber, "1234"},
		{vienna, "133", ErrShortNumber, "133"},
		{london, "999", ErrShortNumber, "999"},
		{Home{Country: "DE"}, "4711 23", ErrNoAreaCode, "471123"},
		{Home{Country: "US"}, "555-0199", ErrNoAreaCode, "5550199"},
		{cologne, "+999 12", ErrImpossible, "+99912"},
		{cologne, "+49 221", ErrImpossible, "+49221"},
		{cologne, "089", ErrImpossible, "089"},
		{cologne, "0", ErrImpossible, "0"},
		{cologne, "+1 234 567 890 123 456 789 01", ErrImpossible, "+123456789012345678901"},
		{Home{Country: "XX", AreaCode: "221"}, "0221 4711", ErrImpossible, "02214711"},
	}
	for _, c := range cases {
		_, err := Parse(c.in, c.home)
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, c.want) {
			t.Errorf("Parse(%q, %v) err = %v, want a ParseError with %v", c.in, c.home, err, c.want)
			continue
		}
		if pe.Digits != c.digits || pe.Raw != c.in {
			t.Errorf("Parse(%q): ParseError keeps %q of %q, want %q", c.in, pe.Digits, pe.Raw, c.digits)
		}
	}
}

func TestAreaCode(t *testing.T) {
	cases := []struct {
		home     Home
		in, want string
	}{
		{cologne, "+49 221 4711 23", "221"},
		{cologne, "+49 2241 4711", "2241"},
		{cologne, "+49 30 1234567", "30"},
		{cologne, "+49 171 1234567", ""},
		{cologne, "0800 3301000", ""},
		{vienna, "01 234 56 78", "1"},
		{nyc, "555-0199", "212"},
		{london, "020 7946 0958", "20"},
	}
	for _, c := range cases {
		n, err := Parse(c.in, c.home)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := n.AreaCode(); got != c.want {
			t.Errorf("AreaCode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if (Number{}).AreaCode() != "" {
		t.Error("zero Number has an area code")
	}
}

func TestIsShort(t *testing.T) {
	for _, c := range []struct {
		digits, region string
		want           bool
	}{
		{"112", "DE", true}, {"110", "DE", true}, {"116117", "DE", true}, {"911", "US", true},
		{"144", "CH", true}, {"15", "FR", true}, {"471123", "DE", false}, {"4711", "DE", false},
		{"5550199", "US", false}, {"112", "XX", false},
	} {
		if got := IsShort(c.digits, c.region); got != c.want {
			t.Errorf("IsShort(%q, %s) = %v, want %v", c.digits, c.region, got, c.want)
		}
	}
}

func TestKnownCountry(t *testing.T) {
	for in, want := range map[string]bool{"DE": true, "at": true, "GB": true, "UK": false, "001": false, "": false, "XX": false} {
		if got := KnownCountry(in); got != want {
			t.Errorf("KnownCountry(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestAppendCC(t *testing.T) {
	for cc := range 1000 {
		if got, want := string(appendCC([]byte("+"), cc)), "+"+strconv.Itoa(cc); got != want {
			t.Errorf("appendCC(%d) = %q, want %q", cc, got, want)
		}
	}
}
