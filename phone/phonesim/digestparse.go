package phonesim

import (
	"errors"
	"fmt"
	"strings"
)

// parseAuthParams parses the parameters of a Digest Authorization header
// (without the "Digest " prefix): comma separated name=value pairs where the
// value is a token or a quoted string with backslash escapes (RFC 7616 3.4).
// Names are returned lower-case; a repeated name is an error because it
// would let a client smuggle a second value past the checks.
func parseAuthParams(s string) (map[string]string, error) {
	out := map[string]string{}
	i := 0
	for {
		i = skipSpaceAndCommas(s, i)
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && isTokenByte(s[i]) {
			i++
		}
		if i == start {
			return nil, fmt.Errorf("auth params: bad character %q at %d", s[i], i)
		}
		name := strings.ToLower(s[start:i])
		i = skipSpace(s, i)
		if i >= len(s) || s[i] != '=' {
			return nil, fmt.Errorf("auth params: %s without value", name)
		}
		i = skipSpace(s, i+1)
		var value string
		if i < len(s) && s[i] == '"' {
			var err error
			value, i, err = quotedString(s, i)
			if err != nil {
				return nil, fmt.Errorf("auth params: %s: %w", name, err)
			}
		} else {
			vs := i
			for i < len(s) && isTokenByte(s[i]) {
				i++
			}
			value = s[vs:i]
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("auth params: %s given twice", name)
		}
		out[name] = value
		i = skipSpace(s, i)
		if i < len(s) && s[i] != ',' {
			return nil, fmt.Errorf("auth params: junk after %s", name)
		}
	}
	return out, nil
}

var errUnterminated = errors.New("unterminated quoted string")

// quotedString reads the quoted string starting at s[i] == '"' and returns
// its unescaped content and the index after the closing quote.
func quotedString(s string, i int) (string, int, error) {
	var b strings.Builder
	for i++; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return b.String(), i + 1, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, errUnterminated
			}
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, errUnterminated
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func skipSpaceAndCommas(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == ',') {
		i++
	}
	return i
}

// isTokenByte is RFC 9110's tchar.
func isTokenByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
