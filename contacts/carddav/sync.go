package carddav

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/emersion/go-webdav/carddav"

	"deskcti/contacts"
	dvcard "deskcti/contacts/vcard"
)

// multigetBatch bounds the hrefs per addressbook-multiget so that one
// request and its response stay a manageable size.
const multigetBatch = 100

// book is the sync state of one address book.
type book struct {
	path string
	// token is the RFC 6578 sync token of the last complete sync; empty
	// before the first one.
	token string
	// noSync is set once the server refused sync-collection.
	noSync bool
	cards  map[string]*card // by path
}

// card is what is known about one stored vCard.
type card struct {
	etag    string
	contact *contacts.Contact // nil: no phone number
	problem *contacts.LineError
}

// change is the outcome of listing a book: which cards to fetch and which
// to forget.
type change struct {
	full    bool              // listing is complete: cards not in seen are gone
	seen    map[string]string // path → ETag ("" when the server sent none)
	deleted []string
}

// syncBook brings b up to date with the server.
func (s *Source) syncBook(ctx context.Context, b *book) error {
	if !b.noSync && !s.forceETagSync {
		ch, token, err := s.listBySync(ctx, b)
		if err == nil {
			if err := s.apply(ctx, b, ch); err != nil {
				return err
			}
			// Only now: a failed fetch must be retried from the old token.
			b.token = token
			return nil
		}
		if !errors.Is(err, errSyncUnsupported) {
			return err
		}
		b.noSync = true
	}
	ch, err := s.listByETag(ctx, b)
	if err != nil {
		return err
	}
	return s.apply(ctx, b, ch)
}

var errSyncUnsupported = errors.New("sync-collection not supported")

// listBySync asks for the changes since b's token (everything when it has
// none). A rejected token (RFC 6578 valid-sync-token; 403 or 409 in
// practice) is answered with a full listing; a server that refuses even
// that does not do sync-collection.
func (s *Source) listBySync(ctx context.Context, b *book) (change, string, error) {
	q := &carddav.SyncQuery{
		// go-webdav always asks for address-data in sync-collection and
		// throws it away; asking for UID only keeps the response small on
		// servers that honour it (Radicale sends whole cards regardless).
		DataRequest: carddav.AddressDataRequest{Props: []string{"UID"}},
		SyncToken:   b.token,
	}
	resp, err := s.client.SyncCollection(ctx, b.path, q)
	if err != nil && b.token != "" && !isFatal(ctx, err) &&
		hasStatus(err, http.StatusBadRequest, http.StatusForbidden, http.StatusConflict, http.StatusPreconditionFailed) {
		q.SyncToken = ""
		resp, err = s.client.SyncCollection(ctx, b.path, q)
	}
	if err != nil {
		if !isFatal(ctx, err) && hasStatus(err, http.StatusBadRequest, http.StatusForbidden,
			http.StatusMethodNotAllowed, http.StatusUnsupportedMediaType, http.StatusNotImplemented) {
			return change{}, "", fmt.Errorf("%w: %w", errSyncUnsupported, err)
		}
		return change{}, "", fmt.Errorf("sync-collection: %w", err)
	}
	ch := change{full: q.SyncToken == "", seen: make(map[string]string, len(resp.Updated)), deleted: resp.Deleted}
	for _, o := range resp.Updated {
		ch.seen[o.Path] = o.ETag
	}
	return ch, resp.SyncToken, nil
}

// listByETag lists the whole book with a Depth 1 PROPFIND; apply compares
// the ETags with the stored ones.
func (s *Source) listByETag(ctx context.Context, b *book) (change, error) {
	infos, err := s.client.ReadDir(ctx, b.path, false)
	if err != nil {
		return change{}, fmt.Errorf("list cards: %w", err)
	}
	ch := change{full: true, seen: make(map[string]string, len(infos))}
	for _, fi := range infos {
		if fi.IsDir {
			continue
		}
		if fi.MIMEType != "" && !strings.Contains(strings.ToLower(fi.MIMEType), "vcard") {
			continue
		}
		ch.seen[fi.Path] = fi.ETag
	}
	return ch, nil
}

// apply fetches the new and changed cards of ch and updates b; b is left
// unchanged on error.
func (s *Source) apply(ctx context.Context, b *book, ch change) error {
	var want []string
	for p, etag := range ch.seen {
		if c, ok := b.cards[p]; ok && etag != "" && c.etag == etag {
			continue
		}
		want = append(want, p)
	}
	sort.Strings(want)
	fetched, err := s.fetch(ctx, b.path, want, ch.seen)
	if err != nil {
		return err
	}
	if ch.full {
		for p := range b.cards {
			if _, ok := ch.seen[p]; !ok {
				delete(b.cards, p)
			}
		}
	}
	for _, p := range ch.deleted {
		delete(b.cards, p)
	}
	for _, p := range want {
		if c, ok := fetched[p]; ok {
			b.cards[p] = c
		} else {
			delete(b.cards, p) // gone between listing and fetching
		}
	}
	return nil
}

// fetch downloads the cards at paths with addressbook-multiget. When a batch
// fails for a reason other than the connection (go-webdav rejects the whole
// multistatus if one card does not parse or one href is 404), that batch is
// fetched card by card, so one bad card becomes a problem, not an outage.
func (s *Source) fetch(ctx context.Context, bookPath string, paths []string, etags map[string]string) (map[string]*card, error) {
	out := make(map[string]*card, len(paths))
	for start := 0; start < len(paths); start += multigetBatch {
		batch := paths[start:min(start+multigetBatch, len(paths))]
		objs, err := s.client.MultiGetAddressBook(ctx, bookPath, &carddav.AddressBookMultiGet{Paths: batch})
		if err != nil {
			if isFatal(ctx, err) {
				return nil, fmt.Errorf("addressbook-multiget: %w", err)
			}
			if err := s.fetchEach(ctx, batch, etags, out); err != nil {
				return nil, err
			}
			continue
		}
		asked := make(map[string]bool, len(batch))
		for _, p := range batch {
			asked[p] = true
		}
		for i := range objs {
			o := &objs[i]
			if asked[o.Path] {
				out[o.Path] = s.newCard(o, etags[o.Path])
			}
		}
	}
	return out, nil
}

// fetchEach GETs each card; a 404 means it was deleted meanwhile, a card
// that does not parse is recorded as a problem (kept until its ETag
// changes).
func (s *Source) fetchEach(ctx context.Context, paths []string, etags map[string]string, out map[string]*card) error {
	for _, p := range paths {
		o, err := s.client.GetAddressObject(ctx, p)
		switch {
		case err == nil:
			out[p] = s.newCard(o, etags[p])
		case isFatal(ctx, err):
			return fmt.Errorf("get %s: %w", p, err)
		case hasStatus(err, http.StatusNotFound, http.StatusGone):
			// deleted meanwhile: leave it out
		case errors.As(err, new(*StatusError)):
			// A server-side failure may pass; fail this Load and retry
			// next time rather than remember the card as broken.
			return fmt.Errorf("get %s: %w", p, err)
		default:
			out[p] = &card{
				etag:    etags[p],
				problem: &contacts.LineError{File: s.cardURL(p), Line: 1, Err: err},
			}
		}
	}
	return nil
}

// newCard maps a fetched card; listETag is the ETag from the listing, used
// when the fetch response carries none.
func (s *Source) newCard(o *carddav.AddressObject, listETag string) *card {
	c := &card{etag: o.ETag}
	if c.etag == "" {
		c.etag = listETag
	}
	ct, ok := dvcard.FromCard(o.Card)
	if !ok {
		return c
	}
	ct.Source = s.name
	if ct.ID == "" {
		ct.ID = o.Path
	}
	ct.OpenURI = s.cardURL(o.Path)
	c.contact = &ct
	return c
}
