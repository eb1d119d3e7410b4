package csv

import (
	"context"
	stdcsv "encoding/csv"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"deskcti/contacts"
)

// want builds the expected contact of a fixture.
func want(s *Source, row, name, company string, nums ...contacts.Number) contacts.Contact {
	return contacts.Contact{Name: name, Company: company, Numbers: nums, Source: s.Name(), ID: row, OpenURI: s.uri}
}

func n(k contacts.Kind, raw string) contacts.Number { return contacts.Number{Kind: k, Raw: raw} }

func assertContacts(t *testing.T, got, want []contacts.Contact) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d contacts, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("contact %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func fixture(name string) string { return filepath.Join("testdata", name) }

func TestFixtures(t *testing.T) {
	const (
		work, mobile, home, fax, other = contacts.Work, contacts.Mobile, contacts.Home, contacts.Fax, contacts.Other
	)
	crm := &Mapping{
		Name:    []string{"Kontaktperson"},
		Company: []string{"KUNDE"}, // case does not matter
		Numbers: map[string]contacts.Kind{"Nr 1": work, "nr_2": mobile},
	}
	tests := []struct {
		file    string
		mapping *Mapping
		want    func(s *Source) []contacts.Contact
	}{
		{"outlook_en.csv", nil, func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "row 2", "Hans Müller", "Müller & Söhne GmbH",
					n(work, "+49 221 4711-0"), n(mobile, "+49 171 2345678"), n(fax, "+49 221 4711-99")),
				// Primary Phone repeats Business Phone: listed once.
				want(s, "row 3", "Erika Mustermann", "Beispiel AG", n(work, "0221 / 4711 23"), n(home, "02203 98765")),
				// Row 4 has no number.
				want(s, "row 5", "", "Stadtwerke Köln",
					contacts.Number{Kind: work, Raw: "+492214711", E164: "+492214711"}),
				want(s, "row 6", "Anna Maria Schmidt", "", n(mobile, "0172 9876543"), n(other, "+43 1 234567")),
			}
		}},
		{"outlook_de_cp1252.csv", nil, func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "row 2", "Jürgen Weiß", "Bäckerei Weiß",
					n(work, "0221 / 4711 23"), n(mobile, "0171 1234567"), n(fax, "0221 / 4711 99")),
				want(s, "row 3", "Gisela Müller", "Müller & Co. KG", n(work, "+49 221 4711-0"), n(home, "02234 5678")),
				want(s, "row 4", "Özgür Yilmaz", "Straßenbau Yilmaz", n(mobile, "0160 5550000")),
			}
		}},
		{"outlook_unicode.txt", nil, func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "row 2", "Łukasz Wiśniewski", "Pływalnia Kraków", n(work, "+48 12 3456789")),
				want(s, "row 3", "Zoë Brandt", "Café Zürich", n(mobile, "+41 79 1234567"), n(fax, "+41 44 1234568")),
			}
		}},
		{"google.csv", nil, func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "row 2", "Stefan Köhler", "Köhler Elektro GmbH", n(work, "+49 221 4711-55"),
					n(mobile, "+49 171 1111111"), n(mobile, "+49 171 2222222"), n(fax, "+49 221 4711-56")),
				want(s, "row 3", "Petra Schäfer", "", n(home, "0228 123456")),
			}
		}},
		{"crm_mapping.csv", crm, func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "row 2", "Frau Dr. Böhm", "Apotheke am Ring", n(work, "0221 / 4711 60"), n(mobile, "0151 22334455")),
				want(s, "row 3", "", "Gärtnerei Lüdenscheid", n(work, "+49 2351 12345")),
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := New(fixture(tt.file), tt.mapping)
			got, err := s.Load(context.Background())
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			assertContacts(t, got, tt.want(s))
		})
	}
}

func TestSourceIdentity(t *testing.T) {
	path := fixture("outlook_en.csv")
	s := New(path, nil)
	if got := s.Name(); got != "csv:"+path {
		t.Errorf("Name() = %q", got)
	}
	if got := s.Paths(); !reflect.DeepEqual(got, []string{path}) {
		t.Errorf("Paths() = %q", got)
	}
	abs, _ := filepath.Abs(path)
	if want := "file://" + filepath.ToSlash(abs); s.uri != want {
		t.Errorf("OpenURI = %q, want %q", s.uri, want)
	}
}

func TestFileURI(t *testing.T) {
	if got := contacts.FileURI("/home/u/Kontakte Büro.csv"); got != "file:///home/u/Kontakte%20B%C3%BCro.csv" {
		t.Errorf("fileURI = %q", got)
	}
}

// lineErrs checks that err is a Problems with the given lines, each
// wrapping the given csv error.
func lineErrs(t *testing.T, err error, file string, lines []int, causes []error) {
	t.Helper()
	var p contacts.Problems
	if !errors.As(err, &p) {
		t.Fatalf("error %v is not contacts.Problems", err)
	}
	var got []int
	for _, e := range p {
		got = append(got, e.Line)
		if e.File != file {
			t.Errorf("problem names file %q, want %q", e.File, file)
		}
	}
	if !reflect.DeepEqual(got, lines) {
		t.Fatalf("problem lines %v, want %v (%v)", got, lines, err)
	}
	for i, c := range causes {
		if !errors.Is(p[i], c) {
			t.Errorf("problem at line %d is %v, want %v", p[i].Line, p[i].Err, c)
		}
	}
}

func TestBadRows(t *testing.T) {
	path := fixture("bad_rows.csv")
	s := New(path, nil)
	got, err := s.Load(context.Background())
	lineErrs(t, err, path, []int{3, 4, 5}, []error{stdcsv.ErrFieldCount, stdcsv.ErrBareQuote, stdcsv.ErrQuote})
	if msg := err.Error(); !strings.Contains(msg, "6 fields where the header has 5") ||
		!strings.Contains(msg, "runs on to line 7") {
		t.Errorf("problems do not say what is wrong: %v", err)
	}
	// Line 5 opens a quote it never closes; the rows after it still load.
	assertContacts(t, got, []contacts.Contact{
		want(s, "row 2", "Karl Großmann", "Großmann GmbH", n(contacts.Other, "0221 100")),
		want(s, "row 6", "Paul Kern", "Kern AG", n(contacts.Mobile, "0171 500"), n(contacts.Other, "0221 500")),
		want(s, "row 7", "Rita Sommer", "", n(contacts.Other, "0221 600")),
	})
}

func TestMultiLineNotes(t *testing.T) {
	path := fixture("outlook_notes.csv")
	s := New(path, nil)
	got, err := s.Load(context.Background())
	// Rows 2 and 3 span lines 2-5 and 6-8: the broken row is on line 9.
	lineErrs(t, err, path, []int{9}, []error{stdcsv.ErrFieldCount})
	assertContacts(t, got, []contacts.Contact{
		want(s, "row 2", "Ulrike Brückner", "", n(contacts.Work, "0221 / 4711 70")),
		want(s, "row 3", "Bernd Fuchs", "", n(contacts.Mobile, "0170 7654321")),
		want(s, "row 5", "Clara Zeller", "", n(contacts.Home, "02241 55555")),
	})
}

// readString loads CSV text given inline.
func readString(t *testing.T, in string, m *Mapping) ([]contacts.Contact, error) {
	t.Helper()
	s := New("inline.csv", m)
	return s.read(context.Background(), strings.NewReader(in), 0, nil)
}

func TestLineNumbers(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		lines []int
		names []string
	}{
		{
			name:  "quoted newline before a bad row",
			in:    "Name,Telefon,Notiz\nA,1,\"x\ny\nz\"\nB,2,\"q\"q\"\nC,3,ok\n",
			lines: []int{5},
			names: []string{"A", "C"},
		},
		{
			name:  "crlf and blank lines",
			in:    "Name;Telefon\r\n\r\nA;1\r\n\r\nB;2;3\r\nC;3\r\n",
			lines: []int{5},
			names: []string{"A", "C"},
		},
		{
			name:  "unclosed quote swallowing quoted rows",
			in:    "\"Name\",\"Telefon\"\n\"A\",\"1\"\n\"B,\"2\"\n\"C\",\"3\"\n\"D\",\"4\"\n",
			lines: []int{3},
			names: []string{"A", "C", "D"},
		},
		{
			name:  "unclosed quote in the last row",
			in:    "Name,Telefon\nA,1\nB,\"2\n",
			lines: []int{3},
			names: []string{"A"},
		},
		{
			name:  "two unclosed quotes",
			in:    "Name,Telefon\n\"A,1\nB,2\n\"C,3\nD,4\n",
			lines: []int{2, 4},
			names: []string{"B", "D"},
		},
		{
			name:  "sep line",
			in:    "sep=,\nName,Telefon\nA,1\nB\n",
			lines: []int{4},
			names: []string{"A"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readString(t, tt.in, nil)
			var p contacts.Problems
			if !errors.As(err, &p) {
				t.Fatalf("err = %v, want Problems", err)
			}
			var lines []int
			for _, e := range p {
				lines = append(lines, e.Line)
			}
			if !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("problem lines %v, want %v (%v)", lines, tt.lines, err)
			}
			var names []string
			for _, c := range got {
				names = append(names, c.Name)
			}
			if !reflect.DeepEqual(names, tt.names) {
				t.Errorf("names %q, want %q", names, tt.names)
			}
		})
	}
}

func TestGuessedColumns(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []contacts.Contact
	}{
		{
			// "Name" next to "Vorname" is the family name; "Telefon Firma"
			// is a number, not the company; "Titel" is not "Tel".
			name: "german table",
			in:   "Titel;Vorname;Name;Firma;Telefon Firma;Handy;Fax privat\nDr.;Ute;Lang;Lang AG;0221 1;0171 1;0221 2\n",
			want: []contacts.Contact{{Name: "Ute Lang", Company: "Lang AG", Numbers: []contacts.Number{
				n(contacts.Work, "0221 1"), n(contacts.Mobile, "0171 1"), n(contacts.Fax, "0221 2")}}},
		},
		{
			name: "english display name",
			in:   "Full Name\tCompany\tWork Phone\tCell\tE-mail\n Tom Bauer \tACME\t+49 30 1234567\t+4917012345678\tt@example.de\n",
			want: []contacts.Contact{{Name: "Tom Bauer", Company: "ACME", Numbers: []contacts.Number{
				n(contacts.Work, "+49 30 1234567"), {Kind: contacts.Mobile, Raw: "+4917012345678", E164: "+4917012345678"}}}},
		},
		{
			name: "space after the comma",
			in:   "\"Name\", \"Telefon\"\n\"Meier, Ute\", \"0221 4711\"\n",
			want: []contacts.Contact{{Name: "Meier, Ute", Numbers: []contacts.Number{n(contacts.Other, "0221 4711")}}},
		},
		{
			name: "empty fields between tabs",
			in:   "Name\tFirma\tTelefon\tHandy\nA\t\t\t0171 1\n",
			want: []contacts.Contact{{Name: "A", Numbers: []contacts.Number{n(contacts.Mobile, "0171 1")}}},
		},
		{
			name: "excel text formula and odd numbers kept",
			in:   "name,phone,mobile\nEva,\"=\"\"0221 4711\"\"\",n/a\n",
			want: []contacts.Contact{{Name: "Eva", Numbers: []contacts.Number{
				n(contacts.Mobile, "n/a"), n(contacts.Other, "0221 4711")}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readString(t, tt.in, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i].Source, got[i].ID, got[i].OpenURI = "", "", ""
			}
			assertContacts(t, got, tt.want)
		})
	}
}

func TestHeaderErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		mapping *Mapping
		line    int
		says    []string
	}{
		{"empty", "", nil, 1, []string{"empty file"}},
		{"only a bom", "\ufeff", nil, 1, []string{"empty file"}},
		{"no number column", "Kd-Nr;Kontaktperson;Kunde\n1;a;b\n", nil, 1,
			[]string{"no phone number column", `"Kontaktperson"`, "column mapping", "delimiter ';'"}},
		{"no name column", "Nr,Telefon\n1,0221 1\n", nil, 1, []string{"no name or company column"}},
		{"header after sep line", "sep=;\nA;B\n", nil, 2, []string{"no phone number column"}},
		{"broken header", "Name,\"Tel\"x\n", nil, 1, []string{"header", "extraneous"}},
		{"mapping with missing columns", "Name;Tel\nA;1\n",
			&Mapping{Name: []string{"Name"}, Numbers: map[string]contacts.Kind{"Tel": contacts.Work, "Handy": contacts.Mobile}},
			1, []string{`"Handy"`, "does not have"}},
		{"mapping without numbers", "Name;Tel\nA;1\n", &Mapping{Name: []string{"Name"}}, 1, []string{"no number columns"}},
		{"mapping without names", "Name;Tel\nA;1\n",
			&Mapping{Numbers: map[string]contacts.Kind{"Tel": contacts.Work}}, 1, []string{"no name or company"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readString(t, tt.in, tt.mapping)
			var le *contacts.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want *LineError", err)
			}
			if got != nil {
				t.Errorf("got %d contacts next to a fatal error", len(got))
			}
			if le.Line != tt.line || le.File != "inline.csv" {
				t.Errorf("error at %s:%d, want inline.csv:%d", le.File, le.Line, tt.line)
			}
			for _, s := range tt.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestMappingIsCopied(t *testing.T) {
	m := &Mapping{Name: []string{"Name"}, Numbers: map[string]contacts.Kind{"Tel": contacts.Work}}
	s := New("x.csv", m)
	m.Name[0] = "Vorname"
	m.Numbers["Handy"] = contacts.Mobile
	if s.mapping.Name[0] != "Name" || len(s.mapping.Numbers) != 1 {
		t.Errorf("New kept the caller's mapping: %+v", s.mapping)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fehlt.csv")
	_, err := New(path, nil).Load(context.Background())
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want one naming %s", err, path)
	}
}

func TestLoadCancelled(t *testing.T) {
	var b strings.Builder
	b.WriteString("Name,Telefon\n")
	for range 10000 {
		b.WriteString("A,1\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New("x.csv", nil).read(ctx, strings.NewReader(b.String()), 0, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestDetectedFormat(t *testing.T) {
	tests := []struct {
		header string
		format string
	}{
		{"First Name,Last Name,Company,Business Phone,Mobile Phone", "outlook (english)"},
		{"Vorname;Nachname;Firma;Telefon geschäftlich;Mobiltelefon", "outlook (german)"},
		{"Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value", "google"},
		{"First Name,Last Name,Organization Name,Phone 1 - Label,Phone 1 - Value", "google"},
		{"Name;Telefon", "generic"},
	}
	for _, tt := range tests {
		sep := ","
		if strings.Contains(tt.header, ";") {
			sep = ";"
		}
		l, err := resolveLayout(strings.Split(tt.header, sep), nil)
		if err != nil {
			t.Errorf("%s: %v", tt.header, err)
			continue
		}
		if l.format != tt.format {
			t.Errorf("%s: format %q, want %q", tt.header, l.format, tt.format)
		}
	}
}
