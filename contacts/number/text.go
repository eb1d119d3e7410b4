package number

import (
	"net/url"
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
//
// It also reports whether s is plain: nothing but ASCII digits, ASCII
// separators and, before the first digit, '+' ("+49 (0)221 4711-23"), as
// most numbers in address books are. Such a text is all number, and parse
// need not read it for anything else (readText).
func appendNumberPart(dst []byte, s string) (plus bool, digits []byte, plain bool) {
	start := len(dst)
	plain = true
	i := 0
	// Up to the first digit: a '+' there counts. Bytes beyond ASCII are
	// never digits or '+', so they need no decoding here.
	for ; i < len(s); i++ {
		k := byteClass[s[i]]
		if k == classDigit {
			break
		}
		plus = plus || k == classPlus
		plain = plain && (k == classPlus || k == classSeparator)
	}
	for i < len(s) {
		c := s[i]
		k := byteClass[c]
		if k-classDigit < 2 { // a digit or an ASCII separator, most bytes
			// Appending every byte and taking back all but digits spares
			// the branch on digit or separator, which is a coin toss.
			dst = append(dst, c)
			dst = dst[:len(dst)-int(k-classDigit)]
			i++
			continue
		}
		if k != classNonASCII {
			return plus, dst[start:], false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSeparator(r) {
			return plus, dst[start:], false
		}
		plain = false
		i += n
	}
	return plus, dst[start:], plain
}

// The classes of bytes for appendNumberPart: 0 is any other ASCII
// character.
const (
	classDigit     = 1 + iota
	classSeparator // ASCII separators; classDigit + 1, for appendNumberPart
	classPlus
	classNonASCII // part of a UTF-8 sequence
)

var byteClass = func() (t [256]byte) {
	for c := range t {
		switch r := rune(c); {
		case r >= utf8.RuneSelf:
			t[c] = classNonASCII
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
