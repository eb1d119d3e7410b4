package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	govcard "github.com/emersion/go-vcard"

	"deskcti/contacts"
)

// OwnContactsFile is the user's own address book, where "Add contact" in
// the pop-up puts callers; deskcti reads it like any vCard file.
const OwnContactsFile = "eigene-kontakte.vcf"

// OwnContactsPath is the own address book in the user's configuration
// directory.
func OwnContactsPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("own address book: %w", err)
	}
	return filepath.Join(dir, "deskcti", OwnContactsFile), nil
}

// AppendContact adds one card (vCard 3.0) to the vCard file at path,
// creating it: the name, the company and the number of the given kind.
// The name must not be empty; values are escaped by the vCard encoder, so
// a caller's display name cannot break the file.
func AppendContact(path, name, company, number string, kind contacts.Kind) error {
	name, company, number = strings.TrimSpace(name), strings.TrimSpace(company), strings.TrimSpace(number)
	if name == "" && company == "" {
		return fmt.Errorf("add contact: a name or a company is needed")
	}
	if number == "" {
		return fmt.Errorf("add contact: no number")
	}
	if name == "" {
		name = company
	}
	card := govcard.Card{}
	card.SetValue(govcard.FieldVersion, "3.0")
	card.SetValue(govcard.FieldFormattedName, name)
	if company != "" {
		card.SetValue(govcard.FieldOrganization, company)
	}
	typ := map[contacts.Kind]string{contacts.Work: "work", contacts.Home: "home", contacts.Mobile: "cell", contacts.Fax: "fax"}[kind]
	tel := &govcard.Field{Value: number}
	if typ != "" {
		tel.Params = govcard.Params{govcard.ParamType: {typ}}
	}
	card.Add(govcard.FieldTelephone, tel)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("add contact: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("add contact: %w", err)
	}
	if err := govcard.NewEncoder(f).Encode(card); err != nil {
		f.Close()
		return fmt.Errorf("add contact to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("add contact to %s: %w", path, err)
	}
	return nil
}
