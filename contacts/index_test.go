package contacts

import (
	"fmt"
	"testing"

	"deskcti/contacts/number"
)

var koeln = number.Home{Country: "DE", AreaCode: "221"}

func sample() []Contact {
	cs := []Contact{
		{Name: "Erika Mustermann", Company: "Muster GmbH", Numbers: []Number{{Kind: Work, Raw: "0221 / 4711 23"}, {Kind: Mobile, Raw: "+49 171 1234567"}}},
		{Name: "Hans Müller", Company: "Bäckerei Müller", Numbers: []Number{{Kind: Home, Raw: "(030) 123 456 78"}}},
		{Name: "ACME Zentrale", Company: "ACME AG", Numbers: []Number{{Kind: Work, Raw: "+49 89 5000-0"}}},
		{Name: "Beta Empfang", Company: "Beta KG", Numbers: []Number{{Kind: Work, Raw: "+49 40 7654 0"}}},
		{Name: "José Álvarez", Numbers: []Number{{Kind: Mobile, Raw: "+34 612 345 678"}}},
		{Name: "Alte Nummer", Numbers: []Number{{Kind: Other, Raw: "99 8877 6655 44"}}}, // no valid form
		{Name: "Max Mustermann", Numbers: []Number{{Kind: Work, Raw: "+1 (555) 010-9999"}}},
		{Name: "Empfang", Numbers: []Number{{Kind: Work, Raw: "23"}}},                // internal extension
		{Name: "Patientenservice", Numbers: []Number{{Kind: Other, Raw: "116 117"}}}, // service number
	}
	Normalize(cs, koeln)
	return cs
}

func TestLookup(t *testing.T) {
	ix := Build(sample(), koeln, IndexOptions{})
	cases := []struct {
		in    string
		name  string
		match MatchKind
		ext   string
	}{
		{"+49221471123", "Erika Mustermann", MatchExact, ""},
		{"0049221471123", "Erika Mustermann", MatchExact, ""},
		{"0221471123", "Erika Mustermann", MatchExact, ""},
		{"471123", "Erika Mustermann", MatchExact, ""}, // local, completed with 221
		{"sip:0221471123@pbx.example", "Erika Mustermann", MatchExact, ""},
		{"01711234567", "Erika Mustermann", MatchExact, ""},
		{"+49 30 12345678", "Hans Müller", MatchExact, ""},
		{"089 5000 123", "ACME Zentrale", MatchHead, "123"},
		{"+49 89 50007", "ACME Zentrale", MatchHead, "7"},
		{"040 7654 21", "Beta Empfang", MatchHead, "21"},
		{"+34 612 345 678", "José Álvarez", MatchExact, ""},
		{"0099887766554 4", "Alte Nummer", MatchSuffix, ""},
		{"+15550109999", "Max Mustermann", MatchExact, ""},
		{"23", "Empfang", MatchExact, ""},
		{"sip:23@pbx.example", "Empfang", MatchExact, ""},
		{"116117", "Patientenservice", MatchExact, ""},
	}
	for _, c := range cases {
		r := ix.Lookup(c.in)
		if r.Match != c.match || r.Contact == nil || r.Contact.Name != c.name || r.Extension != c.ext {
			name := "<nil>"
			if r.Contact != nil {
				name = r.Contact.Name
			}
			t.Errorf("Lookup(%q) = %s %q ext %q, want %s %q ext %q", c.in, r.Match, name, r.Extension, c.match, c.name, c.ext)
		}
	}
	for _, in := range []string{"", "anonymous", "0221 99999", "+49 89 1234567", "089", "+49 221", "230", "2", "+4923"} {
		if r := ix.Lookup(in); r.Match != MatchNone || r.Contact != nil {
			t.Errorf("Lookup(%q) matched %s %+v", in, r.Match, r.Contact)
		}
	}
}

func TestLookupWeakMatchIsMarked(t *testing.T) {
	ix := Build(sample(), koeln, IndexOptions{})
	r := ix.Lookup("0099887766554 4")
	if !r.Weak() {
		t.Fatal("trailing-digits match must be weak")
	}
	if r := ix.Lookup("0221471123"); r.Weak() {
		t.Fatal("exact match marked weak")
	}
}

func TestBuildDoesNotModifyInput(t *testing.T) {
	cs := []Contact{{Name: "A", Numbers: []Number{{Raw: "0221 12345"}}}}
	Build(cs, koeln, IndexOptions{})
	if cs[0].Numbers[0].E164 != "" {
		t.Fatal("Build wrote into its input")
	}
}

func TestSearch(t *testing.T) {
	ix := Build(sample(), koeln, IndexOptions{})
	cases := map[string][]string{
		"mull":      {"Hans Müller"},
		"MÜLLER":    {"Hans Müller"},
		"mueller":   {"Hans Müller"},
		"bäck":      {"Hans Müller"},
		"muster":    {"Erika Mustermann", "Max Mustermann"},
		"ma mus":    {"Max Mustermann"},
		"jose":      {"José Álvarez"},
		"alvarez":   {"José Álvarez"},
		"acme":      {"ACME Zentrale"},
		"zz":        nil,
		"ustermann": nil, // word starts only
		"  ":        nil,
	}
	for q, want := range cases {
		got := ix.Search(q, 10)
		var names []string
		for _, c := range got {
			names = append(names, c.Name)
		}
		if fmt.Sprint(names) != fmt.Sprint(want) {
			t.Errorf("Search(%q) = %v, want %v", q, names, want)
		}
	}
	if got := ix.Search("m", 1); len(got) != 1 {
		t.Errorf("limit ignored: %d results", len(got))
	}
}

func BenchmarkLookup(b *testing.B) {
	cs := make([]Contact, 100000)
	for i := range cs {
		cs[i] = Contact{Name: fmt.Sprintf("Kontakt %d", i), Numbers: []Number{{Kind: Work, Raw: fmt.Sprintf("+49 221 %07d", i)}}}
	}
	Normalize(cs, koeln)
	ix := Build(cs, koeln, IndexOptions{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Lookup("+492210012345")
	}
}

func TestNextWordIsFieldsFunc(t *testing.T) {
	for _, s := range []string{"", " ", "Hans Müller", "  Bäckerei Müller GmbH & Co. KG ", "José-Álvarez",
		"a\xffb\xc3", "x1 2y", "日本 語", "Ünal\u00a0Öz", "O'Brien", "\u200bZero"} {
		var got []string
		for i := 0; ; {
			var w string
			if w, i = nextWord(s, i); w == "" {
				break
			}
			got = append(got, w)
		}
		if want := splitWords(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("nextWord(%q) gives %q, FieldsFunc %q", s, got, want)
		}
	}
}
