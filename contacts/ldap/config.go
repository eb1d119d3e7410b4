package ldap

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	goldap "github.com/go-ldap/ldap/v3"

	"deskcti/contacts"
)

// Defaults applied by New to zero fields of Config.
const (
	// DefaultNumberFilter finds entries having a number that contains the
	// caller's last digits in order; %s is replaced by those digits joined
	// with "*" ("1*4*7*1*1*2*3"), so that every way of writing the number
	// matches and Active Directory, which compares numbers as plain strings,
	// finds "+49 221 4711-23" too.
	DefaultNumberFilter = "(|(telephoneNumber=*%s)(mobile=*%s)(homePhone=*%s)(ipPhone=*%s)" +
		"(facsimileTelephoneNumber=*%s)(otherTelephone=*%s))"
	// DefaultSearchFilter finds entries by name or company; %s is replaced by
	// one word of the query, escaped. Several words must all match.
	DefaultSearchFilter = "(|(cn=*%s*)(displayName=*%s*)(sn=%s*)(givenName=%s*)(o=%s*)(company=%s*))"
	// DefaultTimeout bounds one lookup including connecting and binding: a
	// caller's name is useless after the phone stopped ringing.
	DefaultTimeout = 3 * time.Second
	// DefaultCacheTTL is how long the answer for a number is kept.
	DefaultCacheTTL = 60 * time.Second
	// DefaultSizeLimit caps the entries one request returns.
	DefaultSizeLimit = 100
	// DefaultMatchDigits is how many trailing digits a lookup sends.
	DefaultMatchDigits = 7
	// DefaultExactDigits: numbers this short (internal extensions) only
	// match an identical number.
	DefaultExactDigits = 4
)

// Config describes one directory. Zero fields get the defaults above.
type Config struct {
	// URL is ldap://host[:389] or ldaps://host[:636]; nothing after the host.
	URL string
	// StartTLS upgrades an ldap:// connection to TLS before binding.
	StartTLS bool
	// InsecureSkipVerify accepts any server certificate; for tests and for
	// servers whose certificate cannot be fixed.
	InsecureSkipVerify bool
	// CACertFile is a PEM file of certificates trusted in addition to the
	// system's, for directories with a company CA.
	CACertFile string
	// BindDN is the account to bind as (a DN, or user@domain for Active
	// Directory); empty binds anonymously.
	BindDN string
	// BindPassword is BindDN's password. The caller fetches it from the
	// keyring; it is never logged nor put in an error.
	BindPassword string
	// BaseDN is where searches start, e.g. "dc=example,dc=com".
	BaseDN string
	// NumberFilter is the lookup filter; every %s is replaced by the
	// caller's trailing digits joined by "*" (see DefaultNumberFilter).
	NumberFilter string
	// SearchFilter is the name search filter; every %s is replaced by one
	// escaped word of the query (see DefaultSearchFilter).
	SearchFilter string
	// NameAttrs are tried in order for the name; default displayName, cn.
	// givenName and sn joined are the last resort.
	NameAttrs []string
	// CompanyAttrs are tried in order for the company; default o, company.
	CompanyAttrs []string
	// NumberAttrs maps the attributes holding numbers to their kind; the
	// default covers the inetOrgPerson and Active Directory attributes.
	NumberAttrs map[string]contacts.Kind
	// Timeout bounds one lookup or search, connecting included.
	Timeout time.Duration
	// CacheTTL is how long lookups by number are cached; negative disables.
	CacheTTL time.Duration
	// SizeLimit caps the entries one request asks the server for.
	SizeLimit int
	// MatchDigits is how many trailing digits of the caller's number are
	// sent to the server and must agree at least (all of them when the
	// number is shorter).
	MatchDigits int
	// ExactDigits: when either number has at most this many digits, as an
	// internal extension like "23" has, only an identical number matches,
	// so that extension 23 does not match every number ending in 23.
	// Negative disables the rule.
	ExactDigits int
}

// DefaultNumberAttrs returns the attribute to kind mapping used when
// Config.NumberAttrs is empty.
func DefaultNumberAttrs() map[string]contacts.Kind {
	return map[string]contacts.Kind{
		"telephoneNumber":          contacts.Work,
		"mobile":                   contacts.Mobile,
		"homePhone":                contacts.Home,
		"ipPhone":                  contacts.Work,
		"facsimileTelephoneNumber": contacts.Fax,
		"otherTelephone":           contacts.Other,
	}
}

// withDefaults returns cfg with zero fields filled in; maps and slices are
// copied so that the caller may change its Config afterwards.
func (cfg Config) withDefaults() Config {
	if cfg.NumberFilter == "" {
		cfg.NumberFilter = DefaultNumberFilter
	}
	if cfg.SearchFilter == "" {
		cfg.SearchFilter = DefaultSearchFilter
	}
	if len(cfg.NameAttrs) == 0 {
		cfg.NameAttrs = []string{"displayName", "cn"}
	} else {
		cfg.NameAttrs = append([]string(nil), cfg.NameAttrs...)
	}
	if len(cfg.CompanyAttrs) == 0 {
		cfg.CompanyAttrs = []string{"o", "company"}
	} else {
		cfg.CompanyAttrs = append([]string(nil), cfg.CompanyAttrs...)
	}
	attrs := DefaultNumberAttrs()
	if len(cfg.NumberAttrs) > 0 {
		attrs = make(map[string]contacts.Kind, len(cfg.NumberAttrs))
		for a, k := range cfg.NumberAttrs {
			attrs[a] = k
		}
	}
	cfg.NumberAttrs = attrs
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = DefaultCacheTTL
	}
	if cfg.SizeLimit == 0 {
		cfg.SizeLimit = DefaultSizeLimit
	}
	if cfg.MatchDigits == 0 {
		cfg.MatchDigits = DefaultMatchDigits
	}
	if cfg.ExactDigits == 0 {
		cfg.ExactDigits = DefaultExactDigits
	}
	return cfg
}

// endpoint is what New learns from Config.URL.
type endpoint struct {
	hostPort string // host:port to dial
	host     string // for the certificate check
	ldaps    bool
}

// validate checks cfg (defaults applied) and returns where to connect.
func (cfg Config) validate() (endpoint, error) {
	var ep endpoint
	u, err := url.Parse(cfg.URL)
	if cfg.URL == "" {
		return ep, errors.New("no server URL: want ldap://host:389 or ldaps://host:636")
	}
	if err != nil {
		return ep, fmt.Errorf("server URL %q: %w", cfg.URL, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "ldap":
	case "ldaps":
		ep.ldaps = true
	default:
		return ep, fmt.Errorf("server URL %q: scheme must be ldap:// or ldaps://", cfg.URL)
	}
	if u.Host == "" || u.Hostname() == "" {
		return ep, fmt.Errorf("server URL %q has no host", cfg.URL)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return ep, fmt.Errorf("server URL %q: only scheme, host and port belong there; put the base DN in BaseDN and the account in BindDN", cfg.URL)
	}
	ep.host = u.Hostname()
	port := u.Port()
	if port == "" {
		port = "389"
		if ep.ldaps {
			port = "636"
		}
	}
	ep.hostPort = net.JoinHostPort(ep.host, port)
	if cfg.StartTLS && ep.ldaps {
		return ep, fmt.Errorf("server URL %q is ldaps:// already; StartTLS is for ldap:// only", cfg.URL)
	}
	if strings.TrimSpace(cfg.BaseDN) == "" {
		return ep, errors.New("no base DN, e.g. dc=example,dc=com")
	}
	if _, err := goldap.ParseDN(cfg.BaseDN); err != nil {
		return ep, fmt.Errorf("base DN %q: %w", cfg.BaseDN, err)
	}
	if cfg.BindDN != "" && cfg.BindPassword == "" {
		return ep, fmt.Errorf("bind DN %q has no password (is it in the keyring?)", cfg.BindDN)
	}
	if err := checkTemplate("number filter", cfg.NumberFilter, "1*2*3"); err != nil {
		return ep, err
	}
	if err := checkTemplate("search filter", cfg.SearchFilter, "M\\c3\\bcller"); err != nil {
		return ep, err
	}
	for a := range cfg.NumberAttrs {
		if !validAttr(a) {
			return ep, fmt.Errorf("number attribute %q is not an attribute name", a)
		}
	}
	for _, a := range append(append([]string(nil), cfg.NameAttrs...), cfg.CompanyAttrs...) {
		if !validAttr(a) {
			return ep, fmt.Errorf("attribute %q is not an attribute name", a)
		}
	}
	switch {
	case cfg.Timeout < 0:
		return ep, fmt.Errorf("timeout %v is negative", cfg.Timeout)
	case cfg.SizeLimit < 0:
		return ep, fmt.Errorf("size limit %d is negative", cfg.SizeLimit)
	case cfg.MatchDigits < 1 || cfg.MatchDigits > 15:
		// E.164 numbers have at most 15 digits.
		return ep, fmt.Errorf("match digits %d: want 1 to 15", cfg.MatchDigits)
	}
	return ep, nil
}

// checkTemplate makes sure a filter template has a place for the value and
// is a valid filter once it is filled in, so that a typo in the settings is
// reported when they are saved, not when the phone rings.
func checkTemplate(what, tmpl, sample string) error {
	if !strings.Contains(tmpl, "%s") {
		return fmt.Errorf("%s %q has no %%s for the value", what, tmpl)
	}
	if _, err := goldap.CompileFilter(fill(tmpl, sample)); err != nil {
		return fmt.Errorf("%s %q: %w", what, tmpl, err)
	}
	return nil
}

// validAttr reports whether a is an attribute description (name or OID,
// with options), which keeps filter syntax out of the attribute lists.
func validAttr(a string) bool {
	if a == "" {
		return false
	}
	for _, r := range a {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == ';'
		if !ok {
			return false
		}
	}
	return true
}

// tlsConfig builds the TLS settings for ldaps:// and StartTLS.
func (cfg Config) tlsConfig(ep endpoint) (*tls.Config, error) {
	tc := &tls.Config{
		ServerName:         ep.host,
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: cfg.InsecureSkipVerify, //nolint:gosec // the user's explicit choice
	}
	if cfg.CACertFile == "" {
		return tc, nil
	}
	pem, err := os.ReadFile(cfg.CACertFile)
	if err != nil {
		return nil, fmt.Errorf("CA certificate: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA certificate %s: no PEM certificate in it", cfg.CACertFile)
	}
	tc.RootCAs = pool
	return tc, nil
}
