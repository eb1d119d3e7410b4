package vcard

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	govcard "github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/unicode"

	"deskcti/contacts"
)

// card wraps content lines (CRLF-terminated) in BEGIN/END.
func card(lines ...string) string {
	return "BEGIN:VCARD\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCARD\r\n"
}

// normalised runs the pre-pass and returns its output with LF line ends,
// failing on any problem.
func normalised(t *testing.T, in string) string {
	t.Helper()
	p, err := prepare([]byte(in), "test.vcf")
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	if len(p.probs) > 0 {
		t.Fatalf("unexpected problems: %v", p.probs)
	}
	return strings.ReplaceAll(string(p.out), "\r\n", "\n")
}

func TestPrepassRewrites(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"bare 2.1 types",
			card("VERSION:2.1", "TEL;CELL;VOICE:+49 171 1234567", "TEL;WORK;FAX:0221 4711-99", "TEL;HOME:0221 98 76 54"),
			"VERSION:2.1\nTEL;TYPE=cell,voice:+49 171 1234567\nTEL;TYPE=work,fax:0221 4711-99\nTEL;TYPE=home:0221 98 76 54\n"},
		{"3.0 type list and repeated TYPE",
			card("VERSION:3.0", "TEL;TYPE=work,voice;TYPE=PREF:0221 4711-0", "tel;type=cell:0171 1"),
			"VERSION:3.0\nTEL;TYPE=work,voice,pref:0221 4711-0\nTEL;TYPE=cell:0171 1\n"},
		{"4.0 quoted type list and tel URI",
			card("VERSION:4.0", `TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+49-221-4711;ext=23`),
			"VERSION:4.0\nTEL;TYPE=work,voice;VALUE=uri;PREF=1:tel:+49-221-4711;ext=23\n"},
		{"quoted-printable, Windows-1252, soft line break",
			card("VERSION:2.1", "FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:J=FCrgen Wei=", "=DF"),
			"VERSION:2.1\nFN:Jürgen Weiß\n"},
		{"bare QUOTED-PRINTABLE, line breaks become \\n",
			card("VERSION:2.1", "NOTE;QUOTED-PRINTABLE:Zeile 1=0D=0AZeile 2=0AZeile 3"),
			"VERSION:2.1\nNOTE:Zeile 1\\nZeile 2\\nZeile 3\n"},
		{"soft line break inside a UTF-8 character",
			card("VERSION:2.1", "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:G=C3=", "=B6=C3=9Fmann"),
			"VERSION:2.1\nFN:Gößmann\n"},
		{"soft line break with blanks after '=', continuation keeps its blank",
			card("VERSION:2.1", "NOTE;ENCODING=QUOTED-PRINTABLE:f=FCr das B=FCro=  ", " bitte"),
			"VERSION:2.1\nNOTE:für das Büro bitte\n"},
		{"quoted-printable without charset that is not UTF-8",
			card("VERSION:2.1", "N;ENCODING=QUOTED-PRINTABLE:M=FCller;Hans"),
			"VERSION:2.1\nN:Müller;Hans\n"},
		{"broken quoted-printable keeps the '='",
			card("VERSION:2.1", "FN;ENCODING=QUOTED-PRINTABLE:A=ZZ=4"),
			"VERSION:2.1\nFN:A=ZZ=4\n"},
		{"soft line break does not swallow END:VCARD",
			card("VERSION:2.1", "FN;ENCODING=QUOTED-PRINTABLE:Abc="),
			"VERSION:2.1\nFN:Abc=\n"},
		{"CHARSET=ISO-8859-1 on raw bytes",
			card("VERSION:2.1", "FN;CHARSET=ISO-8859-1:K\xf6ln"),
			"VERSION:2.1\nFN:Köln\n"},
		{"CHARSET=ISO-8859-15",
			card("VERSION:2.1", "NOTE;CHARSET=ISO-8859-15:5 \xa4"),
			"VERSION:2.1\nNOTE:5 €\n"},
		{"no charset in a file that is not UTF-8 is Windows-1252",
			card("VERSION:2.1", "FN:M\xfcller", "NOTE:5 \x80 \x84Gr\xfc\xdfe\x93"),
			"VERSION:2.1\nFN:Müller\nNOTE:5 € „Grüße“\n"},
		{"UTF-8 label and valid UTF-8 next to Windows-1252 lines",
			card("VERSION:2.1", "FN:M\xfcller", "X-MS-OL-DESIGN;CHARSET=utf-8:<card>ö</card>"),
			"VERSION:2.1\nFN:Müller\nX-MS-OL-DESIGN:<card>ö</card>\n"},
		{"UTF-8 label on bytes that are not UTF-8",
			card("VERSION:3.0", "FN;CHARSET=UTF-8:M\xfcller"),
			"VERSION:3.0\nFN:Müller\n"},
		{"unknown charset is like none",
			card("VERSION:3.0", "FN;CHARSET=x-unbekannt:Müller"),
			"VERSION:3.0\nFN:Müller\n"},
		{"UTF-8 file stays UTF-8",
			card("VERSION:3.0", "FN:Özlem Yılmaz"),
			"VERSION:3.0\nFN:Özlem Yılmaz\n"},
		{"UTF-8 byte order mark",
			"\xef\xbb\xbf" + card("VERSION:3.0", "FN:Ärztehaus"),
			"VERSION:3.0\nFN:Ärztehaus\n"},
		{"RFC 6350 folding drops one blank or tab",
			card("VERSION:3.0", "NOTE:Rückruf bevorzu", " gt vormit", "\ttags"),
			"VERSION:3.0\nNOTE:Rückruf bevorzugt vormittags\n"},
		{"folding inside a UTF-8 character",
			card("VERSION:3.0", "FN:Wei\xc3", " \x9f"),
			"VERSION:3.0\nFN:Weiß\n"},
		{"vCard 2.1 folding keeps the blank",
			card("VERSION:2.1", "NOTE:Lieferung immer", " dienstags"),
			"VERSION:2.1\nNOTE:Lieferung immer dienstags\n"},
		{"LF line ends",
			"BEGIN:VCARD\nVERSION:3.0\nFN:A\n B\nEND:VCARD\n",
			"VERSION:3.0\nFN:AB\n"},
		{"CR line ends",
			"BEGIN:VCARD\rVERSION:3.0\rFN:A\r B\rEND:VCARD\r",
			"VERSION:3.0\nFN:AB\n"},
		{"no line end after END:VCARD",
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD",
			"VERSION:3.0\nFN:A\n"},
		{"Apple groups and labels",
			card("VERSION:3.0", "item1.TEL;type=pref:+49 221 4711-0", "item1.X-ABLabel:_$!<Mobile>!$_"),
			"VERSION:3.0\nitem1.TEL;TYPE=pref:+49 221 4711-0\nitem1.X-ABLABEL:_$!<Mobile>!$_\n"},
		{"unindented 2.1 base64 up to the blank line",
			card("VERSION:2.1", "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ", "SkZJRgAB", "AQ==", "", "TEL;WORK:1"),
			"VERSION:2.1\nPHOTO;TYPE=jpeg;ENCODING=BASE64:/9j/4AAQSkZJRgABAQ==\nTEL;TYPE=work:1\n"},
		{"Android custom label",
			card("VERSION:2.1", "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=42=C3=BC=72=6F):0221 4711-42"),
			"VERSION:2.1\nTEL;X-CUSTOM=Büro:0221 4711-42\n"},
		{"quoted parameter with ':', ';' and a backslash",
			card("VERSION:4.0", `X-FOO;LABEL="C:\Pfad; Teil";X-Y=a"b:wert`),
			"VERSION:4.0\nX-FOO;LABEL=\"C:\\\\Pfad; Teil\";X-Y=\"ab\":wert\n"},
		{"lower-case BEGIN and END, blank lines, Ctrl-Z",
			"\r\nbegin:vcard\r\nVERSION:3.0\r\n\r\nFN:A\r\nend:vcard \r\n\r\n\x1a",
			"VERSION:3.0\nFN:A\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := normalised(t, c.in)
			want := "BEGIN:VCARD\n" + c.want + "END:VCARD\n"
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestPrepassOutputReadsBack checks that go-vcard reads what the pre-pass
// writes the way it was meant, for the lines go-vcard mangles on its own.
func TestPrepassOutputReadsBack(t *testing.T) {
	in := card("VERSION:2.1",
		"TEL;WORK;FAX:0221 4711-99",
		`X-FOO;LABEL="C:\Pfad; Teil":wert`,
		"NOTE;QUOTED-PRINTABLE:a=0D=0Ab",
		"N;ENCODING=QUOTED-PRINTABLE:M=FCller;=",
		"Hans")
	p, err := prepare([]byte(in), "x")
	if err != nil || len(p.probs) > 0 {
		t.Fatal(err, p.probs)
	}
	c, err := govcard.NewDecoder(bytes.NewReader(p.out)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	tel := c.Get("TEL")
	if tel == nil || tel.Value != "0221 4711-99" || !tel.Params.HasType("fax") || !tel.Params.HasType("work") {
		t.Errorf("TEL: %+v", tel)
	}
	if f := c.Get("X-FOO"); f == nil || f.Params.Get("LABEL") != `C:\Pfad; Teil` || f.Value != "wert" {
		t.Errorf("X-FOO: %+v", f)
	}
	if v := c.Value("NOTE"); v != "a\nb" {
		t.Errorf("NOTE = %q", v)
	}
	if v := c.Value("N"); v != "Müller;Hans" {
		t.Errorf("N = %q", v)
	}
}

func TestPrepassUTF16(t *testing.T) {
	in := card("VERSION:3.0", "FN:Jürgen Weiß", "TEL;TYPE=work:0221 4711-0")
	enc, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(in)
	if err != nil {
		t.Fatal(err)
	}
	got := normalised(t, enc)
	if want := "BEGIN:VCARD\nVERSION:3.0\nFN:Jürgen Weiß\nTEL;TYPE=work:0221 4711-0\nEND:VCARD\n"; got != want {
		t.Errorf("got %q", got)
	}
}

func TestPrepassProblems(t *testing.T) {
	good := card("VERSION:3.0", "FN:Gut", "TEL:1") // 5 lines
	type prob struct {
		line int
		err  error
		text string // also in the message
	}
	cases := []struct {
		name  string
		in    string
		cards []int // lines of the cards kept
		probs []prob
	}{
		{"no END at the end of the file",
			good + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Halb\r\n",
			[]int{1}, []prob{{6, errNoEnd, ""}}},
		{"next BEGIN before END",
			"BEGIN:VCARD\r\nFN:Halb\r\n" + good,
			[]int{3}, []prob{{1, errNoEnd, "line 3"}}},
		{"a line that is not a property",
			good + card("VERSION:3.0", "FN:Kaputt", "TEL:2", "keine Eigenschaft") + good,
			[]int{1, 12}, []prob{{6, errNoColon, "line 10"}}},
		{"a property name with a blank",
			card("VERSION:3.0", "Hallo Welt:foo", "TEL:2") + good,
			[]int{6}, []prob{{1, errBadName, "line 3"}}},
		{"a group name with a bad character",
			card("VERSION:3.0", "it#em1.TEL:2") + good,
			[]int{5}, []prob{{1, errBadName, ""}}},
		{"unterminated quoted parameter",
			card("VERSION:4.0", `TEL;TYPE="work:0221 1`) + good,
			[]int{5}, []prob{{1, errBadQuote, ""}}},
		{"text between cards is reported once per gap",
			good + "Hallo\r\nWelt\r\n" + good + "END:VCARD\r\n",
			[]int{1, 8}, []prob{{6, errOutside, ""}, {13, errOutside, ""}}},
		{"a broken card still ends at the next BEGIN",
			card("VERSION:3.0", "kaputt", "BEGIN:VCARD", "FN:Innen", "TEL:3"),
			[]int{4}, []prob{{1, errNoColon, "line 3"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := prepare([]byte(c.in), "kontakte.vcf")
			if err != nil {
				t.Fatal(err)
			}
			if !equalInts(p.cards, c.cards) {
				t.Errorf("cards at lines %v, want %v", p.cards, c.cards)
			}
			if len(p.probs) != len(c.probs) {
				t.Fatalf("problems %v, want %d", p.probs, len(c.probs))
			}
			for i, want := range c.probs {
				got := p.probs[i]
				if got.File != "kontakte.vcf" || got.Line != want.line || !errors.Is(got, want.err) || !strings.Contains(got.Error(), want.text) {
					t.Errorf("problem %d = %v, want line %d, %v, %q", i, got, want.line, want.err, want.text)
				}
			}
			// Only the good cards are in the output.
			if n := bytes.Count(p.out, []byte("BEGIN:VCARD")); n != len(c.cards) {
				t.Errorf("%d cards in output, want %d:\n%s", n, len(c.cards), p.out)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNotAVCard(t *testing.T) {
	for _, c := range []struct {
		in   string
		line int
	}{
		{"Name;Telefon\r\nHans Müller;0221 4711-0\r\n", 1},
		{"\r\n\r\n{\"name\": \"Hans\"}", 3},
		{"END:VCARD\r\n", 1},
		{"\x00\x01PK\x03\x04binär", 1},
	} {
		_, err := prepare([]byte(c.in), "kontakte.vcf")
		var le *contacts.LineError
		if !errors.As(err, &le) || !errors.Is(err, ErrNotVCard) || le.File != "kontakte.vcf" || le.Line != c.line {
			t.Errorf("%q: %v, want a LineError at line %d wrapping ErrNotVCard", c.in, err, c.line)
		}
		if err != nil && !strings.Contains(err.Error(), "kontakte.vcf") {
			t.Errorf("error does not name the file: %v", err)
		}
	}
	for _, in := range []string{"", "\r\n \r\n", "\xef\xbb\xbf"} {
		p, err := prepare([]byte(in), "leer.vcf")
		if err != nil || len(p.cards) != 0 || len(p.probs) != 0 {
			t.Errorf("%q: an empty file is an empty address book: %v %v", in, err, p)
		}
	}
}

func TestDecodeText(t *testing.T) {
	cases := []struct {
		in, label string
		fileUTF8  bool
		want      string
	}{
		{"Müller", "", true, "Müller"},
		{"M\xfcller", "", true, "Müller"},
		{"MÃ¼ller", "", false, "MÃƒÂ¼ller"}, // the file decides for unlabelled values
		{"Müller", "UTF-8", false, "Müller"},
		{"Müller", "utf8", false, "Müller"},
		{"M\xfcller", "Windows-1252", true, "Müller"},
		{"\x80", "iso-8859-1", true, "€"},
		{"\x80", "ISO_8859-1", true, "€"},
		{"\xa4", "ISO-8859-15", true, "€"},
		{"\xe8", "windows-1250", true, "č"},
		{"\xc6", "KOI8-R", true, "ф"},
		{"M\xfcller", "gibtsnicht", true, "Müller"},
		{"plain", "Shift_JIS", true, "plain"},
	}
	for _, c := range cases {
		if got := decodeText([]byte(c.in), c.label, c.fileUTF8); got != c.want {
			t.Errorf("decodeText(%q, %q, %v) = %q, want %q", c.in, c.label, c.fileUTF8, got, c.want)
		}
	}
}

func TestDecodeQP(t *testing.T) {
	cases := map[string]string{
		"=4D=c3=bc":  "M\xc3\xbc",
		"a=3Db":      "a=b",
		"a=":         "a=",
		"a=4":        "a=4",
		"a=G1":       "a=G1",
		"100%=20ok":  "100% ok",
		"=0D=0A":     "\r\n",
		"kein Code.": "kein Code.",
	}
	for in, want := range cases {
		if got := string(decodeQP(nil, []byte(in))); got != want {
			t.Errorf("decodeQP(%q) = %q, want %q", in, got, want)
		}
	}
}
