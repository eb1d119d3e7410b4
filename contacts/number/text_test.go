package number

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

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
func numberPart(s string) (bool, string, bool) {
	plus, digits, plain := appendNumberPart(nil, s)
	return plus, string(digits), plain
}

func TestNumberPart(t *testing.T) {
	cases := []struct {
		in     string
		plus   bool
		digits string
		plain  bool
	}{
		{"Tel. +49 (0)221 4711-0 (Zentrale)", true, "49022147110", false},
		{"0800 FLOWERS", false, "0800", false},
		{"0221 4711, 0221 4712", false, "02214711", false},
		{"+49 221 +1", true, "49221", false},
		{"[030] 1234\u20135678", false, "03012345678", false},
		{"abc", false, "", false},
		{"+49 (0)221 / 4711-23", true, "490221471123", true},
		{" (0221) 4711.23\t", false, "0221471123", true},
		{"++ 0221", true, "0221", true},
		{"+-+", true, "", true},
		{"", false, "", true},
		{"0221\u00a04711", false, "02214711", false},
		{"0221 4711 \u00e4", false, "02214711", false},
		{"\u00e4 0221", false, "0221", false},
		{"0221:4711", false, "0221", false},
	}
	for _, c := range cases {
		plus, digits, plain := numberPart(c.in)
		if plus != c.plus || digits != c.digits || plain != c.plain {
			t.Errorf("numberPart(%q) = %v %q %v, want %v %q %v", c.in, plus, digits, plain, c.plus, c.digits, c.plain)
		}
	}
}

// plainDiffers reports how parse's shortcut for a plain text (the digits
// of appendNumberPart, no extension) and the full reading of the text
// differ, or "" when s is not plain or they agree.
func plainDiffers(s string) string {
	plus, digits, plain := appendNumberPart(nil, s)
	if !plain {
		return ""
	}
	wantPlus, wantDigits, ext, err := readText(nil, s)
	if err != nil || wantPlus != plus || string(wantDigits) != string(digits) || ext != "" {
		return fmt.Sprintf("plain %q: shortcut %v %q, readText %v %q ext %q, %v", s, plus, digits, wantPlus, wantDigits, ext, err)
	}
	return ""
}

// TestPlainNeedsNoReading checks, on every text of the bytes a plain text
// may have up to a length of four, and on the shapes of address books,
// that readText finds in a plain text what appendNumberPart does: its
// digits, no extension. That is so because readText's steps all need a
// byte a plain text lacks: splitURI a ':', the withheld words letters,
// splitSuffix a label, which starts with ';', '#' or a letter
// (findSuffix tries nowhere else).
func TestPlainNeedsNoReading(t *testing.T) {
	var plainBytes []byte
	for c := range 256 {
		if _, _, plain := appendNumberPart(nil, string(rune(c))); plain && c < utf8.RuneSelf {
			plainBytes = append(plainBytes, byte(c))
		}
	}
	if got := string(plainBytes); got != "\t\n\v\f\r ()+-./0123456789[]" {
		t.Errorf("plain bytes %q", got)
	}
	var all func(prefix []byte, n int)
	all = func(prefix []byte, n int) {
		if diff := plainDiffers(string(prefix)); diff != "" {
			t.Error(diff)
		}
		if n == 0 {
			return
		}
		for _, c := range plainBytes {
			all(append(prefix, c), n-1)
		}
	}
	all(nil, 4)
	for _, s := range append(referenceCorpus, "+49 (0)221 12345-23", "(0221) 12345 23", "0221/1234523", " 0221 - 12345 23\r\n",
		"+49 221 12345 + 1", "0221 12345-0 .. 23", "0221 12345-0 . 23") {
		if diff := plainDiffers(s); diff != "" {
			t.Error(diff)
		}
	}
}

// FuzzPlainNeedsNoReading holds parse's shortcut for plain text to the
// full reading on any text.
func FuzzPlainNeedsNoReading(f *testing.F) {
	for _, s := range referenceCorpus {
		f.Add(s)
	}
	f.Add("+49 (0)221 12345-23")
	f.Add("0221 12345-0 .. 23")
	f.Fuzz(func(t *testing.T, s string) {
		if diff := plainDiffers(s); diff != "" {
			t.Fatal(diff)
		}
	})
}
