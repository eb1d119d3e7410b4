package outlook

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

var _ contacts.Source = (*Source)(nil)

// Errors a Load can be tested for with errors.Is.
var (
	// ErrUnsupported is returned by Load on every system but Windows.
	ErrUnsupported = errors.New("the Outlook address book is only available on Windows")
	// ErrNotInstalled means Windows knows no "Outlook.Application" COM class.
	ErrNotInstalled = errors.New("Outlook is not installed or its COM interface is not registered")
	// ErrNotRunning means Outlook is installed but not running in this
	// session (and Options.Start is off), or could not be started or reached,
	// for instance because it runs elevated and deskcti does not.
	ErrNotRunning = errors.New("Outlook is not running or cannot be reached")
)

// Options configure the Outlook source; the zero value reads the default
// Contacts folder of a running Outlook.
type Options struct {
	// Subfolders also reads the contact folders below the default Contacts
	// folder, recursively; hidden system folders are left out.
	Subfolders bool
	// Start launches Outlook (invisibly, through COM) when it is not running.
	// Off by default: an Outlook started behind the user's back may ask for a
	// profile or a password every time the address book is reloaded.
	Start bool
	// Progress, when set, is called after every item with the items done
	// and the total, from the goroutine that talks to Outlook. It must not
	// block. After a cancelled Load it may still be called once.
	Progress func(done, total int)
}

// Source is the Contacts folder of the Outlook profile the user is logged
// on to. Each Load talks to Outlook anew; the Source keeps no state and is
// safe for concurrent use.
type Source struct {
	opts  Options
	store store
}

// New returns the Outlook source; it does not contact Outlook.
func New(opts Options) *Source {
	return &Source{opts: opts, store: newStore(opts)}
}

// Name identifies the source: "outlook:contacts".
func (s *Source) Name() string { return "outlook:contacts" }

// item is one entry of a contacts folder, alive only during the visit.
type item interface {
	// Class is the Outlook object class (olContact = 40, olDistributionList = 69).
	Class() (int, error)
	// Get reads a string property of the item by its object model name.
	Get(prop string) (string, error)
}

// store walks the contact folders; the real one talks COM.
type store interface {
	// Items calls visit for every item of the folders, total being the
	// number of items in all of them. It stops at the first error visit
	// returns and returns it; an item that cannot be fetched is visited as
	// an item whose every method fails, so that it is reported, not lost.
	Items(ctx context.Context, subfolders bool, visit func(total int, it item) error) error
}

// Outlook object model constants.
const (
	olContact = 40 // OlObjectClass of a ContactItem; lists are 69
)

// phones are the ContactItem number properties in the order numbers are
// listed, with the kind each one maps to.
var phones = []struct {
	prop string
	kind contacts.Kind
}{
	{"BusinessTelephoneNumber", contacts.Work},
	{"Business2TelephoneNumber", contacts.Work},
	{"CompanyMainTelephoneNumber", contacts.Work},
	{"HomeTelephoneNumber", contacts.Home},
	{"Home2TelephoneNumber", contacts.Home},
	{"MobileTelephoneNumber", contacts.Mobile},
	{"BusinessFaxNumber", contacts.Fax},
	{"HomeFaxNumber", contacts.Fax},
	{"OtherTelephoneNumber", contacts.Other},
	{"AssistantTelephoneNumber", contacts.Work},
	{"CarTelephoneNumber", contacts.Mobile},
	{"PrimaryTelephoneNumber", contacts.Work},
	{"CallbackTelephoneNumber", contacts.Work},
}

// Load reads every contact that has a number. Distribution lists and
// contacts without numbers are skipped. An item that cannot be read is
// reported in a contacts.Problems error next to the others, as a
// LineError with File "outlook" and Line the item's position (from 1)
// across all folders read. ID is the EntryID and OpenURI "outlook:" +
// EntryID. Cancelling ctx stops between two items; Load then returns no
// contacts and an error that wraps ctx.Err().
func (s *Source) Load(ctx context.Context) ([]contacts.Contact, error) {
	var (
		out   []contacts.Contact
		probs contacts.Problems
		n     int
	)
	err := s.store.Items(ctx, s.opts.Subfolders, func(total int, it item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		c, ok, err := toContact(it)
		switch {
		case err != nil:
			probs = append(probs, &contacts.LineError{File: "outlook", Line: n, Err: err})
		case ok:
			c.Source = s.Name()
			out = append(out, c)
		}
		if s.opts.Progress != nil {
			s.opts.Progress(n, total)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("outlook contacts: %w", err)
	}
	if len(probs) > 0 {
		return out, probs
	}
	return out, nil
}

// toContact maps one item; ok is false for items that are not contacts or
// have no number.
func toContact(it item) (c contacts.Contact, ok bool, err error) {
	class, err := it.Class()
	if err != nil {
		return c, false, fmt.Errorf("read Class: %w", err)
	}
	if class != olContact {
		return c, false, nil
	}
	get := func(prop string) string {
		if err != nil {
			return ""
		}
		var v string
		if v, err = it.Get(prop); err != nil {
			err = fmt.Errorf("read %s: %w", prop, err)
		}
		return strings.TrimSpace(v)
	}
	for _, p := range phones {
		raw := get(p.prop)
		if raw == "" {
			continue
		}
		n := contacts.Number{Kind: p.kind, Raw: raw}
		if number.IsE164(raw) {
			n.E164 = raw
		}
		c.Numbers = append(c.Numbers, n)
	}
	if err == nil && len(c.Numbers) == 0 {
		return c, false, nil // not worth the name and ID lookups
	}
	c.Name = get("FullName")
	c.Company = get("CompanyName")
	c.ID = get("EntryID")
	if err != nil {
		return contacts.Contact{}, false, err
	}
	if c.Name == "" {
		c.Name = c.Company
	}
	if c.ID != "" {
		c.OpenURI = "outlook:" + c.ID
	}
	return c, true, nil
}
