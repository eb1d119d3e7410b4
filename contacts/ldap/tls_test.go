//go:build unix

package ldap

import (
	"context"
	"crypto/tls"
	"errors"
	"slices"
	"strings"
	"testing"
)

// lookupOverTLS looks Hans Müller up and checks that the connection used
// for it is encrypted.
func lookupOverTLS(t *testing.T, s *Source) {
	t.Helper()
	got, err := s.LookupNumber(context.Background(), "+49221471123", "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got), []string{dnMueller}) {
		t.Fatalf("got %q", ids(got))
	}
	s.mu <- struct{}{}
	defer s.unlock()
	if state, ok := s.sess.l.TLSConnectionState(); !ok || !state.HandshakeComplete {
		t.Fatal("connection is not TLS")
	}
}

func TestTLS(t *testing.T) {
	srv := startSlapd(t, true)

	t.Run("StartTLS with CA file", func(t *testing.T) {
		lookupOverTLS(t, newSource(t, srv.URL, func(c *Config) { c.StartTLS, c.CACertFile = true, srv.CAFile }))
	})
	t.Run("ldaps with CA file", func(t *testing.T) {
		lookupOverTLS(t, newSource(t, srv.LDAPSURL, func(c *Config) { c.CACertFile = srv.CAFile }))
	})
	t.Run("ldaps insecure", func(t *testing.T) {
		lookupOverTLS(t, newSource(t, srv.LDAPSURL, func(c *Config) { c.InsecureSkipVerify = true }))
	})
	t.Run("StartTLS insecure", func(t *testing.T) {
		lookupOverTLS(t, newSource(t, srv.URL, func(c *Config) { c.StartTLS, c.InsecureSkipVerify = true, true }))
	})
	t.Run("plain ldap stays plain", func(t *testing.T) {
		s := newSource(t, srv.URL, nil)
		if _, err := s.LookupNumber(context.Background(), "+49221471123", ""); err != nil {
			t.Fatal(err)
		}
		if _, ok := s.sess.l.TLSConnectionState(); ok {
			t.Fatal("TLS without being asked to")
		}
	})

	t.Run("ldaps untrusted certificate", func(t *testing.T) {
		s := newSource(t, srv.LDAPSURL, nil)
		_, err := s.LookupNumber(context.Background(), "+49221471123", "")
		var verr *tls.CertificateVerificationError
		if !errors.As(err, &verr) {
			t.Fatalf("got %v, want a certificate verification error", err)
		}
		if !strings.Contains(err.Error(), "TLS handshake") {
			t.Errorf("error %q does not say TLS handshake", err)
		}
	})
	t.Run("StartTLS untrusted certificate", func(t *testing.T) {
		s := newSource(t, srv.URL, func(c *Config) { c.StartTLS = true })
		_, err := s.LookupNumber(context.Background(), "+49221471123", "")
		if err == nil || !strings.Contains(err.Error(), "StartTLS") || !strings.Contains(err.Error(), "certificate") {
			t.Fatalf("got %v, want a StartTLS certificate error", err)
		}
	})
}

func TestStartTLSNotOffered(t *testing.T) {
	srv := startSlapd(t, false) // no certificate configured
	s := newSource(t, srv.URL, func(c *Config) { c.StartTLS, c.InsecureSkipVerify = true, true })
	_, err := s.LookupNumber(context.Background(), "+49221471123", "")
	if err == nil || !strings.Contains(err.Error(), "StartTLS") {
		t.Fatalf("got %v, want a StartTLS error", err)
	}
	if errors.Is(err, ErrAuth) {
		t.Fatal("reported as a password problem")
	}
}
