package carddav

import (
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"

	"deskcti/contacts"
	dvcard "deskcti/contacts/vcard"
)

func decodeCard(t testing.TB, lines ...string) vcard.Card {
	t.Helper()
	c, err := vcard.NewDecoder(strings.NewReader(strings.Join(lines, "\r\n") + "\r\n")).Decode()
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return c
}

// TestCardMapping checks the cards CardDAV servers send (vCard 3 and 4,
// no pre-pass) against contacts/vcard.FromCard, which both sources share.
func TestCardMapping(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		lines []string
		want  contacts.Contact
		ok    bool
	}{{
		name: "full vCard 3 with kinds",
		lines: []string{"BEGIN:VCARD", "VERSION:3.0", "UID:u1", "FN:Jürgen Müller", "N:Müller;Jürgen;;;",
			"ORG:Müller & Söhne GmbH;Vertrieb",
			"TEL;TYPE=WORK,VOICE:0221 / 4711 23", "TEL;TYPE=HOME:0221 123456", "TEL;TYPE=CELL:0171 2345678",
			"TEL;TYPE=WORK;TYPE=FAX:0221 / 4711 99", "TEL;TYPE=PAGER:0161 555", "TEL:+492214711",
			"END:VCARD"},
		want: contacts.Contact{Name: "Jürgen Müller", Company: "Müller & Söhne GmbH", ID: "u1", Numbers: []contacts.Number{
			{Kind: contacts.Work, Raw: "0221 / 4711 23"},
			{Kind: contacts.Home, Raw: "0221 123456"},
			{Kind: contacts.Mobile, Raw: "0171 2345678"},
			{Kind: contacts.Fax, Raw: "0221 / 4711 99"},
			{Kind: contacts.Other, Raw: "0161 555"},
			{Kind: contacts.Other, Raw: "+492214711", E164: "+492214711"},
		}},
		ok: true,
	}, {
		name: "name from N, escaped semicolon in ORG, work cell is mobile",
		lines: []string{"BEGIN:VCARD", "VERSION:3.0", "N:Weiß;Hans-Peter;Karl;Dr.;MBA",
			`ORG:Weiß\; Söhne KG;Backstube`, "TEL;TYPE=WORK,CELL:+49 171 2345678", "END:VCARD"},
		want: contacts.Contact{Name: "Dr. Hans-Peter Karl Weiß MBA", Company: "Weiß; Söhne KG", Numbers: []contacts.Number{
			{Kind: contacts.Mobile, Raw: "+49 171 2345678"},
		}},
		ok: true,
	}, {
		name: "vCard 4 tel URI and quoted types",
		lines: []string{"BEGIN:VCARD", "VERSION:4.0", "FN:Özlem Yılmaz",
			`TEL;VALUE=uri;TYPE="home,voice":tel:+49-30-1234567`, "TEL;TYPE=iphone:+491701234567", "END:VCARD"},
		want: contacts.Contact{Name: "Özlem Yılmaz", Numbers: []contacts.Number{
			{Kind: contacts.Home, Raw: "+49-30-1234567", E164: "+49301234567"},
			{Kind: contacts.Mobile, Raw: "+491701234567", E164: "+491701234567"},
		}},
		ok: true,
	}, {
		name:  "odd number kept raw",
		lines: []string{"BEGIN:VCARD", "VERSION:3.0", "FN:Zentrale", "TEL:  Durchwahl -23 ", "END:VCARD"},
		want:  contacts.Contact{Name: "Zentrale", Numbers: []contacts.Number{{Kind: contacts.Other, Raw: "Durchwahl -23"}}},
		ok:    true,
	}, {
		name:  "no number",
		lines: []string{"BEGIN:VCARD", "VERSION:3.0", "FN:Gisela Schäfer", "TEL:", "EMAIL:g@example.de", "END:VCARD"},
		ok:    false,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := dvcard.FromCard(decodeCard(t, tc.lines...))
			if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("toContact = %+v, %v\nwant       %+v, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}
