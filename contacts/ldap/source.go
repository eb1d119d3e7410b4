package ldap

import (
	"context"
	"crypto/tls"
	"fmt"
	"math"
	"strings"
	"sync/atomic"

	goldap "github.com/go-ldap/ldap/v3"

	"deskcti/contacts"
)

var _ contacts.Searcher = (*Source)(nil)

// Source is a directory asked per call. It is safe for concurrent use;
// requests share one connection and take turns on it.
type Source struct {
	cfg   Config
	ep    endpoint
	tls   *tls.Config
	name  string
	match matcher
	attrs []string     // attributes every search asks for
	nums  []numberAttr // cfg.NumberAttrs in the order numbers are listed
	cache *cache

	// mu is held while using sess; a channel so that waiting for it
	// honours the caller's context.
	mu   chan struct{}
	sess *session

	searches atomic.Int64 // search requests sent, for the tests
}

// New checks cfg, fills in the defaults and returns a Source. It does not
// connect: the first lookup does, so that a directory that is down when the
// program starts costs nothing but that lookup.
func New(cfg Config) (*Source, error) {
	cfg = cfg.withDefaults()
	ep, err := cfg.validate()
	if err != nil {
		return nil, fmt.Errorf("ldap config: %w", err)
	}
	tc, err := cfg.tlsConfig(ep)
	if err != nil {
		return nil, fmt.Errorf("ldap config: %w", err)
	}
	s := &Source{
		cfg:   cfg,
		ep:    ep,
		tls:   tc,
		name:  "ldap:" + strings.TrimSuffix(cfg.URL, "/") + "/" + cfg.BaseDN,
		match: matcher{matchDigits: cfg.MatchDigits, exactDigits: cfg.ExactDigits},
		nums:  orderNumberAttrs(cfg.NumberAttrs),
		cache: newCache(cfg.CacheTTL),
		mu:    make(chan struct{}, 1),
	}
	s.attrs = wantedAttrs(cfg, s.nums)
	return s, nil
}

// Name identifies the directory: "ldap:" + URL + "/" + base DN.
func (s *Source) Name() string { return s.name }

// LookupNumber returns the entries having the number e164 or, when it is
// empty, raw as received; see the package documentation for how numbers
// written differently are matched. The most certain matches come first.
// Answers, misses included, are cached for Config.CacheTTL.
func (s *Source) LookupNumber(ctx context.Context, e164, raw string) ([]contacts.Contact, error) {
	in := e164
	if significant(in) == "" {
		in = raw
	}
	a := significant(in)
	if a == "" {
		return nil, nil // withheld or garbage: nothing to ask
	}
	if found, ok := s.cache.get(a); ok {
		return found, nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	if err := s.lock(ctx); err != nil {
		return nil, fmt.Errorf("ldap search %s: %w", s.cfg.URL, err)
	}
	defer s.unlock()
	// The phone reports one call several times; whoever waited for the
	// lock may find the answer already there.
	if found, ok := s.cache.get(a); ok {
		return found, nil
	}
	filter := fill(s.cfg.NumberFilter, digitPattern(a, s.cfg.MatchDigits))
	entries, err := s.search(ctx, filter, s.cfg.SizeLimit)
	if err != nil {
		return nil, fmt.Errorf("ldap search %s: %w", s.cfg.URL, err)
	}
	found := s.matching(entries, a)
	s.cache.put(a, found)
	return found, nil
}

// Search returns up to limit (if > 0) entries with a phone number whose
// name or company matches every word of query, sorted by name.
// The words are escaped, so query cannot change the filter.
func (s *Source) Search(ctx context.Context, query string, limit int) ([]contacts.Contact, error) {
	filter := searchFilter(s.cfg.SearchFilter, query)
	if filter == "" {
		return nil, nil
	}
	// Entries without a number cannot be called; leave them on the server
	// so that they do not use up the limit.
	filter = "(&" + filter + s.hasNumberFilter() + ")"
	size := s.cfg.SizeLimit
	if limit > 0 && (size == 0 || limit < size) {
		size = limit
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	if err := s.lock(ctx); err != nil {
		return nil, fmt.Errorf("ldap search %s: %w", s.cfg.URL, err)
	}
	entries, err := s.search(ctx, filter, size)
	s.unlock()
	if err != nil {
		return nil, fmt.Errorf("ldap search %s: %w", s.cfg.URL, err)
	}
	var out []contacts.Contact
	for _, e := range entries {
		if c := s.contact(e); len(c.Numbers) > 0 {
			out = append(out, c)
		}
	}
	sortByName(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Close closes the connection, waiting for a request in progress. The
// Source stays usable: the next request connects again.
func (s *Source) Close() error {
	s.mu <- struct{}{}
	defer s.unlock()
	s.dropSession()
	s.cache.clear()
	return nil
}

// search sends one search request; a server-side size limit is no error,
// the entries up to it are returned. The lock must be held.
func (s *Source) search(ctx context.Context, filter string, size int) ([]*goldap.Entry, error) {
	timeLimit := int(math.Ceil(s.cfg.Timeout.Seconds()))
	req := goldap.NewSearchRequest(s.cfg.BaseDN, goldap.ScopeWholeSubtree, goldap.NeverDerefAliases,
		size, timeLimit, false, filter, s.attrs, nil)
	var entries []*goldap.Entry
	err := s.do(ctx, func(l *goldap.Conn) error {
		s.searches.Add(1)
		res, err := l.Search(req)
		if err != nil && !(goldap.IsErrorWithCode(err, goldap.LDAPResultSizeLimitExceeded) && res != nil) {
			return err
		}
		entries = res.Entries
		return nil
	})
	return entries, err
}

// hasNumberFilter matches entries having any of the number attributes.
func (s *Source) hasNumberFilter() string {
	var b strings.Builder
	b.WriteString("(|")
	for _, n := range s.nums {
		b.WriteString("(" + n.name + "=*)")
	}
	b.WriteString(")")
	return b.String()
}
