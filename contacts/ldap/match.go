package ldap

import (
	"strings"

	goldap "github.com/go-ldap/ldap/v3"
)

// significant reduces a phone number as written to the digits that identify
// it: "(0)" as in "+49 (0)221 …" is dropped because it is not dialled after
// the country code, then everything but digits, then leading zeros, so that
// "+49 221 4711-23", "0049 221 471123" and "0221/471123" become
// "49221471123", "49221471123" and "221471123": each a suffix of the next
// longer form of the same number.
func significant(s string) string {
	s = strings.ReplaceAll(s, "(0)", "")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			if b.Len() == 0 && c == '0' {
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// matcher decides whether a stored number is the caller's.
type matcher struct {
	matchDigits int // trailing digits that must agree at least
	exactDigits int // numbers this short only match identical ones
}

// match reports whether the significant digits a (the caller) and b (a
// stored number) denote the same number: the shorter must be a suffix of the
// longer, the international, national and local forms of one number; and it
// must be at least matchDigits long (or all of a when a is shorter), so that
// a stored extension like "23" does not match every caller ending in 23.
// Both numbers having digits the other lacks (030 4711023 against
// 0221 4711023) is a different number however many digits agree at the end.
func (m matcher) match(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if len(a) <= m.exactDigits || len(b) <= m.exactDigits {
		return a == b
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	return len(short) >= min(m.matchDigits, len(a)) && strings.HasSuffix(long, short)
}

// digitPattern is the value put into Config.NumberFilter for the caller's
// significant digits a: its last matchDigits digits with "*" between them,
// which matches them however the number is written ("1*4*7*1*1*2*3" finds
// "+49 221 4711-23"). It also finds numbers that merely contain those digits
// in order; match sorts those out.
func digitPattern(a string, matchDigits int) string {
	if len(a) > matchDigits {
		a = a[len(a)-matchDigits:]
	}
	parts := make([]string, len(a))
	for i := range len(a) {
		// Digits need no escaping; escaping all the same keeps the rule
		// "every value goes through EscapeFilter" free of exceptions.
		parts[i] = goldap.EscapeFilter(a[i : i+1])
	}
	return strings.Join(parts, "*")
}

// fill replaces every %s in a filter template with value.
func fill(tmpl, value string) string {
	return strings.ReplaceAll(tmpl, "%s", value)
}

// searchFilter builds the name search filter for query: every word of it,
// escaped, must match the template, so "Hans Mül" and "Müller Hans" both
// find Hans Müller. It returns "" for a query without words.
func searchFilter(tmpl, query string) string {
	words := strings.Fields(query)
	const maxWords = 8 // a pasted paragraph is not a name
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return fill(tmpl, goldap.EscapeFilter(words[0]))
	}
	var b strings.Builder
	b.WriteString("(&")
	for _, w := range words {
		b.WriteString(fill(tmpl, goldap.EscapeFilter(w)))
	}
	b.WriteString(")")
	return b.String()
}
