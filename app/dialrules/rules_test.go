package dialrules

import (
	"errors"
	"strings"
	"testing"
)

var (
	koeln  = Rules{Country: "DE", AreaCode: "221", OutsideLine: "0"}
	berlin = Rules{Country: "DE", AreaCode: "30"}
	wien   = Rules{Country: "AT", AreaCode: "1", OutsideLine: "0"}
	zurich = Rules{Country: "CH", AreaCode: "44", OutsideLine: "0"}
	london = Rules{Country: "GB", AreaCode: "20", OutsideLine: "9"}
	nyc    = Rules{Country: "US", AreaCode: "212", OutsideLine: "9"}
	paris  = Rules{Country: "FR"}
)

func TestPrepare(t *testing.T) {
	cases := []struct {
		name     string
		rules    Rules
		text     string
		want     string
		internal bool
		ext      string
	}{
		// The issue's own examples.
		{"DE trunk hint", koeln, "+49 (0)221 / 98765-43", "002219876543", false, ""},
		{"DE to US", koeln, "+1 (555) 010-9999", "00015550109999", false, ""},
		{"DE extension", koeln, "23", "23", true, ""},
		// Germany, from Köln with Amtsholung 0.
		{"DE signature", koeln, "Tel.: +49 (0) 221 / 123 45-67", "002211234567", false, ""},
		{"DE national dash", koeln, "0221-12345", "0022112345", false, ""},
		{"DE 0049", koeln, "0049 30 1234567", "00301234567", false, ""},
		{"DE other city", koeln, "(030) 123 456 78", "003012345678", false, ""},
		{"DE local completed", koeln, "4711 23", "00221471123", false, ""},
		{"DE mobile", koeln, "0171 1234567", "001711234567", false, ""},
		{"DE mobile intl", koeln, "+49 171 1234567", "001711234567", false, ""},
		{"DE freephone", koeln, "0800 3301000", "008003301000", false, ""},
		{"DE service 0180", koeln, "01805 123456", "001805123456", false, ""},
		{"DE emergency", koeln, "112", "0112", false, ""},
		{"DE police", koeln, "110", "0110", false, ""},
		{"DE 116117", koeln, "116117", "0116117", false, ""},
		{"DE company head", koeln, "+49 221 4711-0", "0022147110", false, ""},
		{"DE tel link", koeln, "tel:+4930123456", "0030123456", false, ""},
		{"DE callto", koeln, "callto:0049301234567", "00301234567", false, ""},
		{"DE sip number", koeln, "sip:201@pbx", "201", true, ""},
		{"DE sip external", koeln, "sip:+4922198765@pbx.example;user=phone", "0022198765", false, ""},
		{"DE sip name", koeln, "sip:alice@pbx.example", "alice@pbx.example", true, ""},
		{"DE feature code", koeln, "*21#", "*21#", true, ""},
		{"DE feature code off", koeln, "#31#", "#31#", true, ""},
		{"DE no outside line", berlin, "+49 30 1234567", "0301234567", false, ""},
		{"DE local berlin", berlin, "1234567", "0301234567", false, ""},
		{"DE own area without code", Rules{Country: "DE", AreaCode: "221", OutsideLine: "0", DialLocalWithoutAreaCode: true}, "0221 9876543", "09876543", false, ""},
		{"DE extension 4 digits", koeln, "Durchwahl 2345", "2345", true, ""},
		{"DE 5 digits not extension", Rules{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 3}, "4711", "002214711", false, ""},
		{"DE to UK", koeln, "+44 20 7946 0958", "000442079460958", false, ""},
		{"DE to FR", koeln, "+33 1 23 45 67 89", "00033123456789", false, ""},
		{"DE to AT", koeln, "+43 1 5880 0", "0004315880" + "0", false, ""},
		{"DE to CH", koeln, "+41 44 668 18 00", "00041446681800", false, ""},
		{"DE US ext", koeln, "+1 (555) 010-9999 ext. 12", "00015550109999", false, "12"},
		// Austria, Vienna.
		{"AT national", wien, "01 5880 0", "0015880" + "0", false, ""},
		{"AT local", wien, "5880 0", "0015880" + "0", false, ""},
		{"AT mobile", wien, "0664 1234567", "006641234567", false, ""},
		{"AT to DE", wien, "+49 221 4711 23", "00049221471123", false, ""},
		{"AT emergency", wien, "133", "0133", false, ""},
		// Switzerland, Zürich.
		{"CH national", zurich, "044 668 18 00", "00446681800", false, ""},
		{"CH intl", zurich, "+41 (0)44 668 18 00", "00446681800", false, ""},
		{"CH to DE", zurich, "+49 89 123456", "0004989123456", false, ""},
		{"CH mobile", zurich, "079 123 45 67", "00791234567", false, ""},
		// United Kingdom, London, outside line 9.
		{"UK national", london, "020 7946 0958", "902079460958", false, ""},
		{"UK to DE", london, "+49 221 123456", "90049221123456", false, ""},
		{"UK mobile", london, "07700 900123", "907700900123", false, ""},
		// United States, New York, outside line 9.
		{"US national", nyc, "(415) 555-0100", "914155550100", false, ""},
		{"US local 7", nyc, "555-0199", "912125550199", false, ""},
		{"US to DE", nyc, "+49 221 98765 43", "9011492219876543", false, ""},
		{"US emergency", nyc, "911", "9911", false, ""},
		// France.
		{"FR national", paris, "01 23 45 67 89", "0123456789", false, ""},
		{"FR intl own", paris, "+33 6 12 34 56 78", "0612345678", false, ""},
		{"FR to DE", paris, "+49 221 123456", "0049221123456", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := c.rules.Prepare(c.text)
			if err != nil {
				t.Fatalf("Prepare(%q): %v", c.text, err)
			}
			if d.Number != c.want || d.Internal != c.internal || d.Extension != c.ext {
				t.Fatalf("Prepare(%q) = %q internal %v ext %q, want %q internal %v ext %q",
					c.text, d.Number, d.Internal, d.Extension, c.want, c.internal, c.ext)
			}
			short := strings.Contains(c.name, "emergency") || strings.Contains(c.name, "police") || strings.Contains(c.name, "116117")
			if (d.E164 == "") != (c.internal || short) {
				t.Errorf("Prepare(%q): E164 %q; only internal and short numbers have none", c.text, d.E164)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	cases := map[string]string{
		"Tel.: +49 (0) 221 / 123 45-67":                      "+49 (0) 221 / 123 45-67",
		"Rufen Sie an: 0221-12345!":                          "0221-12345",
		"Meeting am 22.11.2026 um 14.30, Tel. 0221 4711 23":  "0221 4711 23",
		"Musterstr. 5, 50667 Köln, Telefon (0221) 47 11 - 0": "(0221) 47 11 - 0",
		"Fax: 0221 4711 99\nMobil: 0171 1234567":             "0171 1234567",
		"Fax 0221 4711 99":                                   "0221 4711 99",
		"Tel 0221 100\nFax 0221 200\nMobil 0171 300":         "0221 100",
		"IBAN DE89 3704 0044 0532 0130 00, Tel. 030 1234567": "030 1234567",
		"Bestellung AB-12345, Rückruf unter 089 12 34 56":    "089 12 34 56",
		"<a href=\"tel:+4930123456\">Anrufen</a>":            "+4930123456",
		"  23  ":                           "23",
		"Phone: +1 (555) 010-9999 ext. 12": "+1 (555) 010-9999",
		"sip:alice@pbx.example":            "alice@pbx.example",
		"Zentrale: 0221/4711-0 (Mo–Fr)":    "0221/4711-0",
	}
	for in, want := range cases {
		got, err := Extract(in)
		if err != nil || got != want {
			t.Errorf("Extract(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestNoNumber(t *testing.T) {
	for _, in := range []string{"", "   ", "Hallo Welt", "am 22.11.2026", "50667 Köln", "tel:", "anonymous"} {
		if _, err := koeln.Prepare(in); !errors.Is(err, ErrNoNumber) {
			t.Errorf("Prepare(%q) err = %v, want ErrNoNumber", in, err)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := koeln.Validate(); err != nil {
		t.Fatalf("valid rules rejected: %v", err)
	}
	bad := []struct {
		r    Rules
		want string
	}{
		{Rules{Country: "XX"}, "unknown country"},
		{Rules{Country: "DE", AreaCode: "0221"}, "without the leading 0"},
		{Rules{Country: "DE", AreaCode: "22a"}, "digits only"},
		{Rules{Country: "DE", OutsideLine: "0,"}, "outside-line"},
		{Rules{Country: "DE", MaxExtension: 12}, "between 1 and 8"},
	}
	for _, b := range bad {
		err := b.r.Validate()
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("Validate(%+v) = %v, want it to mention %q", b.r, err, b.want)
		}
	}
}

func FuzzPrepare(f *testing.F) {
	for _, s := range []string{"+49 (0)221 / 98765-43", "23", "*21#", "sip:alice@pbx", "tel:+4930;ext=9", "Fax 0221 1", "22.11.2026", "(((0", "+1 (555) 010-9999 ext. 12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := koeln.Prepare(s)
		if err != nil {
			return
		}
		if d.Number == "" {
			t.Fatalf("Prepare(%q) gave an empty number", s)
		}
		if d.Internal && strings.Contains(d.Number, "@") {
			return // SIP address passed through
		}
		if strings.Trim(d.Number, "0123456789*#") != "" {
			t.Fatalf("Prepare(%q) = %q: only digits, * and # may reach the phone", s, d.Number)
		}
	})
}
