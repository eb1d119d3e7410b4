package number

import "testing"

func TestDigits(t *testing.T) {
	for in, want := range map[string]string{
		"+49 (0)221-47": "+49022147", " +1 555": "+1555", "12+34": "1234", "+": "", "abc": "",
		"0221/4711": "02214711", "tel:+4930": "+4930", "(+49) 221": "+49221", "++49": "+49", "1+": "1",
	} {
		if got := Digits(in); got != want {
			t.Errorf("Digits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripURI(t *testing.T) {
	for in, want := range map[string]string{
		"sip:0221123@pbx;user=phone":      "0221123",
		"sips:+49221123@pbx:5061":         "+49221123",
		"tel:+4930123;ext=5":              "+4930123",
		"tel:%2B4930123":                  "+4930123",
		"tel:4711;phone-context=+49-221":  "+492214711",
		"tel:4711;phone-context=pbx.corp": "4711",
		"callto://+4930123/":              "+4930123",
		"callto:+4930123?call":            "+4930123",
		"<sip:201@10.0.0.1>":              "201",
		"sip:alice@pbx":                   "alice",
		"  0221 4711  ":                   "0221 4711",
		"mailto:a@b":                      "mailto:a@b",
		"Tel: 0221 4711":                  "0221 4711",
	} {
		if got := StripURI(in); got != want {
			t.Errorf("StripURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitSuffix(t *testing.T) {
	cases := []struct{ in, body, ext string }{
		{"+1 555 010 9999 ext. 12", "+1 555 010 9999", "12"},
		{"+1 555 010 9999 Ext 12", "+1 555 010 9999", "12"},
		{"+1 555 010 9999 extension: 12", "+1 555 010 9999", "12"},
		{"+1 555 010 9999x12", "+1 555 010 9999", "12"},
		{"+1 555 010 9999 #12", "+1 555 010 9999", "12"},
		{"0221 4711 Apparat 12", "0221 4711", "12"},
		{"0221 4711 (App. 12)", "0221 4711", "12"},
		{"+33 1 23 45 67 89 poste 4", "+33 1 23 45 67 89", "4"},
		{"0221 4711-0, Durchwahl 23", "0221 4711-23", ""},
		{"0221 47110 Durchwahl 23", "0221 4711023", ""},
		{"01 5880 Kl. 123", "01 5880123", ""},
		{"01 5880 DW 123", "01 5880123", ""},
		{"Durchwahl 23", "Durchwahl 23", ""},
		{"Postbox 12", "Postbox 12", ""},
		{"Text 12", "Text 12", ""},
		{"0221 4711", "0221 4711", ""},
	}
	for _, c := range cases {
		body, ext := splitSuffix(c.in)
		if body != c.body || ext != c.ext {
			t.Errorf("splitSuffix(%q) = %q, %q; want %q, %q", c.in, body, ext, c.body, c.ext)
		}
	}
}

// numberPart is appendNumberPart as a string, for the table below.
func numberPart(s string) (bool, string) {
	plus, digits := appendNumberPart(nil, s)
	return plus, string(digits)
}

func TestNumberPart(t *testing.T) {
	cases := []struct {
		in     string
		plus   bool
		digits string
	}{
		{"Tel. +49 (0)221 4711-0 (Zentrale)", true, "49022147110"},
		{"0800 FLOWERS", false, "0800"},
		{"0221 4711, 0221 4712", false, "02214711"},
		{"+49 221 +1", true, "49221"},
		{"[030] 1234\u20135678", false, "03012345678"},
		{"abc", false, ""},
	}
	for _, c := range cases {
		plus, digits := numberPart(c.in)
		if plus != c.plus || digits != c.digits {
			t.Errorf("numberPart(%q) = %v %q, want %v %q", c.in, plus, digits, c.plus, c.digits)
		}
	}
}
