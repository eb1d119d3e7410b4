package carddav

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-webdav/carddav"

	"deskcti/contacts"
)

// DefaultTimeout bounds each HTTP request when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// rediscoverEvery is how long a discovered list of address books is trusted,
// so that a book the user creates later shows up without a restart.
const rediscoverEvery = time.Hour

// Config says which server and address books to read.
type Config struct {
	// URL is the server, the user's address-book home or one address book,
	// http or https. Credentials in it are moved to User/Password.
	URL string
	// User and Password authenticate with HTTP Basic auth. The password
	// comes from the keyring; this package never logs it or puts it in an
	// error.
	User     string
	Password string
	// AddressBooks lists the address books to read, as absolute paths,
	// URLs on the same server, or paths relative to URL. Empty means every
	// address book of the user, found through current-user-principal and
	// addressbook-home-set discovery (or just the one URL points at).
	AddressBooks []string
	// Timeout bounds each HTTP request; zero means DefaultTimeout.
	Timeout time.Duration
	// InsecureSkipVerify accepts any TLS certificate (self-signed NAS
	// installations); the user switches it on explicitly.
	InsecureSkipVerify bool
}

// Source is a CardDAV account. It is safe for concurrent use; concurrent
// Loads run one after the other because they share the sync state.
type Source struct {
	name     string
	endpoint *url.URL // without credentials
	client   *carddav.Client
	doer     *authDoer
	fixed    []string // resolved Config.AddressBooks; nil means discover

	// forceETagSync makes the source behave as if the server did not
	// support sync-collection; tests use it to exercise the fallback.
	forceETagSync bool

	mu           sync.Mutex
	discovered   []string
	discoveredAt time.Time
	books        map[string]*book
}

var _ contacts.Source = (*Source)(nil)

// New checks cfg and returns a Source; it does not contact the server, so
// that a source configured while offline still starts.
func New(cfg Config) (*Source, error) {
	return newSource(cfg, nil)
}

// newSource is New with an injectable transport (nil: a clone of
// http.DefaultTransport), used by the tests to count requests.
func newSource(cfg Config, rt http.RoundTripper) (*Source, error) {
	u, err := url.Parse(strings.TrimSpace(cfg.URL))
	if err != nil {
		return nil, fmt.Errorf("carddav: invalid URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("carddav: URL %q must be http:// or https:// with a host", redact(u))
	}
	if u.User != nil {
		if cfg.User == "" {
			cfg.User = u.User.Username()
		}
		if p, ok := u.User.Password(); ok && cfg.Password == "" {
			cfg.Password = p
		}
		u.User = nil
	}
	u.RawQuery, u.Fragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}

	fixed, err := resolveBooks(u, cfg.AddressBooks)
	if err != nil {
		return nil, err
	}

	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	doer := newAuthDoer(cfg.User, cfg.Password, timeout, cfg.InsecureSkipVerify, rt)
	client, err := carddav.NewClient(doer, u.String())
	if err != nil {
		return nil, fmt.Errorf("carddav %s: %w", u, err)
	}
	return &Source{
		name:     "carddav:" + u.String(),
		endpoint: u,
		client:   client,
		doer:     doer,
		fixed:    fixed,
		books:    make(map[string]*book),
	}, nil
}

// redact prints a URL without its password, for error messages about a URL
// that could not be used.
func redact(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

// resolveBooks turns the configured address books into absolute paths on
// the endpoint's server.
func resolveBooks(base *url.URL, books []string) ([]string, error) {
	if len(books) == 0 {
		return nil, nil
	}
	out := make([]string, 0, len(books))
	for _, b := range books {
		ref, err := url.Parse(strings.TrimSpace(b))
		if err != nil {
			return nil, fmt.Errorf("carddav: address book %q: %w", b, err)
		}
		abs := base.ResolveReference(ref)
		if abs.Scheme != base.Scheme || abs.Host != base.Host {
			return nil, fmt.Errorf("carddav: address book %q is not on %s", redact(abs), base.Host)
		}
		out = append(out, collectionPath(abs.Path))
	}
	return out, nil
}

// collectionPath gives collection paths one spelling (trailing slash) so that
// paths from the configuration and from the server compare equal.
func collectionPath(p string) string {
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Name is "carddav:" and the configured URL without credentials.
func (s *Source) Name() string { return s.name }

// Load returns every contact with a phone number from all selected address
// books, fetching only what changed since the previous Load. Cards that
// cannot be parsed are reported in a contacts.Problems next to the rest. Any
// other failure (unreachable server, ErrUnauthorized, a book that cannot be
// read) returns an error naming the server and nothing else; the state
// of books already synced is kept, so the next Load still only fetches
// changes.
func (s *Source) Load(ctx context.Context) ([]contacts.Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	paths, err := s.addressBooks(ctx)
	if err != nil {
		return nil, fmt.Errorf("carddav %s: %w", s.endpoint, err)
	}

	keep := make(map[string]bool, len(paths))
	for _, p := range paths {
		keep[p] = true
	}
	for p := range s.books {
		if !keep[p] {
			delete(s.books, p)
		}
	}

	var out []contacts.Contact
	var problems contacts.Problems
	for _, p := range paths {
		b := s.books[p]
		if b == nil {
			b = &book{path: p, cards: make(map[string]*card)}
			s.books[p] = b
		}
		if err := s.syncBook(ctx, b); err != nil {
			// The book may have been deleted or renamed: look again next time.
			s.discoveredAt = time.Time{}
			return nil, fmt.Errorf("carddav %s: address book %s: %w", s.endpoint, p, err)
		}
		out, problems = b.collect(out, problems)
	}
	if len(problems) > 0 {
		return out, problems
	}
	return out, nil
}

// collect appends the book's contacts and problems in path order, so that
// Load's result does not depend on map order.
func (b *book) collect(out []contacts.Contact, problems contacts.Problems) ([]contacts.Contact, contacts.Problems) {
	keys := make([]string, 0, len(b.cards))
	for k := range b.cards {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := b.cards[k]
		switch {
		case c.problem != nil:
			problems = append(problems, c.problem)
		case c.contact != nil:
			cc := *c.contact
			cc.Numbers = append([]contacts.Number(nil), c.contact.Numbers...)
			out = append(out, cc)
		}
	}
	return out, problems
}

// cardURL is the absolute URL of a card, used as OpenURI and in problems.
func (s *Source) cardURL(path string) string {
	u := url.URL{Scheme: s.endpoint.Scheme, Host: s.endpoint.Host, Path: path}
	return u.String()
}

// isFatal reports errors that no fallback can cure: the credentials, the
// network, or the caller giving up.
func isFatal(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrUnauthorized) {
		return true
	}
	var ue *url.Error
	return errors.As(err, &ue)
}
