package app

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"deskcti/app/config"
	"deskcti/app/secrets"
	"deskcti/contacts"
	"deskcti/contacts/carddav"
	"deskcti/contacts/csv"
	"deskcti/contacts/ldap"
	"deskcti/contacts/number"
	"deskcti/contacts/outlook"
	"deskcti/contacts/phonebook"
	"deskcti/contacts/vcard"
)

// SourcePasswordFunc looks up an address book's password (LDAP bind,
// CardDAV login); secrets.SourcePassword in production.
type SourcePasswordFunc func(typ, url string) (string, error)

// BookOptions say how to open the address book.
type BookOptions struct {
	// Files are extra contact files (from --contacts), typed by extension:
	// .vcf, .csv, .xml.
	Files []string
	// Password defaults to secrets.SourcePassword.
	Password SourcePasswordFunc
	// Logger gets the book's warnings; nil means slog.Default().
	Logger *slog.Logger
	// OwnContacts adds the user's own address book (OwnContactsPath) when
	// it exists; the desktop app sets it, the CLI tests do not.
	OwnContacts bool
}

// configured reports whether path is already a vCard source.
func configured(srcs []config.Source, path string) bool {
	for _, s := range srcs {
		if strings.EqualFold(s.Type, "vcard") && filepath.Clean(s.Path) == filepath.Clean(path) {
			return true
		}
	}
	return false
}

// SourceError is a configured source that could not be set up. The other
// sources work without it.
type SourceError struct {
	// Source names it: "contacts source 2 (ldap)" or the file.
	Source string
	Err    error
}

func (e *SourceError) Error() string { return e.Source + ": " + e.Err.Error() }

func (e *SourceError) Unwrap() error { return e.Err }

// HomeOf is where the user's phone is, for reading the numbers in address
// books: own country, area code and the longest extension.
func HomeOf(d config.Dial) number.Home {
	return number.Home{Country: strings.ToUpper(d.Country), AreaCode: d.AreaCode, MaxExtension: d.MaxExtension}
}

// OpenBook makes the address book of cfg's contact sources plus
// o.Files, not yet loaded (Book.Reload or Book.Run do that). Sources that
// cannot be set up are returned as *SourceError values joined into err,
// next to a book of all the others: one wrong entry never costs the user
// the rest of their contacts.
func OpenBook(cfg config.Config, o BookOptions) (*contacts.Book, error) {
	if o.Password == nil {
		o.Password = secrets.SourcePassword
	}
	var (
		srcs      []contacts.Source
		searchers []contacts.Searcher
		errs      []error
		interval  time.Duration
	)
	for i, sc := range cfg.Contacts.Sources {
		label := fmt.Sprintf("contacts source %d (%s)", i+1, sc.Type)
		src, searcher, err := openSource(sc, o.Password)
		if err != nil {
			errs = append(errs, &SourceError{Source: label, Err: err})
			continue
		}
		if src != nil {
			srcs = append(srcs, src)
		}
		if searcher != nil {
			searchers = append(searchers, searcher)
		}
		if d := sc.Interval.D(); d > 0 && (interval == 0 || d < interval) {
			interval = d
		}
	}
	// The user's own address book ("Add contact") is read whenever it
	// exists, without a settings entry.
	if own, err := OwnContactsPath(); err == nil && o.OwnContacts {
		if _, err := os.Stat(own); err == nil && !configured(cfg.Contacts.Sources, own) {
			srcs = append(srcs, vcard.New(own))
		}
	}
	for _, path := range o.Files {
		src, err := FileSource(path)
		if err != nil {
			errs = append(errs, &SourceError{Source: path, Err: err})
			continue
		}
		srcs = append(srcs, src)
	}
	book := contacts.NewBook(HomeOf(cfg.Dial), srcs, searchers, contacts.BookOptions{
		Index:    contacts.IndexOptions{MinSuffix: cfg.Contacts.MinSuffix},
		Interval: interval,
		Logger:   o.Logger,
	})
	return book, errors.Join(errs...)
}

// FileSource returns the source for a contact file, by its extension:
// .vcf (vCard), .csv (Outlook or other CSV export), .xml (Yealink or snom
// phone book).
func FileSource(path string) (contacts.Source, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vcf", ".vcard":
		return vcard.New(path), nil
	case ".csv", ".txt":
		return csv.New(path, nil), nil
	case ".xml":
		return phonebook.New(path), nil
	}
	return nil, fmt.Errorf("unknown contact file type %q: use a .vcf (vCard), .csv (Outlook export) or .xml (Yealink/snom phone book) file", filepath.Ext(path))
}

// openSource makes one configured source: a Source (loaded whole), a
// Searcher (asked per call) or, for Outlook on Windows, a Source.
func openSource(sc config.Source, password SourcePasswordFunc) (contacts.Source, contacts.Searcher, error) {
	need := func(field, value string) error {
		if strings.TrimSpace(value) == "" {
			return fmt.Errorf("%s is missing in config.toml ([[contacts.source]] type = %q)", field, sc.Type)
		}
		return nil
	}
	secret := func() (string, error) {
		pw, err := password(sc.Type, sc.URL)
		if errors.Is(err, secrets.ErrNotFound) {
			return "", nil // anonymous bind, or a server without login
		}
		return pw, err
	}
	switch strings.ToLower(sc.Type) {
	case "vcard", "phonebook":
		if err := need("path", sc.Path); err != nil {
			return nil, nil, err
		}
		if strings.ToLower(sc.Type) == "vcard" {
			return vcard.New(sc.Path), nil, nil
		}
		return phonebook.New(sc.Path), nil, nil
	case "csv":
		if err := need("path", sc.Path); err != nil {
			return nil, nil, err
		}
		var m *csv.Mapping
		if len(sc.Columns) > 0 {
			var err error
			if m, err = csv.MappingFromRoles(sc.Columns); err != nil {
				return nil, nil, err
			}
		}
		return csv.New(sc.Path, m), nil, nil
	case "ldap":
		if err := need("url", sc.URL); err != nil {
			return nil, nil, err
		}
		pw, err := secret()
		if err != nil {
			return nil, nil, err
		}
		lc := ldap.Config{URL: sc.URL, StartTLS: sc.StartTLS, BindDN: sc.BindDN, BindPassword: pw,
			BaseDN: sc.BaseDN, NumberFilter: sc.Filter}
		if len(sc.Columns) > 0 {
			// The same roles as CSV columns, for attributes: which hold
			// the name, the company and which kind of number.
			m, err := csv.MappingFromRoles(sc.Columns)
			if err != nil {
				return nil, nil, err
			}
			lc.NameAttrs, lc.CompanyAttrs, lc.NumberAttrs = m.Name, m.Company, m.Numbers
		}
		s, err := ldap.New(lc)
		if err != nil {
			return nil, nil, err
		}
		return nil, s, nil
	case "carddav":
		if err := need("url", sc.URL); err != nil {
			return nil, nil, err
		}
		pw, err := secret()
		if err != nil {
			return nil, nil, err
		}
		s, err := carddav.New(carddav.Config{URL: sc.URL, User: sc.User, Password: pw})
		if err != nil {
			return nil, nil, err
		}
		return s, nil, nil
	case "outlook":
		return outlook.New(outlook.Options{Subfolders: true}), nil, nil
	case "":
		return nil, nil, fmt.Errorf("type is missing: use vcard, csv, phonebook, ldap, carddav or outlook")
	}
	return nil, nil, fmt.Errorf("unknown type %q: use vcard, csv, phonebook, ldap, carddav or outlook", sc.Type)
}
