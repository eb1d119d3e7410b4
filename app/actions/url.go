package actions

import (
	"fmt"
	"net/url"
	"strings"

	"deskcti/platform/open"
)

// urlTemplate is an open template, checked once: where its query and
// fragment begin, and the scheme, user and host no expansion may change.
type urlTemplate struct {
	pieces          []piece
	query, fragment int // offsets of the first '?' and '#', len(template) when absent
	base            *url.URL
}

// parseURLTemplate checks an open template: known placeholders, a literal
// scheme deskcti opens, and no placeholder before the path.
func parseURLTemplate(tmpl string) (*urlTemplate, error) {
	pieces, err := parse(tmpl)
	if err != nil {
		return nil, err
	}
	firstPH := len(tmpl)
	for _, p := range pieces {
		if p.name != "" {
			firstPH = p.at
			break
		}
	}
	colon := strings.IndexByte(tmpl, ':')
	if colon < 0 || colon > firstPH {
		return nil, fmt.Errorf("%q does not start with a scheme such as https:, which may not come from a placeholder", tmpl)
	}
	// The authority (user, host, port) ends at the first '/', '?' or '#'
	// after "scheme://"; a placeholder there could send the caller's data,
	// and the user, to another server.
	authEnd := colon + 1
	if strings.HasPrefix(tmpl[colon+1:], "//") {
		authEnd = colon + 3
		if i := strings.IndexAny(tmpl[authEnd:], "/?#"); i >= 0 {
			authEnd += i
		} else {
			authEnd = len(tmpl)
		}
	}
	if firstPH < authEnd {
		return nil, fmt.Errorf("placeholder in the scheme or host of %q: placeholders may only stand in the path, query or fragment", tmpl)
	}
	base, err := url.Parse(render(pieces, Vars{}, func(_ piece, s string) string { return s }))
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid URL: %v", tmpl, err)
	}
	if !open.Allowed(base.Scheme) {
		return nil, fmt.Errorf("the scheme %q cannot be opened; use one of %s", base.Scheme, strings.Join(open.Schemes(), ", "))
	}
	t := &urlTemplate{pieces: pieces, query: len(tmpl), fragment: len(tmpl), base: base}
	if i := strings.IndexByte(tmpl, '#'); i >= 0 {
		t.fragment = i
	}
	if i := strings.IndexByte(tmpl[:t.fragment], '?'); i >= 0 {
		t.query = i
	}
	return t, nil
}

// expand fills in v, each value escaped for where it stands, and makes
// sure the result still points where the template does.
func (t *urlTemplate) expand(v Vars) (string, error) {
	s := render(t.pieces, v, t.escape)
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("the expanded URL is not valid: %v", err)
	}
	if u.Scheme != t.base.Scheme || u.Host != t.base.Host || u.User.String() != t.base.User.String() {
		return "", fmt.Errorf("refused: the caller's data would change the URL's destination from %s to %s",
			open.Redact(t.base.String()), open.Redact(s))
	}
	return s, nil
}

// escape encodes a value for its position. In the path it stays one
// segment ('/', '?', '#' encoded: url.PathEscape). In an http(s) query it
// stays one parameter value ('&', '=', '#', '+' encoded: url.QueryEscape).
// In any other query (mailto:?subject=) and in the fragment, which
// single-page CRMs route on ("#/search?q=…"), everything but letters,
// digits and -_.~ is encoded and a space is %20: there "+" may be taken
// literally (RFC 6068) and '&' would start a new parameter.
func (t *urlTemplate) escape(p piece, s string) string {
	switch {
	case p.at < t.query && p.at < t.fragment:
		return url.PathEscape(s)
	case p.at < t.fragment && (t.base.Scheme == "http" || t.base.Scheme == "https"):
		return url.QueryEscape(s)
	default:
		return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	}
}

// ExpandURL fills the placeholders of an open template from v, each value
// escaped for its place (url.QueryEscape in the query, url.PathEscape in
// the path, the query's escaping with %20 for spaces in the fragment and
// in a mailto: query). It refuses a template with a placeholder in its
// scheme or host, and a result whose scheme, user or host differs from
// the template's.
func ExpandURL(template string, v Vars) (string, error) {
	t, err := parseURLTemplate(template)
	if err != nil {
		return "", err
	}
	return t.expand(v)
}
