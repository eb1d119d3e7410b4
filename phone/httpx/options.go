package httpx

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"deskcti/phone"
)

// Default timeouts: a desk phone on the LAN answers in milliseconds, but old
// models take a while for a TLS handshake or a settings dump.
const (
	DefaultConnectTimeout = 2 * time.Second
	DefaultTimeout        = 5 * time.Second
)

// Options configure the client for one phone.
type Options struct {
	// Vendor goes into every error so the UI can give vendor-specific advice.
	Vendor phone.Vendor
	// BaseURL is http(s)://host[:port]; a bare host (or host:port) means http.
	BaseURL string
	// User and Password are the phone's web credentials; empty when the
	// phone has none (a factory-reset snom).
	User, Password string
	// ConnectTimeout bounds establishing the TCP connection (default 2s).
	ConnectTimeout time.Duration
	// Timeout bounds one call of Get or Post as a whole, including the
	// answer to an authentication challenge (default 5s).
	Timeout time.Duration
	// Insecure accepts any certificate. It only matters when Fingerprint is
	// empty: a pinned fingerprint is always enforced.
	Insecure bool
	// Fingerprint is the pinned SHA-256 fingerprint of the phone's leaf
	// certificate, hex with or without ':' in any letter case.
	Fingerprint string
}

// withDefaults fills in the timeouts and checks the rest.
func (o Options) withDefaults() (Options, *url.URL, error) {
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	base, err := NormalizeBaseURL(o.BaseURL)
	if err != nil {
		return o, nil, err
	}
	u, err := url.Parse(base)
	if err != nil { // NormalizeBaseURL already parsed it
		return o, nil, fmt.Errorf("phone address: %w", err)
	}
	o.BaseURL = base
	if o.Fingerprint != "" {
		fp, err := NormalizeFingerprint(o.Fingerprint)
		if err != nil {
			return o, nil, fmt.Errorf("pinned certificate fingerprint: %w", err)
		}
		o.Fingerprint = fp
	}
	return o, u, nil
}

// NormalizeBaseURL checks a phone address and returns it as
// scheme://host[:port] without a trailing slash. A bare host or host:port
// (also [v6addr]:port) means http. Paths, queries and credentials in the
// address are refused with an error that names the problem; the error never
// repeats a password.
func NormalizeBaseURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("phone address is empty")
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the whole address, password and all
		}
		return "", fmt.Errorf("phone address is not a valid URL: %w", err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("phone address: scheme %q not supported (use http or https)", u.Scheme)
	}
	if u.User != nil {
		return "", errors.New("phone address must not contain a user name or password; enter them in the credential fields")
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("phone address %q has no host", u.Redacted())
	}
	if port := u.Port(); port != "" {
		if !isPort(port) {
			return "", fmt.Errorf("phone address %q: bad port %q", u.Redacted(), port)
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return "", fmt.Errorf("phone address %q: empty port", u.Redacted())
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("phone address %q must be only scheme://host[:port], without a path or query", u.Redacted())
	}
	host := u.Hostname()
	if strings.Contains(host, ":") { // IPv6 literal, maybe with a zone
		addr, zone, _ := strings.Cut(host, "%")
		if net.ParseIP(addr) == nil || (zone != "" && !isHostName(zone)) {
			return "", fmt.Errorf("phone address: bad IPv6 address %q", host)
		}
		host = "[" + addr
		if zone != "" {
			host += "%25" + zone
		}
		host += "]"
	} else if !isHostName(host) {
		return "", fmt.Errorf("phone address: %q is neither an IP address nor a host name", host)
	}
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, nil
}

func isPort(p string) bool {
	if len(p) > 5 {
		return false
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n > 0 && n <= 65535
}

// isHostName accepts what a phone's address can be besides an IPv6
// literal: an IPv4 address or a DNS name (letters, digits, '-', '_', '.').
func isHostName(h string) bool {
	for _, c := range h {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return h != ""
}
