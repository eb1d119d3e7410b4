package ldap

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/contacts"
)

func TestNewValidation(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.txt")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	ok := Config{URL: "ldap://dc1.example.com", BaseDN: "dc=example,dc=com"}
	tests := []struct {
		name string
		mod  func(*Config)
		want string // in the error; "" means valid
	}{
		{"minimal", func(*Config) {}, ""},
		{"ldaps with port", func(c *Config) { c.URL = "ldaps://dc1.example.com:3269" }, ""},
		{"trailing slash", func(c *Config) { c.URL += "/" }, ""},
		{"upn bind", func(c *Config) { c.BindDN, c.BindPassword = "svc-cti@example.com", "x" }, ""},
		{"no URL", func(c *Config) { c.URL = "" }, "no server URL"},
		{"http", func(c *Config) { c.URL = "http://dc1" }, "ldap:// or ldaps://"},
		{"no host", func(c *Config) { c.URL = "ldap://" }, "no host"},
		{"base in URL", func(c *Config) { c.URL = "ldap://dc1/dc=example,dc=com" }, "put the base DN in BaseDN"},
		{"no base", func(c *Config) { c.BaseDN = " " }, "no base DN"},
		{"bad base", func(c *Config) { c.BaseDN = "example.com" }, "base DN"},
		{"starttls on ldaps", func(c *Config) { c.URL, c.StartTLS = "ldaps://dc1", true }, "StartTLS is for ldap://"},
		{"bind without password", func(c *Config) { c.BindDN = "cn=cti,dc=example,dc=com" }, "has no password"},
		{"number filter without %s", func(c *Config) { c.NumberFilter = "(telephoneNumber=*)" }, "no %s"},
		{"number filter broken", func(c *Config) { c.NumberFilter = "(|(telephoneNumber=*%s)" }, "number filter"},
		{"search filter broken", func(c *Config) { c.SearchFilter = "cn=%s" }, "search filter"},
		{"bad number attr", func(c *Config) { c.NumberAttrs = map[string]contacts.Kind{"mobile)(x": contacts.Mobile} }, "not an attribute"},
		{"bad name attr", func(c *Config) { c.NameAttrs = []string{"cn", ""} }, "not an attribute"},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }, "negative"},
		{"negative size", func(c *Config) { c.SizeLimit = -1 }, "negative"},
		{"match digits", func(c *Config) { c.MatchDigits = 16 }, "match digits"},
		{"CA missing", func(c *Config) { c.CACertFile = filepath.Join(dir, "nope.pem") }, "CA certificate"},
		{"CA not PEM", func(c *Config) { c.CACertFile = notPEM }, "no PEM certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.mod(&cfg)
			s, err := New(cfg)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("New accepted %+v", cfg)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not say %q", err, tt.want)
			}
			if s != nil {
				t.Fatal("a Source next to an error")
			}
		})
	}
}

func TestNewDefaultsAndName(t *testing.T) {
	attrs := map[string]contacts.Kind{"telephoneNumber": contacts.Work}
	cfg := Config{URL: "ldaps://dc1.example.com/", BaseDN: "ou=Users,dc=example,dc=com",
		BindDN: "svc@example.com", BindPassword: "pw", NumberAttrs: attrs}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Name(), "ldap:ldaps://dc1.example.com/ou=Users,dc=example,dc=com"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if s.ep.hostPort != "dc1.example.com:636" || !s.ep.ldaps {
		t.Errorf("endpoint %+v, want dc1.example.com:636 over TLS", s.ep)
	}
	if s.tls.ServerName != "dc1.example.com" {
		t.Errorf("TLS server name %q", s.tls.ServerName)
	}
	if s.cfg.Timeout != DefaultTimeout || s.cfg.CacheTTL != DefaultCacheTTL || s.cfg.MatchDigits != DefaultMatchDigits {
		t.Errorf("defaults not applied: %+v", s.cfg)
	}
	// The Source keeps its own copy of the map.
	attrs["mobile"] = contacts.Mobile
	if len(s.nums) != 1 || s.nums[0].name != "telephoneNumber" {
		t.Errorf("number attributes %+v, want only telephoneNumber", s.nums)
	}

	d, err := New(Config{URL: "ldap://dc1", BaseDN: "dc=x"})
	if err != nil {
		t.Fatal(err)
	}
	if d.ep.hostPort != "dc1:389" {
		t.Errorf("default port: %q", d.ep.hostPort)
	}
	var names []string
	for _, n := range d.nums {
		names = append(names, n.name)
	}
	want := "telephoneNumber ipPhone mobile homePhone facsimileTelephoneNumber otherTelephone"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("number attribute order %q, want %q", got, want)
	}
}

// Waiting for the connection, held by a slow request, ends with the
// caller's deadline.
func TestLockHonoursContext(t *testing.T) {
	s, err := New(Config{URL: "ldap://127.0.0.1:1", BaseDN: "dc=example,dc=test"})
	if err != nil {
		t.Fatal(err)
	}
	s.mu <- struct{}{} // a request in progress
	defer s.unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := s.LookupNumber(ctx, "+49221471123", ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("LookupNumber: %v, want a deadline error", err)
	}
	if _, err := s.Search(ctx, "Müller", 5); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Search: %v, want a deadline error", err)
	}
	// Nothing to ask: no wait at all.
	if got, err := s.LookupNumber(ctx, "", "anonymous"); got != nil || err != nil {
		t.Fatalf("no digits: %v, %v", got, err)
	}
	if got, err := s.Search(ctx, "  ", 5); got != nil || err != nil {
		t.Fatalf("blank query: %v, %v", got, err)
	}
}
