package phonesim

import (
	"crypto/tls"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"deskcti/phone"
)

var fingerprintForm = regexp.MustCompile(`^([0-9A-F]{2}:){31}[0-9A-F]{2}$`)

// peerFingerprint fetches / and returns the fingerprint of the certificate
// the server presented.
func peerFingerprint(t *testing.T, hc *http.Client, url string) string {
	t.Helper()
	resp, err := hc.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		t.Fatal("no TLS connection state")
	}
	return CertFingerprint(resp.TLS.PeerCertificates[0].Raw)
}

func TestTLSFingerprintAndRotation(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, TLS: true})
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %q", s.URL())
	}
	fp := s.Fingerprint()
	if !fingerprintForm.MatchString(fp) {
		t.Fatalf("fingerprint %q is not upper-case colon hex", fp)
	}
	// Keep-alive client, as a driver would use.
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if got := peerFingerprint(t, hc, s.URL()); got != fp {
		t.Fatalf("served %s, Fingerprint says %s", got, fp)
	}
	// A verifying client refuses the self-signed certificate.
	if _, err := http.Get(s.URL() + "/"); err == nil {
		t.Error("self-signed certificate accepted by a verifying client")
	}
	if err := s.RotateCertificate(); err != nil {
		t.Fatal(err)
	}
	fp2 := s.Fingerprint()
	if fp2 == fp || !fingerprintForm.MatchString(fp2) {
		t.Fatalf("rotated fingerprint %q (was %q)", fp2, fp)
	}
	if got := peerFingerprint(t, hc, s.URL()); got != fp2 {
		t.Errorf("after rotation served %s, want %s", got, fp2)
	}

	plain := snomOpen(t)
	if plain.Fingerprint() != "" || plain.RotateCertificate() == nil {
		t.Error("plain HTTP sim has a certificate")
	}
}
