package vcard

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"deskcti/contacts"
)

const (
	W = contacts.Work
	H = contacts.Home
	M = contacts.Mobile
	F = contacts.Fax
	O = contacts.Other
)

func n(k contacts.Kind, raw string) contacts.Number { return contacts.Number{Kind: k, Raw: raw} }

func e(k contacts.Kind, raw, e164 string) contacts.Number {
	return contacts.Number{Kind: k, Raw: raw, E164: e164}
}

// load reads a fixture and checks what every contact of a file source
// gets: Source and OpenURI. It returns the contacts without those two.
func load(t *testing.T, file string) ([]contacts.Contact, error) {
	t.Helper()
	path := filepath.Join("testdata", file)
	s := New(path)
	cs, err := s.Load(context.Background())
	abs, _ := filepath.Abs(path)
	uri := "file://" + filepath.ToSlash(abs)
	for i := range cs {
		c := &cs[i]
		want := uri
		if c.ID != "" {
			want += "#" + c.ID
		}
		if c.Source != "vcard:"+path || c.OpenURI != want {
			t.Errorf("%s: Source %q OpenURI %q, want %q", c.Name, c.Source, c.OpenURI, want)
		}
		c.Source, c.OpenURI = "", ""
	}
	return cs, err
}

func TestFixtures(t *testing.T) {
	cases := []struct {
		file string
		want []contacts.Contact
	}{
		{"outlook.vcf", []contacts.Contact{
			{Name: "Hans Müller", Company: "Bäckerei Müller GmbH", Numbers: []contacts.Number{
				n(W, "+49 221 4711-0"), n(H, "0221 / 98 76 54"), n(M, "0171 1234567"), n(F, "0221 4711-99")}},
			{Name: "Jürgen Weiß", Company: "Spedition Köln-Deutz GmbH & Co. KG", Numbers: []contacts.Number{
				n(W, "0221 / 4711 23"), n(W, "0221 / 4711 0"), e(M, "+491701234567", "+491701234567")}},
			{Name: "Stadtwerke Köln", Company: "Stadtwerke Köln GmbH", Numbers: []contacts.Number{
				n(W, "+49 221 178-0"), n(F, "+49 221 178-2222")}},
			// Lena Krämer has no number.
			{Name: "Anna Schröder", Numbers: []contacts.Number{e(H, "+4922112345678", "+4922112345678")}},
		}},
		{"apple.vcf", []contacts.Contact{
			{Name: "Özlem Yılmaz", Company: "Kanzlei Yılmaz & Partner", ID: "6B29FC40-CA47-1067-B31D-00DD010662DA", Numbers: []contacts.Number{
				n(M, "+49 176 98765432"), n(W, "0221 / 4711 23"), n(W, "+49 221 4711-0"), n(F, "+49 221 4711-99")}},
			{Name: "Jürgen Müller", ID: "0E3A8B52-7F2B-4B69-9A59-7C8B1C3D2E11", Numbers: []contacts.Number{
				n(M, "+49 151 22334455"), n(H, "0221 / 55 44 33"), n(M, "+49 2203 98765"), n(F, "0221 / 55 44 34")}},
			{Name: "Müller & Söhne GmbH", Company: "Müller & Söhne GmbH", ID: "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6", Numbers: []contacts.Number{
				n(O, "+49 89 5000-0"), n(W, "+49 89 5000-123")}},
		}},
		{"google.vcf", []contacts.Contact{
			{Name: "Erika Mustermann", Company: "Muster GmbH", Numbers: []contacts.Number{
				n(M, "0171 2345678"), n(W, "0221 / 4711 23"), n(H, "+49 221 987654"), n(M, "+49 160 7654321")}},
			{Name: "Schmitz, Peter", Company: "Schmitz, Berg & Co. KG", Numbers: []contacts.Number{
				n(F, "+49 228 123456-9"), n(O, "+49 228 123456-0")}},
		}},
		{"android.vcf", []contacts.Contact{
			{Name: "Jürgen Müller", Company: "Bäckerei Müller GmbH", Numbers: []contacts.Number{
				e(M, "+491711234567", "+491711234567"), n(W, "0221 4711-0"), n(H, "02234 56789"), n(W, "0221 4711-42")}},
			{Name: "Franziska Gößmann", Numbers: []contacts.Number{
				n(F, "0221 4711-99"), n(O, "0221 4711-77"), n(M, "0157 12345678")}},
			// Tim Wagner's only TEL is empty.
		}},
		{"v4.vcf", []contacts.Contact{
			{Name: "Dr. Hans-Peter Weiß", Company: "Weiß & Partner Steuerberatung", ID: "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", Numbers: []contacts.Number{
				e(W, "+49-221-4711-0", "+4922147110"), e(M, "+49-170-1234567", "+491701234567"),
				e(F, "+49-221-4711-99", "+49221471199"), n(W, "+49-221-4711;ext=23"), n(H, "0221 / 55 66 77")}},
			{Name: "Ärztehaus am Ring", Company: "Ärztehaus am Ring", ID: "urn:uuid:0b6e2a4c-5a1d-4d2a-8f3c-2b9c1e7d6a55", Numbers: []contacts.Number{
				e(O, "+49-221-33-44-0", "+4922133440")}},
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got, err := load(t, c.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("%d contacts, want %d: %+v", len(got), len(c.want), got)
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], c.want[i]) {
					t.Errorf("contact %d\n got %+v\nwant %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestBrokenCardBetweenGoodOnes(t *testing.T) {
	got, err := load(t, "broken.vcf")
	var probs contacts.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want contacts.Problems, got %v", err)
	}
	var names []string
	for _, c := range got {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "Anna Gut,Bernd Gut,Clara Gut" {
		t.Errorf("good cards: %v", names)
	}
	path := filepath.Join("testdata", "broken.vcf")
	if len(probs) != 2 || probs[0].File != path || probs[0].Line != 6 || probs[1].Line != 15 {
		t.Fatalf("problems: %v", probs)
	}
	if !errors.Is(probs[0], errNoEnd) || !errors.Is(probs[1], errNoColon) {
		t.Errorf("reasons: %v", probs)
	}
	if msg := err.Error(); !strings.Contains(msg, "broken.vcf:6") || !strings.Contains(msg, "broken.vcf:15") {
		t.Errorf("message must name file and lines: %s", msg)
	}
}

func TestSourceBasics(t *testing.T) {
	s := New("/home/u/Kontakte/alle.vcf")
	if s.Name() != "vcard:/home/u/Kontakte/alle.vcf" {
		t.Errorf("Name = %q", s.Name())
	}
	if p := s.Paths(); len(p) != 1 || p[0] != "/home/u/Kontakte/alle.vcf" {
		t.Errorf("Paths = %v", p)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "fehlt.vcf")
	if _, err := New(missing).Load(context.Background()); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}

	csv := filepath.Join(dir, "kontakte.vcf")
	if err := os.WriteFile(csv, []byte("Vorname;Nachname;Telefon\r\nHans;Müller;0221 4711-0\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cs, err := New(csv).Load(context.Background())
	var le *contacts.LineError
	if cs != nil || !errors.As(err, &le) || !errors.Is(err, ErrNotVCard) || le.File != csv {
		t.Errorf("not a vCard: %v %v", cs, err)
	}
	var probs contacts.Problems
	if errors.As(err, &probs) {
		t.Error("a file that is not a vCard must not look like a partial load")
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(filepath.Join("testdata", "apple.vcf")).Load(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestOpenURIEscapesUID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Meine Kontakte.vcf")
	in := card("VERSION:3.0", "UID:a b#c", "FN:A", "TEL:0221 1")
	if err := os.WriteFile(path, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	cs, err := New(path).Load(context.Background())
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	want := "file://" + filepath.ToSlash(path)
	want = strings.ReplaceAll(want, " ", "%20") + "#a%20b%23c"
	if cs[0].OpenURI != want || cs[0].ID != "a b#c" {
		t.Errorf("OpenURI %q, ID %q; want %q", cs[0].OpenURI, cs[0].ID, want)
	}
}

// TestParseForCardDAV is the CardDAV use: a body received over HTTP, with
// the same pre-pass, and no file-specific fields.
func TestParseForCardDAV(t *testing.T) {
	body := card("VERSION:2.1",
		"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zlem Y=C4=B1lmaz",
		"TEL;WORK;FAX:0221 4711-99",
		"TEL;CELL:+4917698765432")
	cs, err := Parse(strings.NewReader(body), "https://dav.example/kontakte/1.vcf")
	if err != nil {
		t.Fatal(err)
	}
	want := []contacts.Contact{{Name: "Özlem Yılmaz", Numbers: []contacts.Number{
		n(F, "0221 4711-99"), e(M, "+4917698765432", "+4917698765432")}}}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("got %+v", cs)
	}

	_, err = Parse(strings.NewReader("BEGIN:VCARD\r\nFN:x\r\n"), "https://dav.example/2.vcf")
	var probs contacts.Problems
	if !errors.As(err, &probs) || probs[0].File != "https://dav.example/2.vcf" || probs[0].Line != 1 {
		t.Errorf("problem must name the URL: %v", err)
	}

	_, err = Parse(failingReader{}, "https://dav.example/3.vcf")
	if err == nil || !strings.Contains(err.Error(), "https://dav.example/3.vcf") || !strings.Contains(err.Error(), "Verbindung") {
		t.Errorf("read error: %v", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("Verbindung abgebrochen") }
