package vcard

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"

	govcard "github.com/emersion/go-vcard"

	"deskcti/contacts"
)

// Parse reads every vCard in r, doing the same pre-pass as a Source (2.1
// quoted-printable, charsets, bare types), for callers that get vCards from
// elsewhere, such as CardDAV. name is what errors call the input (a path or
// URL).
//
// It fills Name, Company, Numbers and ID; Source and OpenURI are the
// caller's. Cards without a phone number are left out. Cards that cannot be
// read are skipped and reported in a contacts.Problems error next to the
// contacts that could be read; input with text but no BEGIN:VCARD gives a
// *contacts.LineError wrapping ErrNotVCard and no contacts.
func Parse(r io.Reader, name string) ([]contacts.Contact, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("vcard %s: %w", name, err)
	}
	return parse(context.Background(), data, name)
}

// checkEvery is how many cards are decoded between looks at the context.
const checkEvery = 1024

func parse(ctx context.Context, data []byte, name string) ([]contacts.Contact, error) {
	p, err := prepare(data, name)
	if err != nil {
		return nil, err
	}
	// The pre-pass wrote nothing but whole, well-formed cards, so one
	// decoder reads them in order and card i is p.cards[i].
	dec := govcard.NewDecoder(bytes.NewReader(p.out))
	out := make([]contacts.Contact, 0, len(p.cards))
	for i, line := range p.cards {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("vcard %s: %w", name, err)
			}
		}
		card, err := dec.Decode()
		if err != nil {
			p.problem(line, err)
			continue
		}
		if c, ok := FromCard(card); ok {
			out = append(out, c)
		}
	}
	if len(p.probs) > 0 {
		slices.SortStableFunc(p.probs, func(a, b *contacts.LineError) int { return a.Line - b.Line })
		return out, p.probs
	}
	return out, nil
}
