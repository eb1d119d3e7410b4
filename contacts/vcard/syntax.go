package vcard

import "strings"

// valueColon finds the ':' that ends a line's name and parameters,
// skipping those inside quoted parameter values.
func valueColon(l []byte) (int, error) {
	quoted := false
	for i, c := range l {
		switch {
		case quoted:
			quoted = c != '"'
		case c == '"' && i > 0 && (l[i-1] == '=' || l[i-1] == ','):
			quoted = true
		case c == ':':
			return i, nil
		}
	}
	if quoted {
		return -1, errBadQuote
	}
	return -1, errNoColon
}

// splitHead calls fn for each part of s between seps that are not inside
// a quoted parameter value. A quote opens only right after '=' or ',', as
// RFC 6350 allows, so that a stray '"' in a 2.1 line is just a character.
func splitHead(s []byte, sep byte, fn func([]byte)) {
	quoted := false
	from := 0
	for i, c := range s {
		switch {
		case quoted:
			quoted = c != '"'
		case c == '"' && (i == from || s[i-1] == '=' || s[i-1] == ','):
			quoted = true
		case c == sep:
			fn(s[from:i])
			from = i + 1
		}
	}
	fn(s[from:])
}

// unquote strips the double quotes around a parameter value.
func unquote(v []byte) []byte {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}

// validName reports whether b is a property or group name: letters,
// digits, '-' (and '_', which some exporters use).
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !nameByte(c) {
			return false
		}
	}
	return true
}

func nameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// paramKey upper-cases a parameter name and drops characters that could
// not be part of one, so that go-vcard always reads it back.
func paramKey(k []byte) string {
	b := make([]byte, 0, len(k))
	for _, c := range k {
		if nameByte(c) {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
		}
	}
	return string(b)
}

func appendUpper(out, b []byte) []byte {
	for _, c := range b {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		out = append(out, c)
	}
	return out
}

// appendParamValue writes v so that go-vcard reads it back: quoted when it
// holds a separator. go-vcard reads quoted values with strconv.UnquoteChar,
// so a backslash is doubled; a double quote cannot be in a parameter value
// at all and is dropped.
func appendParamValue(out []byte, v string) []byte {
	if !strings.ContainsAny(v, ";:,\"\\") {
		return append(out, v...)
	}
	out = append(out, '"')
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
		case '\\':
			out = append(out, '\\', '\\')
		default:
			out = append(out, v[i])
		}
	}
	return append(out, '"')
}

// appendOneLine writes a decoded value, turning line breaks (which
// quoted-printable can carry) into the "\n" escape.
func appendOneLine(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			out = append(out, '\\', 'n')
		case '\n':
			out = append(out, '\\', 'n')
		default:
			out = append(out, c)
		}
	}
	return out
}
