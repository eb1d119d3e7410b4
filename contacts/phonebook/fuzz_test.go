package phonebook

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"deskcti/contacts"
)

// FuzzParse feeds arbitrary bytes to the parser and checks what Load
// promises: no panic; either contacts, each with a number, or a LineError
// naming the file and a line, never both.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<tbook><item><name>A</name><number>1</number></item></tbook>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := New("f.xml").parse(context.Background(), data)
		if err != nil {
			var le *contacts.LineError
			if !errors.As(err, &le) || le.File != "f.xml" || le.Line < 1 {
				t.Fatalf("error %v is not a LineError on a line of f.xml", err)
			}
			if got != nil {
				t.Fatalf("%d contacts next to error %v", len(got), err)
			}
			return
		}
		for _, c := range got {
			if len(c.Numbers) == 0 || !strings.HasPrefix(c.ID, "entry ") || c.Source != "phonebook:f.xml" {
				t.Fatalf("bad contact %+v", c)
			}
			if !utf8.ValidString(c.Name) || !utf8.ValidString(c.Company) {
				t.Fatalf("invalid UTF-8 in %+v", c)
			}
			for _, n := range c.Numbers {
				if n.Raw == "" || n.Raw != strings.TrimSpace(n.Raw) || (n.E164 != "" && n.E164 != n.Raw) {
					t.Fatalf("bad number %+v", n)
				}
			}
		}
	})
}
