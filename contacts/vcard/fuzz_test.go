package vcard

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// FuzzParse feeds arbitrary bytes to the pre-pass and Parse. Besides never
// panicking: every card the pre-pass keeps must decode with go-vcard (the
// one-decoder loop in parse relies on it), every contact has a number and
// valid UTF-8 text, and every problem points at a line of the input.
func FuzzParse(f *testing.F) {
	f.Add([]byte(card("VERSION:3.0", "FN:Hans Müller", "TEL;TYPE=work:0221 4711-0")))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		p, err := prepare(data, "f.vcf")
		if err != nil {
			if !errors.Is(err, ErrNotVCard) {
				t.Fatalf("prepare: %v", err)
			}
		} else {
			dec := govcard.NewDecoder(bytes.NewReader(p.out))
			for i := range p.cards {
				if _, err := dec.Decode(); err != nil {
					t.Fatalf("card %d of the pre-pass output does not decode: %v\n%q", i, err, p.out)
				}
			}
			if _, err := dec.Decode(); err == nil {
				t.Fatalf("more cards in the output than counted:\n%q", p.out)
			}
		}

		cs, err := parse(context.Background(), data, "f.vcf")
		var probs contacts.Problems
		if errors.As(err, &probs) {
			for _, pr := range probs {
				if pr.File != "f.vcf" || pr.Line < 1 || pr.Line > lines {
					t.Fatalf("problem outside the input (%d lines): %v", lines, pr)
				}
			}
		} else if err != nil && !errors.Is(err, ErrNotVCard) {
			t.Fatalf("parse: %v", err)
		}
		for _, c := range cs {
			if len(c.Numbers) == 0 {
				t.Fatalf("contact without a number: %+v", c)
			}
			for _, num := range c.Numbers {
				if num.Raw == "" || !utf8.ValidString(num.Raw) || (num.E164 != "" && !number.IsE164(num.E164)) {
					t.Fatalf("bad number %+v", num)
				}
			}
			if !utf8.ValidString(c.Name) || !utf8.ValidString(c.Company) || !utf8.ValidString(c.ID) {
				t.Fatalf("invalid UTF-8 in %+v", c)
			}
		}
	})
}
