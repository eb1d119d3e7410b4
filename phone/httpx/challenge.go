package httpx

import "strings"

// challenge is one authentication challenge of a WWW-Authenticate header.
type challenge struct {
	scheme string            // lower case: "basic", "digest", ...
	params map[string]string // names lower case, values unquoted
}

// parseChallenges parses WWW-Authenticate header values (RFC 9110 11.6.1):
// a comma separated list of challenges, each a scheme followed by either a
// token68 or comma separated name=value parameters, values being tokens or
// quoted strings. Several challenges may share one header line, which is
// why a token not followed by '=' starts the next challenge. Phones send
// sloppy headers, so the parser never fails: it keeps what it understood
// and skips what it did not.
func parseChallenges(values []string) []challenge {
	var out []challenge
	for _, v := range values {
		p := &authScanner{s: v}
		for {
			p.skip(" \t,")
			if p.done() {
				break
			}
			scheme := p.token()
			if scheme == "" {
				p.skipPast(',') // garbage: resynchronise at the next comma
				continue
			}
			ch := challenge{scheme: strings.ToLower(scheme), params: map[string]string{}}
			p.params(ch.params)
			out = append(out, ch)
		}
	}
	return out
}

// authScanner walks one header value.
type authScanner struct {
	s string
	i int
}

func (p *authScanner) done() bool { return p.i >= len(p.s) }

func (p *authScanner) skip(set string) {
	for p.i < len(p.s) && strings.IndexByte(set, p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *authScanner) skipPast(c byte) {
	for p.i < len(p.s) && p.s[p.i] != c {
		p.i++
	}
	if p.i < len(p.s) {
		p.i++
	}
}

func (p *authScanner) token() string {
	start := p.i
	for p.i < len(p.s) && isTchar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// params reads the parameters after a scheme until the next challenge (a
// token that is not followed by '=') or the end.
func (p *authScanner) params(into map[string]string) {
	for {
		p.skip(" \t,")
		if p.done() {
			return
		}
		mark := p.i
		name := p.token()
		if name == "" {
			if p.s[p.i] == '=' {
				p.skip("=") // tail of a token68 ("abc==")
				continue
			}
			p.skipPast(',')
			continue
		}
		p.skip(" \t")
		if p.done() || p.s[p.i] != '=' {
			// Not a parameter: the next challenge's scheme ("Basic
			// realm=...") or a token68 (which nothing here uses; reading it
			// as a scheme without parameters is harmless).
			p.i = mark
			return
		}
		p.i++ // '='
		p.skip(" \t")
		if !p.done() && p.s[p.i] == '=' {
			// token68 ending in "==": not a parameter.
			p.skip("=")
			continue
		}
		var value string
		if !p.done() && p.s[p.i] == '"' {
			value = p.quoted()
		} else {
			value = p.value()
		}
		key := strings.ToLower(name)
		if _, dup := into[key]; !dup { // the first occurrence wins
			into[key] = value
		}
	}
}

// value reads an unquoted parameter value. Some phones send characters a
// strict token excludes (a nonce with '/' or '='), so it runs to the next
// comma or blank.
func (p *authScanner) value() string {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != ' ' && p.s[p.i] != '\t' {
		p.i++
	}
	return p.s[start:p.i]
}

// quoted reads a quoted string starting at '"', undoing backslash escapes;
// an unterminated string runs to the end of the header.
func (p *authScanner) quoted() string {
	var b strings.Builder
	for p.i++; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; c {
		case '"':
			p.i++
			return b.String()
		case '\\':
			if p.i+1 < len(p.s) {
				p.i++
				b.WriteByte(p.s[p.i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isTchar is RFC 9110's token character.
func isTchar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
