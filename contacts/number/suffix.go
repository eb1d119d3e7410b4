package number

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A suffix is what may follow a number at the end of a text: an extension
// that is dialled only after the far end answers ("ext. 12", "x12", "App.
// 12", ";ext=12") or a Durchwahl, the German direct-dial suffix, dialled
// as part of the number ("Durchwahl 23"; Klappe and DW in Austria). It is
// a label, separators (spaces, then ':' or '.', spaces, a dash, spaces:
// each may be missing), one to eight digits, and then nothing but spaces,
// closing brackets and '#' to the end. Letters of a label match in any
// case, and whatever folds to them: the Kelvin sign is a K.
//
// The tests hold this to suffixRe, the same as a regular expression:
// matching by hand costs a hundredth of a match of that regexp, which
// every "0221 4711-0, Durchwahl 23" needed.
type suffix struct {
	start      int    // where the label starts
	directDial bool   // a Durchwahl rather than an extension
	digits     [2]int // where its digits start and end
}

// extLabels and directDialLabels are the labels, but for ";ext=" (see
// semicolonExt), spelt out in lower case.
var (
	extLabels = []string{"ext", "ext.", "extension", "extension.", "extn", "extn.", "xt", "xt.", "xtension",
		"xtension.", "xtn", "xtn.", "x", "app", "app.", "apparat", "apparat.", "nst", "nst.", "nebenstelle", "poste", "#"}
	directDialLabels = []string{"durchwahl", "durchw", "durchw.", "dw", "dw.", "klappe", "kl."}
)

// suffixAt reports the suffix that s is, if it is one, in its offsets.
func suffixAt(s string) (suffix, bool) {
	// Labels and separators have no digits: the suffix's digits are the
	// first of s, whichever label it has.
	d0 := 0
	for d0 < len(s) && !isASCIIDigit(s[d0]) {
		d0++
	}
	d1 := d0
	for d1 < len(s) && isASCIIDigit(s[d1]) {
		d1++
	}
	if d1 == d0 || d1-d0 > 8 {
		return suffix{}, false
	}
	for _, c := range []byte(s[d1:]) {
		if !isRESpace(c) && c != ')' && c != '#' {
			return suffix{}, false
		}
	}
	m := suffix{digits: [2]int{d0, d1}}
	// Labels are tried in the regexp's order, extensions first; only
	// which kind matches matters, not which label of it.
	if end, ok := semicolonExt(s); ok && end <= d0 && labelSeparators(s[end:d0]) {
		return m, true
	}
	for _, kind := range [][]string{extLabels, directDialLabels} {
		for _, label := range kind {
			if end, ok := labelEnd(s, label); ok && end <= d0 && labelSeparators(s[end:d0]) {
				return m, true
			}
		}
		m.directDial = true
	}
	return suffix{}, false
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// labelEnd reports where label ends at the start of s, its letters read
// as the regexp's (?i) does.
func labelEnd(s, label string) (int, bool) {
	n := 0
	for i := 0; i < len(label); i++ {
		c := label[i]
		if n >= len(s) {
			return 0, false
		}
		if c < 'a' || c > 'z' {
			if s[n] != c {
				return 0, false
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		if !foldsTo(r, rune(c)) {
			return 0, false
		}
		n += size
	}
	return n, true
}

// foldsTo reports whether r is the lower-case ASCII letter c in some case
// (unicode.SimpleFold's orbit, as regexp's (?i) has it).
func foldsTo(r, c rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 == c
	}
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// semicolonExt is labelEnd for the URI-style label ";ext=", which may have
// spaces around "ext".
func semicolonExt(s string) (int, bool) {
	if s == "" || s[0] != ';' {
		return 0, false
	}
	i := skipRESpace(s, 1)
	n, ok := labelEnd(s[i:], "ext")
	if !ok {
		return 0, false
	}
	if i = skipRESpace(s, i+n); i < len(s) && s[i] == '=' {
		return i + 1, true
	}
	return 0, false
}

// labelSeparators reports whether t is what may stand between a label and
// its digits: spaces, ':' or '.', spaces, '-' or '–', spaces, each part
// possibly missing. The parts' characters differ, so reading each part as
// far as it goes is the only way to read t.
func labelSeparators(t string) bool {
	i := skipRESpace(t, 0)
	if i < len(t) && (t[i] == ':' || t[i] == '.') {
		i++
	}
	i = skipRESpace(t, i)
	if i < len(t) && t[i] == '-' {
		i++
	} else if strings.HasPrefix(t[i:], "\u2013") {
		i += len("\u2013")
	}
	return skipRESpace(t, i) == len(t)
}

func skipRESpace(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

// findSuffix finds the suffix that starts leftmost in s.
func findSuffix(s string) (suffix, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; {
		// A label starts with ';', '#' or one of these letters in either
		// case; a byte beyond ASCII may be a letter that folds to one
		// (the Kelvin sign is a K).
		case c == ';', s[i] == '#', c == 'e', c == 'x', c == 'a', c == 'n', c == 'p', c == 'd', c == 'k',
			s[i] >= utf8.RuneSelf:
			if m, ok := suffixAt(s[i:]); ok {
				m.start += i
				m.digits[0] += i
				m.digits[1] += i
				return m, true
			}
		}
	}
	return suffix{}, false
}

// splitSuffix separates a trailing extension or Durchwahl from the number
// in s. A Durchwahl is joined to the number: "0221 4711-0, Durchwahl 23"
// → "0221 4711-23", where the "-0" of a company's head number is replaced
// by the Durchwahl, as Germans write it.
func splitSuffix(s string) (body, ext string) {
	if !mayEndInLabel(s) {
		return s, "" // no label: spare the search, most numbers are like this
	}
	m, ok := findSuffix(s)
	return splitAt(s, m, ok)
}

// splitAt is splitSuffix given the suffix findSuffix found in s, if any.
func splitAt(s string, m suffix, ok bool) (body, ext string) {
	if !ok {
		return s, ""
	}
	if m.start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:m.start]); unicode.IsLetter(r) {
			return s, "" // "Box 12", "Text 12": a word, not a label
		}
	}
	body = strings.TrimRightFunc(s[:m.start], func(r rune) bool { return isSeparator(r) || r == ',' || r == ';' || r == ':' })
	if !hasDigit(body) {
		return s, "" // "Durchwahl 23" alone is the number itself
	}
	digits := s[m.digits[0]:m.digits[1]]
	if !m.directDial {
		return body, digits
	}
	return joinDirectDial(body, digits), ""
}

// mayEndInLabel is true for every s that ends in a suffix, and false for
// most numbers, even those with words before them ("Tel. 0221 4711-0"):
// a match ends in a label, separators, one to eight digits and closing
// brackets, spaces or '#'. Read backwards, that is the trailing [\s)#],
// all the digits before them (a label never ends in a digit, so the
// suffix's digits are all of them), the separators \s*[:.]?\s*[-–]?\s*,
// and then the last character of a label, which is an ASCII letter (none
// of the labels' last letters has a non-ASCII case fold), '.', '#' or '='.
// FuzzSplitSuffix holds it to that.
func mayEndInLabel(s string) bool {
	i := len(s)
	for i > 0 && (isRESpace(s[i-1]) || s[i-1] == ')' || s[i-1] == '#') {
		i--
	}
	end := i
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if n := end - i; n == 0 || n > 8 {
		return false
	}
	for i > 0 && isRESpace(s[i-1]) {
		i--
	}
	if i > 0 && s[i-1] == '-' {
		i--
	} else if strings.HasSuffix(s[:i], "\u2013") {
		i -= len("\u2013")
	}
	for i > 0 && isRESpace(s[i-1]) {
		i--
	}
	if i > 0 && (s[i-1] == ':' || s[i-1] == '.') {
		i--
	}
	for i > 0 && isRESpace(s[i-1]) {
		i--
	}
	if i == 0 {
		return false
	}
	c := s[i-1] | 0x20
	return c >= 'a' && c <= 'z' || s[i-1] == '.' || s[i-1] == '#' || s[i-1] == '='
}

// isRESpace is regexp's \s: [\t\n\f\r ].
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// joinDirectDial appends a Durchwahl to a number, replacing a trailing
// head-number "0" that stands apart ("4711-0", "4711 0").
func joinDirectDial(body, dw string) string {
	if n := len(body); n >= 2 && body[n-1] == '0' {
		if r, _ := utf8.DecodeLastRuneInString(body[:n-1]); isSeparator(r) {
			return body[:n-1] + dw
		}
	}
	return body + dw
}
