package vcard

import (
	"context"
	"fmt"
	"net/url"
	"os"

	"deskcti/contacts"
)

var (
	_ contacts.Source  = (*Source)(nil)
	_ contacts.Watched = (*Source)(nil)
)

// Source is one .vcf file, which may hold any number of cards.
type Source struct {
	path, name, uri string
}

// New returns the source for the .vcf file at path; nothing is read until
// Load.
func New(path string) *Source {
	return &Source{path: path, name: "vcard:" + path, uri: contacts.FileURI(path)}
}

// Name is "vcard:" and the path.
func (s *Source) Name() string { return s.name }

// Paths is the one file, for the index to watch.
func (s *Source) Paths() []string { return []string{s.path} }

// Load reads the file. Contacts get Source = Name(), ID = the card's UID
// (empty when it has none, as in Outlook exports) and OpenURI = the file's
// file:// URI with "#UID" when there is a UID. Unreadable cards are
// reported as contacts.Problems next to the others; a file that is not a
// vCard at all gives a *contacts.LineError wrapping ErrNotVCard.
func (s *Source) Load(ctx context.Context) ([]contacts.Contact, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("vcard %s: %w", s.path, err)
	}
	data, err := os.ReadFile(s.path)
	if err != nil {
		return nil, fmt.Errorf("vcard: %w", err)
	}
	cs, err := parse(ctx, data, s.path)
	for i := range cs {
		c := &cs[i]
		c.Source, c.OpenURI = s.name, s.uri
		if c.ID != "" {
			c.OpenURI += "#" + (&url.URL{Fragment: c.ID}).EscapedFragment()
		}
	}
	return cs, err
}
