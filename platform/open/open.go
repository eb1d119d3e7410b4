package open

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Opener opens a URL. URL is the real one; tests of code that opens URLs
// use a Recorder's Open method instead.
type Opener func(ctx context.Context, u string) error

// ErrRefused marks a URL that is never opened: a scheme outside Schemes, a
// remote or executable file URL, or text that is no URL at all.
var ErrRefused = errors.New("refused to open")

// ErrNoLauncher marks a system without any program that opens URLs
// (Linux without xdg-utils, gio or sensible-browser).
var ErrNoLauncher = errors.New("no program to open URLs")

// schemes are the ones deskcti opens; see Schemes.
var schemes = []string{"http", "https", "mailto", "tel", "callto", "sip", "file"}

// Schemes returns the URL schemes URL accepts, in lower case.
func Schemes() []string { return slices.Clone(schemes) }

// Allowed reports whether scheme (any case) is one URL accepts.
func Allowed(scheme string) bool { return slices.Contains(schemes, strings.ToLower(scheme)) }

// URL opens u with the system's default handler for its scheme. It
// returns once the launcher has handed the URL on, failed, or had a short
// while to do either (ctx may shorten that wait but never kills the
// launcher). Refused URLs start nothing and wrap ErrRefused.
func URL(ctx context.Context, u string) error {
	if err := Check(u); err != nil {
		return err
	}
	if err := system(ctx, u); err != nil {
		return fmt.Errorf("open %s: %w", Redact(u), err)
	}
	return nil
}

// Check reports whether URL would hand u to the system: nil, or an error
// wrapping ErrRefused that says why not.
func Check(u string) error {
	p, err := url.Parse(u)
	if err != nil {
		// url.Error quotes the whole input, which may hold a caller's data
		// or a CRM token: say only what kind of problem it is.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("%w: not a valid URL: %v", ErrRefused, err)
	}
	switch {
	case p.Scheme == "":
		return fmt.Errorf("%w: %q has no scheme; only %s URLs are opened", ErrRefused, clip(u), strings.Join(schemes, ", "))
	case !Allowed(p.Scheme):
		return fmt.Errorf("%w: the scheme %q is not allowed; only %s URLs are opened", ErrRefused, p.Scheme, strings.Join(schemes, ", "))
	case (p.Scheme == "http" || p.Scheme == "https") && p.Host == "":
		return fmt.Errorf("%w: %s URL without a host", ErrRefused, p.Scheme)
	case p.Scheme == "file":
		return checkFile(p)
	}
	return nil
}

// Redact shortens u to what may appear in a log or an error message: the
// scheme and host. Paths and queries may carry a caller's data or a token
// a CRM link needs.
func Redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" {
		return "URL"
	}
	if p.Host != "" {
		return p.Scheme + "://" + p.Host + "/…"
	}
	return p.Scheme + ":…"
}

// clip keeps a refused non-URL short enough for a message: it is usually
// a path such as /usr/bin/xterm, which is what the user needs to see.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
