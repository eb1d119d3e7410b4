package csv

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// largeRows makes a file of n rows long enough to be sized by its first
// rows (reserveAt), whose later rows grow: longer names and more numbers
// than the first rows promised, so that the arrays sized after them run
// out and new ones follow. It returns the file and the contacts it holds.
func largeRows(n int) (string, []contacts.Contact) {
	var b strings.Builder
	b.WriteString("Vorname;Nachname;Firma;Telefon geschäftlich;Mobiltelefon;Telefon privat\r\n")
	var want []contacts.Contact
	for i := range n {
		given := "Jürgen" + strings.Repeat("ä", i/(n/8+1)) // ever longer text
		family := fmt.Sprintf("Müller-%d", i)
		c := contacts.Contact{Name: given + " " + family, Company: fmt.Sprintf("Bäckerei %d GmbH", i%97),
			ID: fmt.Sprintf("row %d", i+2)}
		work, mobile, home := fmt.Sprintf("0221 %d-%d", 4700+i%300, i%100), "", ""
		if i > reserveAt {
			mobile = fmt.Sprintf("+49171%07d", i) // more numbers from here on
		}
		if i%7 == 0 {
			home = fmt.Sprintf("02203 %d", 10000+i)
		}
		switch {
		case i%1000 == 999:
			work, mobile, home = "", "", "" // a row without numbers is no contact
		case i%13 == 0:
			c.Company = ""
		}
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s;%s\r\n", given, family, c.Company, work, mobile, home)
		for _, nn := range []contacts.Number{{Kind: contacts.Work, Raw: work}, {Kind: contacts.Mobile, Raw: mobile},
			{Kind: contacts.Home, Raw: home}} {
			if nn.Raw != "" {
				if number.IsE164(nn.Raw) {
					nn.E164 = nn.Raw
				}
				c.Numbers = append(c.Numbers, nn)
			}
		}
		if len(c.Numbers) > 0 {
			want = append(want, c)
		}
	}
	return b.String(), want
}

// TestLargeFiles loads files sized after their first rows, in every
// encoding, with and without normalising on the way, and checks every
// contact.
func TestLargeFiles(t *testing.T) {
	in, want := largeRows(12 * reserveAt)
	encodings := []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(in)},
		{"windows-1252", encode(t, in, charmap.Windows1252.NewEncoder())},
		{"utf-16le bom", encode(t, in, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())},
	}
	home := number.Home{Country: "DE", AreaCode: "221"}
	testLargeFiles(t, encodings, want, home)
	inParts(func() { testLargeFiles(t, encodings, want, home) })
}

func testLargeFiles(t *testing.T, encodings []struct {
	name string
	data []byte
}, want []contacts.Contact, home number.Home) {
	for _, e := range encodings {
		path := filepath.Join(t.TempDir(), "big.csv")
		if err := os.WriteFile(path, e.data, 0o600); err != nil {
			t.Fatal(err)
		}
		s := New(path, nil)
		plain, err := s.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		normalized, err := s.LoadNormalized(context.Background(), home)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			want[i].Source, want[i].OpenURI = s.Name(), s.uri
		}
		t.Run(e.name, func(t *testing.T) { assertContacts(t, plain, want) })
		// LoadNormalized is Load and then Normalize.
		contacts.Normalize(plain, home)
		t.Run(e.name+" normalized", func(t *testing.T) { assertContacts(t, normalized, plain) })
	}
}

// inParts runs f with every file that can be read in parts read in up to
// seven, however small.
func inParts(f func()) {
	oldMin, oldMax := partMin, maxParts
	partMin, maxParts = 1, func() int { return 7 }
	defer func() { partMin, maxParts = oldMin, oldMax }()
	f()
}
