package phonebook

import (
	"context"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"deskcti/contacts"
)

const (
	work   = contacts.Work
	mobile = contacts.Mobile
	home   = contacts.Home
	fax    = contacts.Fax
	other  = contacts.Other
)

func n(k contacts.Kind, raw string) contacts.Number { return contacts.Number{Kind: k, Raw: raw} }

func e164(k contacts.Kind, raw string) contacts.Number {
	return contacts.Number{Kind: k, Raw: raw, E164: raw}
}

func want(s *Source, id, name, company string, nums ...contacts.Number) contacts.Contact {
	return contacts.Contact{Name: name, Company: company, Numbers: nums, Source: s.Name(), ID: id, OpenURI: s.uri}
}

func assertContacts(t *testing.T, got, want []contacts.Contact) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d contacts, want %d: %+v", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("contact %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file string
		want func(s *Source) []contacts.Contact
	}{
		{"yealink_directory.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "entry 1", "Müller, Hans", "", n(work, "+49 221 4711-0"), n(mobile, "+49 171 2345678"), n(fax, "+49 221 4711-99")),
				want(s, "entry 2", "Empfang Köln", "", n(other, "0221 / 4711 23")),
				// entry 3 has an empty Telephone.
				want(s, "entry 4", "Schulz & Partner", "", e164(home, "+492234123456")),
			}
		}},
		{"snom_directory_latin1.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "entry 1", "Weiß, Jürgen (Straßenbau)", "", n(other, "0221 / 4711 23")),
				want(s, "entry 2", "Bäckerei Köln", "", n(other, "+49 221 98765")),
			}
		}},
		{"snom_tbook.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "entry 1", "Gisela Müller", "Müller & Co. KG", n(work, "+49 221 4711-12")),
				want(s, "entry 2", "Özgür Yılmaz", "", n(mobile, "0160 5550000")),
				want(s, "entry 4", "Zentrale", "", n(work, "100")),
			}
		}},
		{"snom_settings.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{want(s, "entry 1", "Hotline", "", n(other, "0800 1234567"))}
		}},
		{"yealink_contacts.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "entry 1", "Köhler Elektro", "", n(work, "+49 221 4711-55"), n(mobile, "0171 1111111")),
				want(s, "entry 2", "Petra Schäfer", "", n(other, "0228 123456")),
			}
		}},
		{"yealink_vp_contact.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{want(s, "entry 1", "Apotheke am Ring", "", n(work, "0221 / 4711 60"))}
		}},
		{"yealink_remote.xml", func(s *Source) []contacts.Contact {
			return []contacts.Contact{
				want(s, "entry 1", "Frau Dr. Böhm", "", n(other, "0221 / 4711 60"), n(other, "0151 22334455")),
				want(s, "entry 2", "Gärtnerei Lüdenscheid", "", e164(other, "+4923511234")),
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := New(filepath.Join("testdata", tt.file))
			got, err := s.Load(context.Background())
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			assertContacts(t, got, tt.want(s))
		})
	}
}

func TestSourceIdentity(t *testing.T) {
	path := filepath.Join("testdata", "snom_tbook.xml")
	s := New(path)
	if s.Name() != "phonebook:"+path {
		t.Errorf("Name() = %q", s.Name())
	}
	if !reflect.DeepEqual(s.Paths(), []string{path}) {
		t.Errorf("Paths() = %q", s.Paths())
	}
	abs, _ := filepath.Abs(path)
	if want := "file://" + filepath.ToSlash(abs); s.uri != want {
		t.Errorf("OpenURI = %q, want %q", s.uri, want)
	}
}

func parseString(t *testing.T, data []byte) ([]contacts.Contact, error) {
	t.Helper()
	return New("inline.xml").parse(context.Background(), data)
}

func TestEncodings(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="%s"?>
<SnomIPPhoneDirectory><DirectoryEntry><Name>Jürgen Weiß, Köln €</Name><Telephone>1</Telephone></DirectoryEntry></SnomIPPhoneDirectory>`
	withEnc := func(enc string) string { return strings.Replace(doc, "%s", enc, 1) }
	bytesOf := func(s string, e interface{ Bytes([]byte) ([]byte, error) }) []byte {
		b, err := e.Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const wantName = "Jürgen Weiß, Köln €"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte(withEnc("UTF-8")), wantName},
		{"utf-8 bom", append([]byte("\ufeff"), withEnc("utf-8")...), wantName},
		{"windows-1252", bytesOf(withEnc("windows-1252"), charmap.Windows1252.NewEncoder()), wantName},
		// WHATWG reads ISO-8859-1 as Windows-1252: the € survives.
		{"iso-8859-1 label", bytesOf(withEnc("ISO-8859-1"), charmap.Windows1252.NewEncoder()), wantName},
		{"iso-8859-15", bytesOf(withEnc("ISO-8859-15"), charmap.ISO8859_15.NewEncoder()), wantName},
		{"claims utf-8, is ansi", bytesOf(withEnc("UTF-8"), charmap.Windows1252.NewEncoder()), wantName},
		{"no prolog, ansi", bytesOf(doc[strings.Index(doc, "\n")+1:], charmap.Windows1252.NewEncoder()), wantName},
		{"utf-16le bom", bytesOf(withEnc("UTF-16"), unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()), wantName},
		{"utf-16be bom", bytesOf(withEnc("UTF-16"), unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder()), wantName},
		{"html entities", []byte(strings.Replace(withEnc("UTF-8"), "Jürgen Weiß", "J&uuml;rgen Wei&szlig;&nbsp;&amp;", 1)),
			"Jürgen Weiß\u00a0&, Köln €"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseString(t, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Name != tt.want {
				t.Errorf("got %+v, want name %q", got, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		line int
		says string
	}{
		{"empty", "", 1, "no XML element"},
		{"only prolog", `<?xml version="1.0"?>` + "\n\n", 3, "no XML element"},
		{"unknown root", "<?xml version=\"1.0\"?>\n\n<html><body/></html>", 3, "<html> is not a known phone book"},
		{"truncated", "<tbook>\n<item>\n<name>A</name>\n<number>1</num", 4, "unexpected EOF"},
		{"bare ampersand", "<YealinkIPPhoneDirectory>\n<DirectoryEntry><Name>A & B</Name>", 2, "syntax error"},
		{"unknown charset", `<?xml version="1.0" encoding="klingon"?><tbook/>`, 1, "klingon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseString(t, []byte(tt.data))
			var le *contacts.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want *LineError", err)
			}
			if got != nil {
				t.Errorf("%d contacts next to a fatal error", len(got))
			}
			if le.File != "inline.xml" || le.Line != tt.line {
				t.Errorf("error at %s:%d, want inline.xml:%d (%v)", le.File, le.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
		})
	}
}

func TestMalformedFixture(t *testing.T) {
	path := filepath.Join("testdata", "malformed.xml")
	got, err := New(path).Load(context.Background())
	var le *contacts.LineError
	if !errors.As(err, &le) || le.File != path || le.Line != 9 {
		t.Fatalf("err = %v, want a LineError at %s:9", err, path)
	}
	var se *xml.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("err %v does not wrap the xml.SyntaxError", err)
	}
	if got != nil {
		t.Errorf("got %d contacts from a malformed file", len(got))
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "fehlt.xml")
	if _, err := New(missing).Load(context.Background()); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: err = %v", err)
	}
	big := filepath.Join(dir, "big.xml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := New(big).Load(context.Background()); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge file: err = %v", err)
	}
}

func TestLoadCancelled(t *testing.T) {
	var b strings.Builder
	b.WriteString("<tbook>")
	for range 5000 {
		b.WriteString("<item><name>A</name><number>1</number></item>")
	}
	b.WriteString("</tbook>")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New("x.xml").parse(ctx, []byte(b.String())); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestCaseAndNesting(t *testing.T) {
	// Hand-made files vary the case; tbook items count only directly
	// inside a tbook; deep nesting inside an entry is cut, not followed.
	doc := `<yealinkipphonedirectory><directoryentry><name>A</name><telephone LABEL="mobile">1</telephone>` +
		strings.Repeat("<x>", 40) + strings.Repeat("</x>", 40) +
		`</directoryentry></yealinkipphonedirectory>`
	got, err := parseString(t, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "A" || got[0].Numbers[0] != n(mobile, "1") {
		t.Errorf("got %+v", got)
	}
	got, err = parseString(t, []byte(`<settings><item><name>B</name><number>2</number></item></settings>`))
	if err != nil || len(got) != 0 {
		t.Errorf("item outside tbook: got %+v, %v", got, err)
	}
}

func TestKindOfLabel(t *testing.T) {
	tests := map[string]contacts.Kind{
		"Office": work, "Büro": work, "business": work, "extension": work, "Geschäftlich": work,
		"Mobile": mobile, "Mobil": mobile, "Handy": mobile, "cell": mobile,
		"Home": home, "Privat": home,
		"Fax": fax, "Fax geschäftlich": fax,
		"": other, "sip": other, "fixed": other,
	}
	for in, want := range tests {
		if got := contacts.KindOfLabel(in); got != want {
			t.Errorf("contacts.KindOfLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsPhoneN(t *testing.T) {
	for in, want := range map[string]bool{"Phone1": true, "phone12": true, "Phone": false, "PhoneX": false, "Name": false} {
		if isPhoneN(in) != want {
			t.Errorf("isPhoneN(%q) = %v", in, !want)
		}
	}
}
