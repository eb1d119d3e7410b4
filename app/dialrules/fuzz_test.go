package dialrules

import (
	"strings"
	"testing"
)

// FuzzPrepare checks what the phone drivers rely on: Prepare never panics,
// a result is never empty, it holds only what a phone can dial (digits, *
// and #, or a SIP address passed through), and only numbers leaving the
// building get the outside line.
func FuzzPrepare(f *testing.F) {
	for _, s := range []string{"+49 (0)221 / 98765-43", "23", "*21#", "sip:alice@pbx", "tel:+4930;ext=9",
		"Fax 0221 1", "22.11.2026", "(((0", "+1 (555) 010-9999 ext. 12", "0221 4711-0, Durchwahl 23"} {
		f.Add(s)
	}
	rules := []Rules{koeln, nycLocal, telAviv, paris}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range rules {
			d, err := r.Prepare(s)
			if err != nil {
				continue
			}
			if d.Number == "" {
				t.Fatalf("%s: Prepare(%q) gave an empty number", r.Country, s)
			}
			if d.Internal && sipAddrRe.MatchString(d.Number) {
				continue // a SIP address passed through
			}
			if strings.Trim(d.Number, "0123456789*#") != "" {
				t.Fatalf("%s: Prepare(%q) = %q: only digits, * and # may reach the phone", r.Country, s, d.Number)
			}
			if !d.Internal && !strings.HasPrefix(d.Number, r.OutsideLine) {
				t.Fatalf("%s: Prepare(%q) = %q without the outside line %q", r.Country, s, d.Number, r.OutsideLine)
			}
			if d.Internal && d.E164 != "" {
				t.Fatalf("%s: Prepare(%q): internal number with E164 %q", r.Country, s, d.E164)
			}
		}
	})
}

func BenchmarkPrepare(b *testing.B) {
	text := "Mit freundlichen Grüßen\nErika Mustermann\nMuster GmbH, Musterstr. 5, 50667 Köln\nFax: 0221 4711-99\nTel.: +49 (0) 221 / 4711-23"
	for b.Loop() {
		if _, err := koeln.Prepare(text); err != nil {
			b.Fatal(err)
		}
	}
}
