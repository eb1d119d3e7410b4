package app

import (
	"context"
	"path/filepath"
	"testing"

	"deskcti/contacts"
	"deskcti/contacts/number"
	"deskcti/contacts/vcard"
)

func TestAppendContactIsReadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "own", OwnContactsFile)
	// A display name from the network must not break the file.
	if err := AppendContact(path, "Dr. Weiß; \"X\"\nEND:VCARD", "Firma, KG", "+49 221 4711", contacts.Work); err != nil {
		t.Fatal(err)
	}
	if err := AppendContact(path, "", "Nur Firma GmbH", "030 1234567", contacts.Other); err != nil {
		t.Fatal(err)
	}
	cs, err := vcard.New(path).Load(context.Background())
	if err != nil || len(cs) != 2 {
		t.Fatalf("read back: %d contacts, %v", len(cs), err)
	}
	if cs[0].Name != "Dr. Weiß; \"X\" END:VCARD" && cs[0].Name != "Dr. Weiß; \"X\"\nEND:VCARD" {
		t.Errorf("name %q", cs[0].Name)
	}
	if cs[0].Company != "Firma, KG" || cs[0].Numbers[0].Kind != contacts.Work || cs[1].Name != "Nur Firma GmbH" {
		t.Errorf("contacts %+v", cs)
	}
	b := contacts.NewBook(number.Home{Country: "DE", AreaCode: "221"}, nil, nil, contacts.BookOptions{})
	b.AddSource(vcard.New(path))
	b.AddSource(vcard.New(path)) // twice: once
	if err := b.Reload(context.Background()); err != nil || len(b.Status()) != 1 {
		t.Fatalf("AddSource: %v %+v", err, b.Status())
	}
	if r := b.Lookup(context.Background(), "02214711"); r.Contact == nil || r.Contact.Company != "Firma, KG" {
		t.Fatalf("lookup after adding: %+v", r)
	}
	if err := AppendContact(path, "", "", "1", contacts.Work); err == nil {
		t.Fatal("a contact without name and company was accepted")
	}
}
