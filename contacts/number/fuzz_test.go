package number

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks what the index and the dial rules rely on: Parse never
// panics, an E164 is '+' and digits that parse back to itself, and every
// error is ErrNoNumber or a ParseError with the digits.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"+49 (0)221 / 98765-43", "tel:+4930;ext=1", "sip:1@x", "0221", "(((", "+", "00",
		"anonymous", "4711 23", "0221 4711-0, Durchwahl 23", "tel:%2B49", "tel:1;phone-context=+49"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s, cologne)
		if err != nil {
			var pe *ParseError
			switch {
			case errors.Is(err, ErrNoNumber):
			case errors.As(err, &pe):
				if pe.Digits == "" || pe.Digits != Digits(pe.Digits) {
					t.Fatalf("Parse(%q): ParseError digits %q", s, pe.Digits)
				}
			default:
				t.Fatalf("Parse(%q): untyped error %v", s, err)
			}
			return
		}
		if len(n.E164) < 3 || n.E164[0] != '+' || Digits(n.E164) != n.E164 || !strings.HasSuffix(n.E164, n.National) {
			t.Fatalf("Parse(%q) gave E164 %q, NSN %q", s, n.E164, n.National)
		}
		again, err := Parse(n.E164, cologne)
		if err != nil || again.E164 != n.E164 {
			t.Fatalf("Parse(%q) = %q, which parses back to %q, %v", s, n.E164, again.E164, err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for _, in := range []string{"+49 221 4711 23", "0221 / 4711-23", "4711 23", "tel:+4930123456"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(in, cologne); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
