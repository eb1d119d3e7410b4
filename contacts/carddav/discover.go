package carddav

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/carddav"
)

// addressBooks returns the paths of the address books to read: the
// configured ones, or the discovered ones (cached for rediscoverEvery).
func (s *Source) addressBooks(ctx context.Context) ([]string, error) {
	if s.fixed != nil {
		return s.fixed, nil
	}
	if s.discovered != nil && time.Since(s.discoveredAt) < rediscoverEvery {
		return s.discovered, nil
	}
	books, err := s.discover(ctx)
	if err != nil {
		return nil, err
	}
	s.discovered, s.discoveredAt = books, time.Now()
	return books, nil
}

// discover finds the user's address books starting from the configured URL:
// RFC 6352 section 7.1 discovery (current-user-principal, then
// addressbook-home-set), tried at the URL and at /.well-known/carddav; if
// both fail, the URL itself is listed as a home set or address book. When
// the URL lies inside one of the books found, only that book is used.
func (s *Source) discover(ctx context.Context) ([]string, error) {
	books, errPrincipal := s.discoverByPrincipal(ctx, s.client.Client)
	if errPrincipal != nil && isFatal(ctx, errPrincipal) {
		return nil, fmt.Errorf("discover address books: %w", errPrincipal)
	}
	if errPrincipal != nil {
		wk := *s.endpoint
		wk.Path = "/.well-known/carddav"
		if c, err := webdav.NewClient(s.doer, wk.String()); err == nil {
			var errWK error
			books, errWK = s.discoverByPrincipal(ctx, c)
			if errWK != nil && isFatal(ctx, errWK) {
				return nil, fmt.Errorf("discover address books: %w", errWK)
			}
		}
	}
	if len(books) == 0 {
		// No principal support: the URL may be a home set or a book.
		list, err := s.client.FindAddressBooks(ctx, s.endpoint.Path)
		if err != nil {
			if errPrincipal != nil {
				err = errors.Join(errPrincipal, err)
			}
			return nil, fmt.Errorf("discover address books: %w", err)
		}
		books = list
	}

	own := collectionPath(s.endpoint.Path)
	var paths []string
	for _, b := range books {
		p := collectionPath(b.Path)
		if strings.HasPrefix(own, p) {
			return []string{p}, nil
		}
		paths = append(paths, p)
	}
	if len(paths) == 0 {
		return nil, errors.New("no address book found; check the URL or name the address books")
	}
	return paths, nil
}

// discoverByPrincipal runs principal → home set → address books through c,
// whose endpoint is the URL to start from.
func (s *Source) discoverByPrincipal(ctx context.Context, c *webdav.Client) ([]carddav.AddressBook, error) {
	principal, err := c.FindCurrentUserPrincipal(ctx)
	if err != nil {
		return nil, fmt.Errorf("current-user-principal: %w", err)
	}
	if principal == "" {
		return nil, errors.New("current-user-principal: empty")
	}
	home, err := s.client.FindAddressBookHomeSet(ctx, principal)
	if err != nil {
		return nil, fmt.Errorf("addressbook-home-set of %s: %w", principal, err)
	}
	books, err := s.client.FindAddressBooks(ctx, home)
	if err != nil {
		return nil, fmt.Errorf("address books in %s: %w", home, err)
	}
	return books, nil
}
