package phonesim

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
)

// newCertificate makes a self-signed certificate like the ones phones make
// for themselves: the model as common name, valid for the loopback
// addresses and the address the sim listens on.
func newCertificate(model, org string, ip net.IP) (*tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("phonesim certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("phonesim certificate serial: %w", err)
	}
	ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	if ip != nil && !ip.IsUnspecified() && !ip.IsLoopback() {
		ips = append(ips, ip)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: model, Organization: []string{org}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IPAddresses:           ips,
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("phonesim certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("phonesim certificate: %w", err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// CertFingerprint is the SHA-256 of a DER certificate as upper-case hex
// bytes separated by ':', the form Fingerprint returns (and browsers show).
func CertFingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// Fingerprint is the SHA-256 fingerprint of the current certificate, ""
// without TLS.
func (s *Sim) Fingerprint() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cert == nil {
		return ""
	}
	return CertFingerprint(s.cert.Certificate[0])
}

// RotateCertificate replaces the certificate with a new self-signed one at
// the same address, as a phone does after a factory reset or firmware
// update. Idle keep-alive connections are closed so that clients meet the
// new certificate on their next request instead of reusing a connection
// made with the old one.
func (s *Sim) RotateCertificate() error {
	if !s.opts.TLS {
		return fmt.Errorf("phonesim: rotate certificate: TLS is off")
	}
	c, err := newCertificate(s.opts.Model, string(s.opts.Vendor), s.listenIP)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cert = c
	s.mu.Unlock()
	// Disabling keep-alives closes the idle connections; switch them on again.
	s.srv.SetKeepAlivesEnabled(false)
	s.srv.SetKeepAlivesEnabled(true)
	return nil
}

// getCertificate serves the current certificate to every handshake.
func (s *Sim) getCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cert, nil
}
