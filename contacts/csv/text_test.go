package csv

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"deskcti/contacts"
)

func encode(t *testing.T, s string, enc interface{ Bytes([]byte) ([]byte, error) }) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodings(t *testing.T) {
	const in = "Vorname;Nachname;Firma;Telefon geschäftlich\r\nJürgen;Weiß;Straßenbau Köln;0221 / 4711 23\r\n"
	utf16 := func(e unicode.Endianness, b unicode.BOMPolicy) []byte {
		return encode(t, in, unicode.UTF16(e, b).NewEncoder())
	}
	tests := []struct {
		name, encoding string
		data           []byte
	}{
		{"utf-8", "utf-8", []byte(in)},
		{"utf-8 bom", "utf-8 with bom", append([]byte("\ufeff"), in...)},
		{"windows-1252", "windows-1252", encode(t, in, charmap.Windows1252.NewEncoder())},
		{"iso-8859-1", "windows-1252", encode(t, in, charmap.ISO8859_1.NewEncoder())},
		{"utf-16le bom", "utf-16le with bom", utf16(unicode.LittleEndian, unicode.UseBOM)},
		{"utf-16be bom", "utf-16be with bom", utf16(unicode.BigEndian, unicode.UseBOM)},
		{"utf-16le", "utf-16le", utf16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"utf-16be", "utf-16be", utf16(unicode.BigEndian, unicode.IgnoreBOM)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := openText(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if txt.encoding != tt.encoding {
				t.Errorf("detected %s, want %s", txt.encoding, tt.encoding)
			}
			got, err := New("x.csv", nil).read(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Name != "Jürgen Weiß" || got[0].Company != "Straßenbau Köln" ||
				len(got[0].Numbers) != 1 || got[0].Numbers[0] != (contacts.Number{Kind: contacts.Work, Raw: "0221 / 4711 23"}) {
				t.Errorf("got %+v", got)
			}
		})
	}
}

// A file that is UTF-8 for longer than the sniffed start and then has a row
// saved as Windows-1252 keeps both right.
func TestLateWindows1252(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Name,Telefon\nGroß Anfang,1\n")
	for b.Len() < 2*sniffSize {
		b.WriteString("Füller,2\n")
	}
	b.WriteString("M\xfcller \x80,3\n")
	got, err := New("x.csv", nil).read(context.Background(), &b, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first, last := got[0].Name, got[len(got)-1].Name; first != "Groß Anfang" || last != "Müller €" {
		t.Errorf("first %q, last %q", first, last)
	}
}

func TestLooksUTF16(t *testing.T) {
	le := encode(t, "Name\tTel\n", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder())
	be := encode(t, "Name\tTel\n", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder())
	tests := []struct {
		name string
		in   []byte
		want byte
	}{
		{"le", le, 'l'},
		{"be", be, 'b'},
		{"ascii", []byte("Name,Tel\n"), 0},
		{"cp1252", []byte("M\xfcller;K\xf6ln\n"), 0},
		{"short", []byte{'A', 0}, 0},
		{"binary zeros", make([]byte, 64), 0},
	}
	for _, tt := range tests {
		if got := looksUTF16(tt.in); got != tt.want {
			t.Errorf("%s: looksUTF16 = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValidUTF8Prefix(t *testing.T) {
	cut := []byte("Straße")[:5] // "Stra" and half of "ß"
	if !validUTF8Prefix(cut, false) {
		t.Error("a sequence cut by the sniff buffer made the prefix invalid")
	}
	if validUTF8Prefix(cut, true) {
		t.Error("a truncated sequence at the end of the file passed as valid")
	}
	if validUTF8Prefix([]byte("Stra\xdfe"), false) {
		t.Error("Windows-1252 ß passed as UTF-8")
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{`"First Name","Last Name","Business Phone"`, ','},
		{"Vorname;Nachname;Telefon", ';'},
		{"Name\tTelefon\tFax", '\t'},
		{`"Name; Vorname","Telefon; privat",Fax`, ','},
		{`Name;"Tel, privat";Fax`, ';'},
		{"Name;Telefon, privat", ';'},
		{"Name", ','},
		{"", ','},
		{"A;B\nC,D,E,F,G\n", ';'},
		{"\"A\nB\",C;D\n", ';'}, // the header's first field spans a line
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSepLine(t *testing.T) {
	tests := []struct {
		in   string
		d    rune
		n    int
		isOK bool
	}{
		{"sep=;\r\nA;B", ';', 7, true},
		{"SEP=,\nA,B", ',', 6, true},
		{"sep=\t", '\t', 5, true},
		{"sep=;x\nA", 0, 0, false},
		{"sep=\"\n", 0, 0, false},
		{"Name;Tel\n", 0, 0, false},
	}
	for _, tt := range tests {
		d, n, ok := sepLine([]byte(tt.in))
		if d != tt.d || n != tt.n || ok != tt.isOK {
			t.Errorf("sepLine(%q) = %q, %d, %v", tt.in, d, n, ok)
		}
	}
}

func TestAppendText(t *testing.T) {
	tests := []struct {
		in   string
		mode textMode
		want string
	}{
		{"K\xf6ln \x80", modeCP1252, "Köln €"},
		{"Köln", modeUTF8, "Köln"},
		{"K\xf6ln, Köln", modeUTF8, "Köln, Köln"},
		{"\ufffd", modeUTF8, "\ufffd"},
	}
	for _, tt := range tests {
		if got := string(appendText(nil, tt.in, tt.mode)); got != tt.want {
			t.Errorf("appendText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := textString(tt.in, tt.mode); got != tt.want {
			t.Errorf("textString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := textString(strings.Repeat("a", 3), modeCP1252); got != "aaa" {
		t.Errorf("textString ascii = %q", got)
	}
}

// FuzzValidUTF8 holds validUTF8 to utf8.Valid.
func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"", "Jürgen Müller;0221 4711", "M\xfcller", "\xed\xa0\x80", "\xef\xbf\xbd", "abcdefgh\xc3",
		"12345678ü12345678\xf4\x90\x80\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(%q) = %v, utf8.Valid says %v", b, got, want)
		}
	})
}

// FuzzIndexQuote holds indexQuote to bytes.IndexByte.
func FuzzIndexQuote(f *testing.F) {
	f.Add([]byte(`"Jürgen";"Müller";"0221 4711"`), 1)
	f.Add([]byte(`abcdefghijklmnopqrstuvwxyz0123456789"x`), 0)
	f.Fuzz(func(t *testing.T, b []byte, i int) {
		if i < 0 || i > len(b) {
			return
		}
		want := bytes.IndexByte(b[i:], '"')
		if want >= 0 {
			want += i
		}
		if got := indexQuote(b, i); got != want {
			t.Fatalf("indexQuote(%q, %d) = %d, want %d", b, i, got, want)
		}
	})
}
