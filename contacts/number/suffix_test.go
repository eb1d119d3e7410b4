package number

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// suffixRe is the grammar of suffixes (see suffix) as a regular
// expression: the specification that suffixAt and findSuffix are held to.
var suffixRe = regexp.MustCompile(suffixPattern)

const suffixPattern = `(?i)(?:(;\s*ext\s*=|e?xt(?:ension|n)?\.?|x|app(?:arat)?\.?|nst\.?|nebenstelle|poste|#)|(durchwahl|durchw\.?|dw\.?|klappe|kl\.))\s*[:.]?\s*[-\x{2013}]?\s*(\d{1,8})[\s)#]*$`

// suffixAtRe is suffixRe anchored at the start: suffixAt's specification.
var suffixAtRe = regexp.MustCompile(`^` + suffixPattern)

// suffixOf is the suffix a FindStringSubmatchIndex of suffixRe or
// suffixAtRe found; the label starts the match, as the pattern says.
func suffixOf(s string, m []int) (suffix, bool) {
	if m == nil {
		return suffix{}, false
	}
	if label := max(m[2], m[4]); label != m[0] {
		panic(fmt.Sprintf("%q: the label starts at %d, the match at %d", s, label, m[0]))
	}
	return suffix{start: m[0], directDial: m[2] < 0, digits: [2]int{m[6], m[7]}}, true
}

// suffixDiffers reports how suffixAt, at the given positions of s, and
// findSuffix differ from the regexp, or "".
func suffixDiffers(s string, at ...int) string {
	for _, i := range at {
		got, ok := suffixAt(s[i:])
		want, wantOK := suffixOf(s[i:], suffixAtRe.FindStringSubmatchIndex(s[i:]))
		if ok != wantOK || got != want {
			return fmt.Sprintf("suffixAt(%q) = %v %v, regexp %v %v", s[i:], got, ok, want, wantOK)
		}
	}
	got, ok := findSuffix(s)
	want, wantOK := suffixOf(s, suffixRe.FindStringSubmatchIndex(s))
	if ok != wantOK || got != want {
		return fmt.Sprintf("findSuffix(%q) = %v %v, regexp %v %v", s, got, ok, want, wantOK)
	}
	return ""
}

// TestSuffixAgreesWithRegexp tries every label in several cases and
// spellings with every kind of separator and ending.
func TestSuffixAgreesWithRegexp(t *testing.T) {
	var labels []string
	for _, l := range append(append([]string{";ext=", "; EXT =", ";\text\t=", ";ex=", ";ext"}, extLabels...), directDialLabels...) {
		labels = append(labels, l, strings.ToUpper(l), strings.ReplaceAll(strings.ReplaceAll(l, "k", "\u212a"), "s", "\u017f"),
			l[:len(l)-1], l+"e")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	found := 0
	for _, label := range labels {
		for _, sep := range []string{"", " ", ": ", ".", " . - ", "\u2013", ":-", "-:", "..", " \u2013 ", "\u00a0", "x"} {
			for _, end := range []string{"12", "1", "12345678", "123456789", "12 )#", "12a", "12 3", ""} {
				// One of the texts before the label at random: regexps are
				// slow under the race detector.
				before := []string{"", "0221 4711 ", "0221 4711-0, ", "Box "}[rng.IntN(4)]
				s := before + label + sep + end
				if diff := suffixDiffers(s, 0, len(before)); diff != "" {
					t.Error(diff)
				}
				if _, ok := findSuffix(s); ok {
					found++
				}
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts have a suffix: the generator is broken", found)
	}
}

// FuzzSuffixAt holds suffixAt and findSuffix to the regexp on any text.
func FuzzSuffixAt(f *testing.F) {
	for _, s := range referenceCorpus {
		f.Add(s)
	}
	for _, s := range []string{"0221 4711 Kl.- 12", "x 12 #)", ";ext=5", "0221 4711 \u2013 Durchwahl: \u201312", "Apparat.. 3",
		"0221 4711 \u212a\u2113. 12", "NST 1", "poste 12", "extn12", "\u017fx 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		every := make([]int, len(s)+1)
		for i := range every {
			every[i] = i
		}
		if diff := suffixDiffers(s, every...); diff != "" {
			t.Fatal(diff)
		}
	})
}
