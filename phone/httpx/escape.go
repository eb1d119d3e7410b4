package httpx

import "strings"

// QueryEscape percent-encodes s for use as a query value the phones read:
// every byte except the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~)
// and ':' and '@' (harmless in a query, and phones.md shows identities such
// as outgoing_uri=123@pbx unencoded) becomes upper-case %XX. So '*' is %2A,
// '#' is %23, '+' is %2B and a space is %20, never '+': the phones do not
// all read '+' as a space, and a dial string "+49..." must stay a plus.
func QueryEscape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || c == ':' || c == '@' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
