package carddav

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// ErrUnauthorized matches (errors.Is) a Load error caused by the server
// rejecting the user name or password (HTTP 401).
var ErrUnauthorized = errors.New("user name or password rejected")

// StatusError is an HTTP error status from the CardDAV server.
type StatusError struct {
	Code   int
	Method string
	// Path is the request path; URLs here never carry credentials.
	Path string
	// User is the user name that was sent, so that a 401 says whose
	// credentials failed.
	User string
	// Text is the start of a plain-text error body, if the server sent one.
	Text string
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s %s: HTTP %d %s", e.Method, e.Path, e.Code, http.StatusText(e.Code))
	if e.Code == http.StatusUnauthorized {
		return fmt.Sprintf("%s: %s (user %q)", msg, ErrUnauthorized, e.User)
	}
	if e.Text != "" {
		msg += ": " + e.Text
	}
	return msg
}

// Is lets errors.Is(err, ErrUnauthorized) recognise a 401.
func (e *StatusError) Is(target error) bool {
	return target == ErrUnauthorized && e.Code == http.StatusUnauthorized
}

// hasStatus reports whether err is a StatusError with one of codes.
func hasStatus(err error, codes ...int) bool {
	var se *StatusError
	if !errors.As(err, &se) {
		return false
	}
	for _, c := range codes {
		if se.Code == c {
			return true
		}
	}
	return false
}

const maxRedirects = 5

// authDoer is the webdav.HTTPClient handed to go-webdav. It adds Basic
// auth, follows redirects itself and turns error statuses into
// *StatusError: go-webdav's own error type is internal and cannot be
// inspected from here.
type authDoer struct {
	http       *http.Client
	user, pass string
}

func newAuthDoer(user, pass string, timeout time.Duration, insecure bool, rt http.RoundTripper) *authDoer {
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		if insecure {
			// The user's explicit choice, for self-signed NAS certificates.
			t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		}
		rt = t
	}
	return &authDoer{
		http: &http.Client{
			Transport: rt,
			Timeout:   timeout,
			// net/http turns a redirected PROPFIND or REPORT into a GET
			// (301/302) and would send the password to any host; Do
			// follows redirects itself.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		user: user,
		pass: pass,
	}
}

// Do sends req with credentials, following same-origin redirects (such as
// /.well-known/carddav) with the method and body unchanged.
func (d *authDoer) Do(req *http.Request) (*http.Response, error) {
	for n := 0; ; n++ {
		if d.user != "" || d.pass != "" {
			req.SetBasicAuth(d.user, d.pass)
		}
		resp, err := d.http.Do(req)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			next, err := d.redirect(req, resp, n)
			resp.Body.Close()
			if err != nil {
				return nil, err
			}
			req = next
			continue
		}
		if resp.StatusCode >= 400 {
			return nil, d.statusError(req, resp)
		}
		return resp, nil
	}
}

// redirect builds the request that follows resp's Location.
func (d *authDoer) redirect(req *http.Request, resp *http.Response, n int) (*http.Request, error) {
	if n >= maxRedirects {
		return nil, fmt.Errorf("%s %s: too many redirects", req.Method, req.URL.Path)
	}
	loc, err := resp.Location()
	if err != nil {
		return nil, fmt.Errorf("%s %s: redirect without usable Location: %w", req.Method, req.URL.Path, err)
	}
	if loc.Scheme != req.URL.Scheme || loc.Host != req.URL.Host {
		// Credentials go only to the configured server.
		loc.User = nil
		return nil, fmt.Errorf("%s %s: server redirects to %s; configure that URL instead", req.Method, req.URL.Path, loc)
	}
	next := req.Clone(req.Context())
	next.URL = loc
	next.Host = ""
	if req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			return nil, fmt.Errorf("%s %s: cannot repeat request body for redirect", req.Method, req.URL.Path)
		}
		if next.Body, err = req.GetBody(); err != nil {
			return nil, fmt.Errorf("%s %s: redirect: %w", req.Method, req.URL.Path, err)
		}
	}
	return next, nil
}

// statusError consumes resp and describes it.
func (d *authDoer) statusError(req *http.Request, resp *http.Response) error {
	defer resp.Body.Close()
	se := &StatusError{Code: resp.StatusCode, Method: req.Method, Path: req.URL.Path, User: d.user}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		se.Text = strings.Join(strings.Fields(string(b)), " ")
	}
	return se
}
