package actions

import (
	"fmt"
	"strings"
)

// piece is a run of literal text or one placeholder of a template.
type piece struct {
	lit  string // literal text, when name is ""
	name string // the placeholder's name
	at   int    // byte offset of the piece in the template
}

// parse splits a template into pieces. A placeholder is "{" letters,
// digits or underscores "}"; "{{" is a literal "{"; any other brace is
// literal too, so JSON in an argument needs no escaping unless it has a
// "{word}" in it. A "{word}" that is no known placeholder is an error,
// so that a typo never reaches a CRM as literal text.
func parse(tmpl string) ([]piece, error) {
	var out []piece
	var lit strings.Builder
	litAt := 0
	flush := func(next int) {
		if lit.Len() > 0 {
			out = append(out, piece{lit: lit.String(), at: litAt})
			lit.Reset()
		}
		litAt = next
	}
	for i := 0; i < len(tmpl); {
		if tmpl[i] != '{' {
			lit.WriteByte(tmpl[i])
			i++
			continue
		}
		if strings.HasPrefix(tmpl[i:], "{{") {
			lit.WriteByte('{')
			i += 2
			continue
		}
		n := identLen(tmpl[i+1:])
		if n == 0 || i+1+n >= len(tmpl) || tmpl[i+1+n] != '}' {
			lit.WriteByte('{')
			i++
			continue
		}
		name := tmpl[i+1 : i+1+n]
		if _, ok := (Vars{}).value(name); !ok {
			return nil, unknownPlaceholder(name)
		}
		flush(i)
		out = append(out, piece{name: name, at: i})
		i += n + 2
		litAt = i
	}
	flush(len(tmpl))
	return out, nil
}

// identLen is the length of the run of [A-Za-z0-9_] at the start of s.
func identLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return i
		}
	}
	return len(s)
}

// hasPlaceholder reports whether s holds any "{word}", known or not.
func hasPlaceholder(s string) bool {
	p, err := parse(s)
	if err != nil {
		return true
	}
	for _, x := range p {
		if x.name != "" {
			return true
		}
	}
	return false
}

// unknownPlaceholder names the typo, the nearest real placeholder and all
// of them.
func unknownPlaceholder(name string) error {
	hint := ""
	if near := nearest(name); near != "" {
		hint = fmt.Sprintf("did you mean {%s}? ", near)
	}
	return fmt.Errorf("unknown placeholder {%s}; %sthe placeholders are %s (write {{ for a literal brace)", name, hint, placeholderList())
}

// nearest is the placeholder within two edits of name, or "".
func nearest(name string) string {
	best, bestD := "", 3
	for _, p := range placeholders {
		if d := distance(strings.ToLower(name), p); d < bestD {
			best, bestD = p, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Expand fills the placeholders of template from v, passing each value
// through escape (nil: unchanged). Values are inserted as they are: a
// value that contains "{number}" is not expanded again.
func Expand(template string, v Vars, escape func(string) string) (string, error) {
	pieces, err := parse(template)
	if err != nil {
		return "", err
	}
	return render(pieces, v, func(_ piece, s string) string {
		if escape == nil {
			return s
		}
		return escape(s)
	}), nil
}

// render joins pieces, each placeholder's value passed through escape.
func render(pieces []piece, v Vars, escape func(piece, string) string) string {
	var b strings.Builder
	for _, p := range pieces {
		if p.name == "" {
			b.WriteString(p.lit)
			continue
		}
		s, _ := v.value(p.name)
		b.WriteString(escape(p, s))
	}
	return b.String()
}
