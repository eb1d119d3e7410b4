package number

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripURI reduces a tel:, callto:, sip: or sips: URI to its number part,
// without parameters: "sip:0221123@pbx;user=phone" → "0221123",
// "tel:+4930123;ext=5" → "+4930123", "tel:%2B4930123" → "+4930123". A tel:
// URI with a global phone-context ("tel:4711;phone-context=+49-221") gets
// the context in front: "+492214711". Text that is not such a URI is
// returned trimmed. Surrounding angle brackets and quotes, as in SIP
// headers, are dropped.
func StripURI(raw string) string {
	num, _, _ := splitURI(raw)
	return num
}

// splitURI is StripURI that also returns the extension parameter (";ext=")
// and whether raw was a URI at all.
func splitURI(raw string) (num, ext string, isURI bool) {
	if strings.IndexByte(raw, ':') < 0 {
		return strings.TrimSpace(raw), "", false // no scheme: most numbers
	}
	s := strings.Trim(strings.TrimSpace(raw), "<>\"' \t")
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok {
		return strings.TrimSpace(raw), "", false
	}
	switch strings.ToLower(scheme) {
	case "tel", "callto", "sip", "sips":
	default:
		return strings.TrimSpace(raw), "", false
	}
	rest = strings.TrimPrefix(rest, "//")
	// Browsers hand over "tel:%2B49…" as often as "tel:+49…".
	if u, err := url.PathUnescape(rest); err == nil {
		rest = u
	}
	scheme = strings.ToLower(scheme)
	if scheme == "sip" || scheme == "sips" {
		if i := strings.IndexByte(rest, '@'); i >= 0 {
			rest = rest[:i]
		}
	}
	// Skype-style "callto:+49…?call" and SIP headers "?subject=…".
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest = rest[:i]
	}
	if scheme == "callto" {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[:i]
		}
	}
	rest = strings.TrimRight(rest, "/")
	num, params, _ := strings.Cut(rest, ";")
	num = strings.TrimSpace(num)
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		key, val, _ := strings.Cut(p, "=")
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "ext":
			ext = Digits(val)
		case "phone-context":
			// RFC 3966: a local number inside a global prefix. Domain
			// contexts ("example.com") say nothing about digits.
			if ctx := Digits(val); strings.HasPrefix(ctx, "+") && !strings.HasPrefix(Digits(num), "+") {
				num = ctx + Digits(num)
			}
		}
	}
	return num, strings.TrimPrefix(ext, "+"), true
}

// Digits keeps the ASCII digits of s and a '+' that comes before the
// first digit, dropping everything else: "+49 (0)221-47" → "+49022147",
// "tel:+4930" → "+4930", "12+34" → "1234". A '+' with no digit after it
// gives "". The result is what callers compare when a number cannot be
// parsed.
func Digits(s string) string {
	b := make([]byte, 0, len(s))
	plus := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == '+' && len(b) == 0 && !plus:
			plus = true
		}
	}
	if len(b) == 0 {
		return ""
	}
	if plus {
		return "+" + string(b)
	}
	return string(b)
}

// appendNumberPart reads the number at the start of s the way people
// write it, appending its digits to dst: text before the first digit is
// skipped (a '+' there counts), then digits with the usual separators
// (spaces, dashes, dots, slashes, brackets) until anything else: "Tel. +49
// (0)221 4711-0 (Zentrale)" → true, "4902214710". Letters end the number
// rather than being read as vanity digits, which phonenumbers would do
// ("privat" → 774828).
func appendNumberPart(dst []byte, s string) (plus bool, digits []byte) {
	start := len(dst)
	i := 0
	// Up to the first digit: a '+' there counts.
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] == classDigit {
				break
			}
			plus = plus || c == '+'
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case classDigit:
				dst = append(dst, c)
			case classSeparator:
			default:
				return plus, dst[start:]
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSeparator(r) {
			break
		}
		i += n
	}
	return plus, dst[start:]
}

// The classes of ASCII characters for appendNumberPart: 0 is any other.
const (
	classDigit = 1 + iota
	classPlus
	classSeparator
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch r := rune(c); {
		case r >= '0' && r <= '9':
			t[c] = classDigit
		case r == '+':
			t[c] = classPlus
		case isSeparator(r):
			t[c] = classSeparator
		}
	}
	return t
}()

// isSeparator reports the characters people put between the digits of a
// phone number, including the dashes and spaces word processors insert.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '-', '.', '/', '(', ')', '[', ']', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// suffixRe finds what may follow a number at the end of s: an extension
// that is dialled only after the far end answers (ext. 12, x12, App. 12,
// ;ext=12) or a Durchwahl — the German direct-dial suffix, dialled as part
// of the number (Klappe and DW in Austria).
var suffixRe = regexp.MustCompile(suffixPattern)

const suffixPattern = `(?i)(?:(;\s*ext\s*=|e?xt(?:ension|n)?\.?|x|app(?:arat)?\.?|nst\.?|nebenstelle|poste|#)|(durchwahl|durchw\.?|dw\.?|klappe|kl\.))\s*[:.]?\s*[-\x{2013}]?\s*(\d{1,8})[\s)#]*$`

// suffixAt is suffixRe anchored at the start of the text: tried at the
// places a label can start, left to right, the first match is the
// leftmost one suffixRe finds, for a fraction of the cost of its search
// from every position (FuzzSplitSuffix compares the two).
var suffixAt = regexp.MustCompile(`^` + suffixPattern)

// findSuffix is suffixRe.FindStringSubmatchIndex(s).
func findSuffix(s string) []int {
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; {
		// A label starts with ';', '#' or one of these letters in either
		// case; a byte beyond ASCII may be a letter that folds to one
		// (the Kelvin sign is a K).
		case c == ';', s[i] == '#', c == 'e', c == 'x', c == 'a', c == 'n', c == 'p', c == 'd', c == 'k',
			s[i] >= utf8.RuneSelf:
			if m := suffixAt.FindStringSubmatchIndex(s[i:]); m != nil {
				for j := range m {
					if m[j] >= 0 {
						m[j] += i
					}
				}
				return m
			}
		}
	}
	return nil
}

// splitSuffix separates a trailing extension or Durchwahl from the number
// in s. A Durchwahl is joined to the number: "0221 4711-0, Durchwahl 23"
// → "0221 4711-23", where the "-0" of a company's head number is replaced
// by the Durchwahl, as Germans write it.
func splitSuffix(s string) (body, ext string) {
	if !mayEndInLabel(s) {
		return s, "" // no label: spare the regexp, most numbers are like this
	}
	return splitAt(s, findSuffix(s))
}

// splitAt is splitSuffix given where suffixRe matches s (m as from
// FindStringSubmatchIndex, nil for no match).
func splitAt(s string, m []int) (body, ext string) {
	if m == nil {
		return s, ""
	}
	label := m[2]
	if label < 0 {
		label = m[4]
	}
	if label > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:label]); unicode.IsLetter(r) {
			return s, "" // "Box 12", "Text 12": a word, not a label
		}
	}
	body = strings.TrimRightFunc(s[:m[0]], func(r rune) bool { return isSeparator(r) || r == ',' || r == ';' || r == ':' })
	if Digits(body) == "" {
		return s, "" // "Durchwahl 23" alone is the number itself
	}
	digits := s[m[6]:m[7]]
	if m[2] >= 0 {
		return body, digits
	}
	return joinDirectDial(body, digits), ""
}

// mayEndInLabel is true for every s that suffixRe matches, and false for
// most numbers, even those with words before them ("Tel. 0221 4711-0"):
// a match ends in a label, separators, one to eight digits and closing
// brackets, spaces or '#'. Read backwards, that is the trailing [\s)#],
// all the digits before them (a label never ends in a digit, so the
// regexp's digits are all of them), the separators \s*[:.]?\s*[-–]?\s*,
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

// withheld holds the words phone systems report instead of a number.
var withheld = map[string]bool{
	"anonymous": true, "unknown": true, "private": true, "restricted": true, "unavailable": true,
	"withheld": true, "anonym": true, "unbekannt": true, "privat": true, "unterdrückt": true,
	"nicht verfügbar": true, "clip no screening": true,
}

// IsE164 reports whether s is already unambiguous E.164: '+', a non-zero
// digit and 7 to 15 digits in all, nothing else. Sources use it to keep a
// stored "+4922147110" as it is without parsing.
func IsE164(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
