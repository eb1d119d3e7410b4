package dialrules

import (
	"errors"
	"strings"
	"testing"

	"deskcti/contacts/number"
)

var (
	koeln       = Rules{Country: "DE", AreaCode: "221", OutsideLine: "0"}
	koelnLocal  = Rules{Country: "DE", AreaCode: "221", OutsideLine: "0", DialLocalWithoutAreaCode: true}
	koelnExt3   = Rules{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 3}
	koelnExt6   = Rules{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 6}
	berlin      = Rules{Country: "DE", AreaCode: "30"}
	deNoArea    = Rules{Country: "DE", OutsideLine: "0"}
	wien        = Rules{Country: "AT", AreaCode: "1", OutsideLine: "0"}
	zurich      = Rules{Country: "CH", AreaCode: "44", OutsideLine: "0"}
	zurichLocal = Rules{Country: "CH", AreaCode: "44", OutsideLine: "0", DialLocalWithoutAreaCode: true}
	london      = Rules{Country: "GB", AreaCode: "20", OutsideLine: "9"}
	nyc         = Rules{Country: "US", AreaCode: "212", OutsideLine: "9"}
	nycLocal    = Rules{Country: "US", AreaCode: "212", OutsideLine: "9", DialLocalWithoutAreaCode: true}
	toronto     = Rules{Country: "CA", AreaCode: "416", OutsideLine: "9"}
	paris       = Rules{Country: "FR"}
	parisPBX    = Rules{Country: "fr", OutsideLine: "0"}
	rome        = Rules{Country: "IT", OutsideLine: "0"}
	telAviv     = Rules{Country: "IL", OutsideLine: "0"}
)

func TestPrepare(t *testing.T) {
	cases := []struct {
		name     string
		rules    Rules
		text     string
		want     string
		e164     string
		internal bool
		ext      string
	}{
		// The required examples: Köln, outside line 0.
		{"DE trunk hint", koeln, "+49 (0)221 / 98765-43", "002219876543", "+492219876543", false, ""},
		{"DE to US", koeln, "+1 (555) 010-9999", "00015550109999", "+15550109999", false, ""},
		{"DE extension", koeln, "23", "23", "", true, ""},
		// Germany: every form of a number.
		{"DE signature", koeln, "Tel.: +49 (0) 221 / 123 45-67", "002211234567", "+492211234567", false, ""},
		{"DE national dash", koeln, "0221-12345", "0022112345", "+4922112345", false, ""},
		{"DE 0049", koeln, "0049 30 1234567", "00301234567", "+49301234567", false, ""},
		{"DE other city", koeln, "(030) 123 456 78", "003012345678", "+493012345678", false, ""},
		{"DE local completed", koeln, "4711 23", "00221471123", "+49221471123", false, ""},
		{"DE mobile", koeln, "0171 1234567", "001711234567", "+491711234567", false, ""},
		{"DE mobile intl", koeln, "+49 171 1234567", "001711234567", "+491711234567", false, ""},
		{"DE freephone", koeln, "0800 3301000", "008003301000", "+498003301000", false, ""},
		{"DE service 0180", koeln, "01805 123456", "001805123456", "+491805123456", false, ""},
		{"DE premium 0900", koeln, "0900 1 234567", "009001234567", "+499001234567", false, ""},
		{"DE emergency 112", koeln, "112", "0112", "", false, ""},
		{"DE police 110", koeln, "110", "0110", "", false, ""},
		{"DE 116117", koeln, "116117", "0116117", "", false, ""},
		{"DE directory 11833", koeln, "11833", "011833", "", false, ""},
		{"DE short 115 is an extension", koeln, "115", "115", "", true, ""},
		{"DE company head", koeln, "+49 221 4711-0", "0022147110", "+4922147110", false, ""},
		{"DE Durchwahl", koeln, "0221 4711-0, Durchwahl 23", "00221471123", "+49221471123", false, ""},
		{"DE DW", koeln, "Zentrale 0221 4711-0, DW -23", "00221471123", "+49221471123", false, ""},
		{"DE Durchwahl alone", koeln, "Durchwahl 2345", "2345", "", true, ""},
		{"DE tel link", koeln, "tel:+4930123456", "0030123456", "+4930123456", false, ""},
		{"DE tel ext", koeln, "tel:+49-30-123456;ext=12", "0030123456", "+4930123456", false, "12"},
		{"DE tel encoded", koeln, "tel:%2B4930123456", "0030123456", "+4930123456", false, ""},
		{"DE tel in HTML", koeln, `<a href="tel:+4930123456">Anrufen</a>`, "0030123456", "+4930123456", false, ""},
		{"DE callto", koeln, "callto:0049301234567", "00301234567", "+49301234567", false, ""},
		{"DE callto slashes", koeln, "callto://+49301234567", "00301234567", "+49301234567", false, ""},
		{"DE sip extension", koeln, "sip:201@pbx", "201", "", true, ""},
		{"DE sip external", koeln, "sip:+4922198765@pbx.example;user=phone", "0022198765", "+4922198765", false, ""},
		{"DE sip name", koeln, "sip:alice@pbx.example", "alice@pbx.example", "", true, ""},
		{"DE sip name port", koeln, "<sip:alice@pbx.example:5060>", "alice@pbx.example:5060", "", true, ""},
		{"DE feature forward", koeln, "*21#", "*21#", "", true, ""},
		{"DE feature withhold", koeln, "#31#", "#31#", "", true, ""},
		{"DE feature with number", koeln, "*21*0221 4711#", "*21*02214711#", "", true, ""},
		{"DE without outside line", berlin, "+49 30 1234567", "0301234567", "+49301234567", false, ""},
		{"DE local Berlin", berlin, "1234567", "0301234567", "+49301234567", false, ""},
		{"DE own area dropped", koelnLocal, "0221 9876543", "09876543", "+492219876543", false, ""},
		{"DE own area dropped intl", koelnLocal, "+49 221 9876543", "09876543", "+492219876543", false, ""},
		{"DE local stays local", koelnLocal, "4711 23", "0471123", "+49221471123", false, ""},
		{"DE other area kept", koelnLocal, "030 1234567", "00301234567", "+49301234567", false, ""},
		{"DE mobile kept", koelnLocal, "0171 1234567", "001711234567", "+491711234567", false, ""},
		{"DE 4 digits outside", koelnExt3, "4711", "002214711", "+492214711", false, ""},
		{"DE 5 digit extension", koelnExt6, "47112", "47112", "", true, ""},
		{"DE no area code", deNoArea, "4711 23", "0471123", "", false, ""},
		{"DE to UK", koeln, "+44 20 7946 0958", "000442079460958", "+442079460958", false, ""},
		{"DE to FR", koeln, "+33 1 23 45 67 89", "00033123456789", "+33123456789", false, ""},
		{"DE to AT", koeln, "+43 1 58800", "00043158800", "+43158800", false, ""},
		{"DE to CH", koeln, "+41 44 668 18 00", "00041446681800", "+41446681800", false, ""},
		{"DE to IT", koeln, "+39 06 1234 5678", "000390612345678", "+390612345678", false, ""},
		{"DE to +800", koeln, "+800 1234 5678", "00080012345678", "+80012345678", false, ""},
		{"DE US ext", koeln, "+1 (555) 010-9999 ext. 12", "00015550109999", "+15550109999", false, "12"},
		{"DE US x", koeln, "Phone: +1 415 555 0100 x 7", "00014155550100", "+14155550100", false, "7"},
		// Austria, Wien.
		{"AT national", wien, "01 58800", "00158800", "+43158800", false, ""},
		{"AT local", wien, "5880 0", "00158800", "+43158800", false, ""},
		{"AT trunk hint", wien, "+43 (0)1 58800", "00158800", "+43158800", false, ""},
		{"AT Graz", wien, "0316 123456", "00316123456", "+43316123456", false, ""},
		{"AT mobile", wien, "0664 1234567", "006641234567", "+436641234567", false, ""},
		{"AT to DE", wien, "+49 221 4711 23", "00049221471123", "+49221471123", false, ""},
		{"AT emergency", wien, "133", "0133", "", false, ""},
		// Switzerland, Zürich.
		{"CH national", zurich, "044 668 18 00", "00446681800", "+41446681800", false, ""},
		{"CH trunk hint", zurich, "+41 (0)44 668 18 00", "00446681800", "+41446681800", false, ""},
		{"CH local", zurich, "668 18 00", "00446681800", "+41446681800", false, ""},
		{"CH mobile", zurich, "079 123 45 67", "00791234567", "+41791234567", false, ""},
		{"CH to DE", zurich, "+49 89 123456", "0004989123456", "+4989123456", false, ""},
		{"CH emergency", zurich, "144", "0144", "", false, ""},
		{"CH own area dropped", zurichLocal, "044 668 18 00", "06681800", "+41446681800", false, ""},
		// United Kingdom, London, outside line 9.
		{"GB national", london, "020 7946 0958", "902079460958", "+442079460958", false, ""},
		{"GB local", london, "7946 0958", "902079460958", "+442079460958", false, ""},
		{"GB trunk hint", london, "+44 (0)20 7946 0958", "902079460958", "+442079460958", false, ""},
		{"GB Birmingham", london, "0121 496 0000", "901214960000", "+441214960000", false, ""},
		{"GB mobile", london, "07700 900123", "907700900123", "+447700900123", false, ""},
		{"GB to DE", london, "+49 221 123456", "90049221123456", "+49221123456", false, ""},
		{"GB emergency", london, "999", "9999", "", false, ""},
		// United States, New York, outside line 9.
		{"US other area", nyc, "(415) 555-0100", "914155550100", "+14155550100", false, ""},
		{"US local 7", nyc, "555-0199", "912125550199", "+12125550199", false, ""},
		{"US own area intl", nyc, "+1 212 555 0199", "912125550199", "+12125550199", false, ""},
		{"US toll-free", nyc, "1-800-555-0100", "918005550100", "+18005550100", false, ""},
		{"US to DE", nyc, "+49 221 98765 43", "9011492219876543", "+492219876543", false, ""},
		{"US 011", nyc, "011 49 221 9876543", "9011492219876543", "+492219876543", false, ""},
		{"US emergency", nyc, "911", "9911", "", false, ""},
		{"US extension 1xxx", nyc, "1234", "1234", "", true, ""},
		{"US ext", nyc, "+1 (555) 010-9999 ext. 12", "915550109999", "+15550109999", false, "12"},
		{"US own area dropped", nycLocal, "(212) 555-0199", "95550199", "+12125550199", false, ""},
		{"US local dropped", nycLocal, "555-0199", "95550199", "+12125550199", false, ""},
		{"US other area kept", nycLocal, "(415) 555-0100", "914155550100", "+14155550100", false, ""},
		{"CA to US", toronto, "+1 212 555 0199", "912125550199", "+12125550199", false, ""},
		{"CA to UK", toronto, "+44 20 7946 0958", "9011442079460958", "+442079460958", false, ""},
		// France: no area codes, no PBX.
		{"FR national", paris, "01 23 45 67 89", "0123456789", "+33123456789", false, ""},
		{"FR own intl", paris, "+33 6 12 34 56 78", "0612345678", "+33612345678", false, ""},
		{"FR trunk hint", paris, "+33 (0)1 23 45 67 89", "0123456789", "+33123456789", false, ""},
		{"FR to DE", paris, "+49 221 123456", "0049221123456", "+49221123456", false, ""},
		{"FR emergency SAMU", paris, "15", "15", "", false, ""},
		{"FR with PBX", parisPBX, "06 12 34 56 78", "00612345678", "+33612345678", false, ""},
		// Italy: the 0 belongs to the number.
		{"IT national", rome, "06 1234 5678", "00612345678", "+390612345678", false, ""},
		{"IT to DE", rome, "+49 30 1234567", "00049301234567", "+49301234567", false, ""},
		// Israel has no single international prefix: the user's own stays.
		{"IL own prefix 00", telAviv, "00 49 221 9876543", "000492219876543", "+492219876543", false, ""},
		{"IL own prefix 013", telAviv, "013 49 221 9876543", "0013492219876543", "+492219876543", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := c.rules.Prepare(c.text)
			if err != nil {
				t.Fatalf("Prepare(%q): %v", c.text, err)
			}
			if d.Number != c.want || d.E164 != c.e164 || d.Internal != c.internal || d.Extension != c.ext || d.Text != c.text {
				t.Fatalf("Prepare(%q) = %q e164 %q internal %v ext %q, want %q e164 %q internal %v ext %q",
					c.text, d.Number, d.E164, d.Internal, d.Extension, c.want, c.e164, c.internal, c.ext)
			}
		})
	}
}

func TestPrepareErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "Hallo Welt", "kein Anschluss", "am 22.11.2026", "50667 Köln",
		"Musterstr. 5", "tel:", "sip:", "anonymous", "Bestell-Nr. 12345", "Preis: 1.234,56 €", "*#", "*21+1#"} {
		if _, err := koeln.Prepare(in); !errors.Is(err, ErrNoNumber) {
			t.Errorf("Prepare(%q) err = %v, want ErrNoNumber", in, err)
		}
	}
	// Digits that are not a number: ErrNoNumber, and the reason with them.
	for _, in := range []string{"+999 12", "023", "Tel. 0 1"} {
		_, err := koeln.Prepare(in)
		var pe *number.ParseError
		if !errors.Is(err, ErrNoNumber) || !errors.As(err, &pe) {
			t.Errorf("Prepare(%q) err = %v, want ErrNoNumber with a number.ParseError", in, err)
		}
	}
	if _, err := nyc.Prepare("00 49 221 9876543"); !errors.Is(err, ErrNoNumber) {
		t.Errorf("00 from the US: err = %v, want ErrNoNumber (00 is no international prefix there)", err)
	}
	if _, err := telAviv.Prepare("+49 221 9876543"); !errors.Is(err, ErrNoInternationalPrefix) {
		t.Errorf("+49 from Israel: err = %v, want ErrNoInternationalPrefix", err)
	}
	_, err := Rules{Country: "XX"}.Prepare("0221 4711")
	if err == nil || errors.Is(err, ErrNoNumber) || !strings.Contains(err.Error(), "unknown country") {
		t.Errorf("invalid rules: err = %v, want the rules' own error", err)
	}
}
