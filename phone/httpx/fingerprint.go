package httpx

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"deskcti/phone"
)

// FormatFingerprint is the SHA-256 fingerprint of a DER certificate as
// upper-case hex bytes separated by ':', the form browsers show.
func FormatFingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return formatHex(sum[:])
}

func formatHex(b []byte) string {
	h := strings.ToUpper(hex.EncodeToString(b))
	var sb strings.Builder
	sb.Grow(len(h) + len(h)/2)
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// NormalizeFingerprint accepts a SHA-256 fingerprint as people paste it
// (hex in any letter case, with or without ':' or spaces, optionally
// prefixed "SHA256:" or "sha256 Fingerprint=") and returns it in the form
// FormatFingerprint produces. It is the one place fingerprints are
// compared through.
func NormalizeFingerprint(s string) (string, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(strings.ToLower(t), "sha") {
		// "SHA256:AB:CD..." or "sha256 Fingerprint=AB:CD...": a fingerprint
		// itself never starts with "sh", so this is a label to drop.
		if j := strings.IndexAny(t, "=:"); j >= 0 {
			t = t[j+1:]
		}
	}
	var digits strings.Builder
	for _, c := range t {
		switch {
		case c == ':' || c == ' ' || c == '-':
		case isHexRune(c):
			digits.WriteRune(c)
		default:
			return "", fmt.Errorf("fingerprint contains %q, want hex digits", c)
		}
	}
	raw, err := hex.DecodeString(digits.String())
	if err != nil {
		return "", fmt.Errorf("fingerprint is not hex: %w", err)
	}
	if len(raw) != sha256.Size {
		return "", fmt.Errorf("fingerprint has %d bytes, a SHA-256 fingerprint has %d", len(raw), sha256.Size)
	}
	return formatHex(raw), nil
}

func isHexRune(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// certError is what the TLS verification callback returns; classify turns
// it into KindFingerprintChanged or KindUntrustedCertificate.
type certError struct {
	kind      phone.Kind
	presented string
}

func (e *certError) Error() string {
	if e.kind == phone.KindFingerprintChanged {
		return "certificate fingerprint " + e.presented + " is not the pinned one"
	}
	return "self-signed certificate " + e.presented + " is not trusted yet"
}

// verifier checks the phone's leaf certificate against the pin. Go's chain
// verification is switched off (InsecureSkipVerify) because phones present
// self-signed certificates; this check replaces it, it does not drop it.
type verifier struct {
	pin      string // normalised, "" when none
	insecure bool
	seen     func(fp string) // records the presented fingerprint
}

func (v verifier) verify(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("phone presented no certificate")
	}
	fp := FormatFingerprint(cs.PeerCertificates[0].Raw)
	if v.seen != nil {
		v.seen(fp)
	}
	switch {
	case v.pin != "":
		if fp != v.pin {
			return &certError{kind: phone.KindFingerprintChanged, presented: fp}
		}
		return nil
	case v.insecure:
		return nil
	default:
		return &certError{kind: phone.KindUntrustedCertificate, presented: fp}
	}
}

// tlsConfig is the client side of the TLS handshake for one phone.
func (v verifier) tlsConfig() *tls.Config {
	return &tls.Config{
		InsecureSkipVerify: true, // replaced by VerifyConnection, see verifier
		VerifyConnection:   v.verify,
	}
}

// FetchFingerprint connects to an https phone address and returns the
// fingerprint of the certificate it presents, without trusting it and
// without sending any HTTP request, so that the user can compare it with
// the one the phone's display or web UI shows before pinning it. The
// connection and handshake are bounded by connectTimeout (default 2s) and
// by ctx. Errors are *phone.Error without a Vendor.
func FetchFingerprint(ctx context.Context, baseURL string, connectTimeout time.Duration) (string, error) {
	return fetchFingerprint(ctx, "", baseURL, connectTimeout)
}

// FetchFingerprint is the package function for this client's phone, with
// the vendor in its errors.
func (c *Client) FetchFingerprint(ctx context.Context) (string, error) {
	return fetchFingerprint(ctx, c.opts.Vendor, c.opts.BaseURL, c.opts.ConnectTimeout)
}

func fetchFingerprint(ctx context.Context, vendor phone.Vendor, baseURL string, connectTimeout time.Duration) (string, error) {
	const op = "fetch certificate"
	base, err := NormalizeBaseURL(baseURL)
	if err != nil {
		return "", &phone.Error{Kind: phone.KindOther, Vendor: vendor, Op: op, Err: err}
	}
	u, _ := url.Parse(base) // NormalizeBaseURL parsed it already
	if u.Scheme != "https" {
		return "", &phone.Error{Kind: phone.KindOther, Vendor: vendor, Op: op,
			Err: fmt.Errorf("%s is plain http, there is no certificate", base)}
	}
	if connectTimeout <= 0 {
		connectTimeout = DefaultConnectTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	var presented string
	v := verifier{insecure: true, seen: func(fp string) { presented = fp }}
	d := &tls.Dialer{
		NetDialer: &net.Dialer{Timeout: connectTimeout},
		Config:    v.tlsConfig(),
	}
	conn, err := d.DialContext(ctx, "tcp", hostPort(u))
	if err != nil {
		return "", classify(vendor, op, err)
	}
	_ = conn.Close() // only the handshake was wanted
	return presented, nil
}

// hostPort is the address to dial for a normalised base URL.
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(u.Hostname(), "443")
	}
	return net.JoinHostPort(u.Hostname(), "80")
}

// SameFingerprint reports whether a and b name the same certificate,
// whatever their notation; an unreadable one never matches.
func SameFingerprint(a, b string) bool {
	na, errA := NormalizeFingerprint(a)
	nb, errB := NormalizeFingerprint(b)
	return errA == nil && errB == nil && na == nb
}
