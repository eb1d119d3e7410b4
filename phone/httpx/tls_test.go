package httpx

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"deskcti/phone"
)

func serverFingerprint(p *testPhone) string {
	return FormatFingerprint(p.srv.Certificate().Raw)
}

func TestPinnedFingerprintAccepted(t *testing.T) {
	p := newTestPhone(t, true, nil)
	fp := serverFingerprint(p)
	// Pinned in another spelling: lower case, no colons.
	pin := strings.ToLower(strings.ReplaceAll(fp, ":", ""))
	c := p.client(t, func(o *Options) { o.Fingerprint = pin })
	if _, err := c.Get(context.Background(), "probe", "/", ""); err != nil {
		t.Fatalf("Get with the right pin: %v", err)
	}
	if got := c.PeerFingerprint(); got != fp {
		t.Errorf("PeerFingerprint %q, want %q", got, fp)
	}
}

func TestFingerprintChanged(t *testing.T) {
	p := newTestPhone(t, true, nil)
	other := strings.Repeat("AB:", 31) + "AB"
	c := p.client(t, func(o *Options) { o.Fingerprint = other; o.Insecure = true })
	_, err := c.Get(context.Background(), "dial", "/command.htm", "number=1")
	var pe *phone.Error
	if !errors.As(err, &pe) || pe.Kind != phone.KindFingerprintChanged {
		t.Fatalf("error %v, want fingerprint-changed (the pin wins over Insecure)", err)
	}
	if pe.Fingerprint != serverFingerprint(p) {
		t.Errorf("presented fingerprint %q, want %q", pe.Fingerprint, serverFingerprint(p))
	}
	if n := len(p.requests()); n != 0 {
		t.Errorf("the phone received %d requests through an unverified connection", n)
	}
}

func TestUntrustedCertificate(t *testing.T) {
	p := newTestPhone(t, true, nil)
	c := p.client(t, nil)
	_, err := c.Get(context.Background(), "probe", "/", "")
	var pe *phone.Error
	if !errors.As(err, &pe) || pe.Kind != phone.KindUntrustedCertificate {
		t.Fatalf("error %v, want untrusted-certificate", err)
	}
	if pe.Fingerprint != serverFingerprint(p) {
		t.Errorf("fingerprint %q, want %q", pe.Fingerprint, serverFingerprint(p))
	}
	if n := len(p.requests()); n != 0 {
		t.Errorf("the phone received %d requests through an untrusted connection", n)
	}
}

func TestInsecureAcceptsAnyCertificate(t *testing.T) {
	p := newTestPhone(t, true, func(p *testPhone) { p.scheme, p.user, p.pass = "basic", "admin", "x" })
	c := p.client(t, func(o *Options) { o.Insecure = true })
	if _, err := c.Get(context.Background(), "probe", "/", ""); err != nil {
		t.Fatalf("Get insecure: %v", err)
	}
	if c.PeerFingerprint() != serverFingerprint(p) {
		t.Errorf("PeerFingerprint %q", c.PeerFingerprint())
	}
}

func TestHTTPSToPlainPhone(t *testing.T) {
	p := newTestPhone(t, false, nil)
	c := p.client(t, func(o *Options) { o.BaseURL = strings.Replace(p.srv.URL, "http://", "https://", 1); o.Insecure = true })
	_, err := c.Get(context.Background(), "probe", "/", "")
	if !phone.IsKind(err, phone.KindBadResponse) || !strings.Contains(err.Error(), "http://") {
		t.Errorf("error %v, want bad-response advising http://", err)
	}
}

func TestFetchFingerprint(t *testing.T) {
	p := newTestPhone(t, true, nil)
	fp, err := FetchFingerprint(context.Background(), p.srv.URL, 0)
	if err != nil {
		t.Fatal(err)
	}
	if fp != serverFingerprint(p) {
		t.Errorf("FetchFingerprint %q, want %q", fp, serverFingerprint(p))
	}
	if n := len(p.requests()); n != 0 {
		t.Errorf("fetching the fingerprint sent %d HTTP requests", n)
	}
	c := p.client(t, nil)
	if fp2, err := c.FetchFingerprint(context.Background()); err != nil || fp2 != fp {
		t.Errorf("Client.FetchFingerprint = %q, %v", fp2, err)
	}

	if _, err := FetchFingerprint(context.Background(), "http://127.0.0.1:1", 0); err == nil {
		t.Error("FetchFingerprint of an http URL: no error")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if _, err := FetchFingerprint(context.Background(), "https://"+addr, 0); !phone.IsKind(err, phone.KindUnreachable) {
		t.Errorf("closed port: %v, want unreachable", err)
	}
}
