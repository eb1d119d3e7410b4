package vcard

import (
	"reflect"
	"strings"
	"testing"

	govcard "github.com/emersion/go-vcard"

	"deskcti/contacts"
)

func TestKindOfTypes(t *testing.T) {
	cases := []struct {
		types []string
		want  contacts.Kind
	}{
		{[]string{"work"}, contacts.Work},
		{[]string{"work", "voice"}, contacts.Work},
		{[]string{"home", "voice", "pref"}, contacts.Home},
		{[]string{"cell"}, contacts.Mobile},
		{[]string{"mobile"}, contacts.Mobile},
		{[]string{"iphone", "cell", "voice"}, contacts.Mobile},
		{[]string{"work", "cell"}, contacts.Mobile},
		{[]string{"fax"}, contacts.Fax},
		{[]string{"work", "fax"}, contacts.Fax},
		{[]string{"fax", "home"}, contacts.Fax},
		{[]string{"voice"}, contacts.Other},
		{[]string{"main"}, contacts.Other},
		{[]string{"pager"}, contacts.Other},
		{[]string{"pref"}, contacts.Other},
		{nil, contacts.Other},
	}
	for _, c := range cases {
		if got := kindOfTypes(c.types); got != c.want {
			t.Errorf("kindOfTypes(%v) = %s, want %s", c.types, got, c.want)
		}
	}
}

func TestKindOfLabel(t *testing.T) {
	cases := map[string]contacts.Kind{
		"":                   contacts.Other,
		"_$!<Mobile>!$_":     contacts.Mobile,
		"_$!<WorkFAX>!$_":    contacts.Fax,
		"_$!<HomeFAX>!$_":    contacts.Fax,
		"_$!<Home>!$_":       contacts.Home,
		"_$!<Work>!$_":       contacts.Work,
		"_$!<Other>!$_":      contacts.Other,
		"_$!<Main>!$_":       contacts.Other,
		"iPhone":             contacts.Mobile,
		"Handy privat":       contacts.Mobile,
		"Mobil":              contacts.Mobile,
		"Büro":               contacts.Work,
		"Geschäftlich":       contacts.Work,
		"Zentrale":           contacts.Work,
		"Fax Büro":           contacts.Fax,
		"Privat":             contacts.Home,
		"Durchwahl Einkauf":  contacts.Work,
		"Notfall (Schwager)": contacts.Other,
	}
	for in, want := range cases {
		if got := contacts.KindOfLabel(in); got != want {
			t.Errorf("contacts.KindOfLabel(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTelValue(t *testing.T) {
	cases := []struct {
		in, raw, e164 string
	}{
		{"+49 221 4711-0", "+49 221 4711-0", ""},
		{"+492214711", "+492214711", "+492214711"},
		{" +4917012345678 ", "+4917012345678", "+4917012345678"},
		{"0221 / 4711 23", "0221 / 4711 23", ""},
		{"+0221471123", "+0221471123", ""},
		{"tel:+49-221-4711-0", "+49-221-4711-0", "+4922147110"},
		{"TEL:+49.221.(4711).23", "+49.221.(4711).23", "+49221471123"},
		{"tel:%2B49-221-4711", "+49-221-4711", "+492214711"},
		{"tel:+49-221-4711;ext=23", "+49-221-4711;ext=23", ""},
		{"tel:0221-4711;phone-context=+49", "0221-4711;phone-context=+49", ""},
		{"tel:4711", "4711", ""},
		{"sip:4711@pbx.example", "sip:4711@pbx.example", ""},
		{"Zentrale anrufen", "Zentrale anrufen", ""}, // odd, but never dropped
		{"0221\n4711", "0221 4711", ""},
		{"  ", "", ""},
	}
	for _, c := range cases {
		raw, e164 := telValue(c.in)
		if raw != c.raw || e164 != c.e164 {
			t.Errorf("telValue(%q) = %q, %q; want %q, %q", c.in, raw, e164, c.raw, c.e164)
		}
	}
}

// decodeOne decodes a single card with go-vcard alone, as CardDAV does.
func decodeOne(t *testing.T, lines ...string) govcard.Card {
	t.Helper()
	c, err := govcard.NewDecoder(strings.NewReader(card(lines...))).Decode()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFromCard(t *testing.T) {
	tel := "TEL;TYPE=work:0221 4711-0"
	num := []contacts.Number{{Kind: contacts.Work, Raw: "0221 4711-0"}}
	cases := []struct {
		name  string
		lines []string
		want  contacts.Contact
		ok    bool
	}{
		{"FN preferred over N",
			[]string{"VERSION:3.0", "N:Müller;Hans;;;", "FN:Hans Müller (Bäckerei)", tel},
			contacts.Contact{Name: "Hans Müller (Bäckerei)", Numbers: num}, true},
		{"N as Prefix Given Additional Family without FN",
			[]string{"VERSION:2.1", "N:Schröder;Anna;Maria;Dr.;", tel},
			contacts.Contact{Name: "Dr. Anna Maria Schröder", Numbers: num}, true},
		{"N with only a family name",
			[]string{"VERSION:2.1", "N:Schröder", tel},
			contacts.Contact{Name: "Schröder", Numbers: num}, true},
		{"empty FN falls back to N",
			[]string{"VERSION:3.0", "FN:  ", "N:Weiß;Jürgen;;;", tel},
			contacts.Contact{Name: "Jürgen Weiß", Numbers: num}, true},
		{"company only: name is the company",
			[]string{"VERSION:3.0", "N:;;;;", "ORG:Stadtwerke Köln GmbH;Kundenservice", tel},
			contacts.Contact{Name: "Stadtwerke Köln GmbH", Company: "Stadtwerke Köln GmbH", Numbers: num}, true},
		{"escapes in FN and ORG",
			[]string{"VERSION:3.0", `FN:Schmitz\, Peter`, `ORG:Schmitz\, Berg \; Co. KG;Vertrieb`, tel},
			contacts.Contact{Name: "Schmitz, Peter", Company: "Schmitz, Berg ; Co. KG", Numbers: num}, true},
		{"line break in FN",
			[]string{"VERSION:3.0", `FN:Hans\nMüller`, tel},
			contacts.Contact{Name: "Hans Müller", Numbers: num}, true},
		{"preferred FN",
			[]string{"VERSION:4.0", "FN:Johann Müller", "FN;PREF=1:Hans Müller", tel},
			contacts.Contact{Name: "Hans Müller", Numbers: num}, true},
		{"UID is the ID",
			[]string{"VERSION:4.0", "UID: urn:uuid:4fbe8971 ", "FN:A", tel},
			contacts.Contact{Name: "A", ID: "urn:uuid:4fbe8971", Numbers: num}, true},
		{"no TEL: skipped",
			[]string{"VERSION:3.0", "FN:Nur Mail", "EMAIL:a@example.de"},
			contacts.Contact{}, false},
		{"empty TEL: skipped",
			[]string{"VERSION:3.0", "FN:Leer", "TEL;TYPE=cell:", "TEL: "},
			contacts.Contact{}, false},
		{"numbers in order, kinds from types and labels",
			[]string{"VERSION:3.0", "FN:A",
				"TEL;TYPE=cell:0171 1",
				"item1.TEL:0221 2",
				"ITEM1.X-ABLabel:_$!<HomeFAX>!$_",
				"item2.TEL;TYPE=work:0221 3",
				"item2.X-ABLabel:Privat", // the type wins
				"item3.TEL:0221 4",       // no label
				"TEL;X-CUSTOM=Büro:0221 5",
				"TEL;VALUE=uri;TYPE=\"home,voice\":tel:+49-221-123456",
			},
			contacts.Contact{Name: "A", Numbers: []contacts.Number{
				{Kind: contacts.Mobile, Raw: "0171 1"},
				{Kind: contacts.Fax, Raw: "0221 2"},
				{Kind: contacts.Work, Raw: "0221 3"},
				{Kind: contacts.Other, Raw: "0221 4"},
				{Kind: contacts.Work, Raw: "0221 5"},
				{Kind: contacts.Home, Raw: "+49-221-123456", E164: "+49221123456"},
			}}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := FromCard(decodeOne(t, c.lines...))
			if ok != c.ok || !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, %v\nwant %+v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

func TestStructured(t *testing.T) {
	cases := map[string][]string{
		"":                 nil,
		"Müller;Hans;;;":   {"Müller", "Hans", "", "", ""},
		`A\;B;C`:           {"A;B", "C"},
		"Ein Teil":         {"Ein Teil"},
		`Ende mit \`:       {`Ende mit \`},
		`Bäckerei\;Café;`:  {"Bäckerei;Café", ""},
		`x\\n`:             {`x\\n`},
		"Stadtwerke;;Bonn": {"Stadtwerke", "", "Bonn"},
	}
	for in, want := range cases {
		if got := structured(in); !reflect.DeepEqual(got, want) {
			t.Errorf("structured(%q) = %q, want %q", in, got, want)
		}
	}
}
