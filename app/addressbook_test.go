package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskcti/app/actions"
	"deskcti/app/config"
	"deskcti/app/secrets"
	"deskcti/contacts"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenBookFromSettings(t *testing.T) {
	dir := t.TempDir()
	vcf := filepath.Join(dir, "a.vcf")
	writeFile(t, vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Erika Mustermann\r\nTEL;TYPE=WORK:0221 471123\r\nEND:VCARD\r\n")
	crm := filepath.Join(dir, "crm.csv")
	writeFile(t, crm, "Kunde;Rufnummer\nHans Schmidt;4711 99\n") // local number: area code from the settings
	extra := filepath.Join(dir, "yealink.xml")
	writeFile(t, extra, `<YealinkIPPhoneDirectory><DirectoryEntry><Name>Empfang</Name><Telephone>20</Telephone></DirectoryEntry></YealinkIPPhoneDirectory>`)

	cfg := config.Default()
	cfg.Dial.AreaCode = "221"
	cfg.Contacts.Sources = []config.Source{
		{Type: "vcard", Path: vcf},
		{Type: "csv", Path: crm, Columns: map[string]string{"Kunde": "name", "Rufnummer": "work"}},
		{Type: "ldap"},                                 // no URL
		{Type: "fax-server", Path: "x"},                // unknown type
		{Type: "carddav", URL: "https://dav.example/"}, // password lookup fails below
	}
	var asked []string
	pw := func(typ, url string) (string, error) {
		asked = append(asked, typ+" "+url)
		return "", &secrets.UnavailableError{Err: errors.New("no keyring")}
	}
	book, err := OpenBook(cfg, BookOptions{Files: []string{extra}, Password: pw})
	var se *SourceError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want *SourceError", err)
	}
	for _, want := range []string{"contacts source 3 (ldap): url is missing", "contacts source 4 (fax-server): unknown type", "contacts source 5 (carddav)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant it to contain %q", err, want)
		}
	}
	if len(asked) != 1 || asked[0] != "carddav https://dav.example/" {
		t.Errorf("passwords asked for %q", asked)
	}
	if rerr := book.Reload(context.Background()); rerr != nil {
		t.Fatalf("the good sources failed: %v", rerr)
	}
	for number, name := range map[string]string{"+49221471123": "Erika Mustermann", "0221 471199": "Hans Schmidt", "20": "Empfang"} {
		if r := book.Lookup(context.Background(), number); r.Contact == nil || r.Contact.Name != name || r.Match != contacts.MatchExact {
			t.Errorf("Lookup(%q) = %+v, want %s", number, r, name)
		}
	}
}

func TestOpenBookPasswordNotFoundIsAnonymous(t *testing.T) {
	cfg := config.Default()
	cfg.Contacts.Sources = []config.Source{{Type: "ldap", URL: "ldap://127.0.0.1:1", BaseDN: "dc=example,dc=com"}}
	_, err := OpenBook(cfg, BookOptions{Password: func(string, string) (string, error) { return "", secrets.ErrNotFound }})
	if err != nil {
		t.Fatalf("a directory without a stored password binds anonymously; got %v", err)
	}
}

func TestFileSourceByExtension(t *testing.T) {
	for path, prefix := range map[string]string{"a.vcf": "vcard:", "B.VCF": "vcard:", "c.csv": "csv:", "d.xml": "phonebook:"} {
		s, err := FileSource(path)
		if err != nil || !strings.HasPrefix(s.Name(), prefix) {
			t.Errorf("FileSource(%q) = %v, %v; want a %s source", path, s, err, prefix)
		}
	}
	if _, err := FileSource("kontakte.pdf"); err == nil || !strings.Contains(err.Error(), ".vcf") {
		t.Errorf("pdf: err = %v, want the file types that work", err)
	}
}

// TestContactsDocExample keeps docs/contacts.md true: its settings example
// loads and every source in it can be set up.
func TestContactsDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "contacts.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```toml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/contacts.md has no toml example")
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, example)
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("the documented example does not load: %v", err)
	}
	if n := len(cfg.Contacts.Sources); n != 7 || cfg.Contacts.MinSuffix != 8 {
		t.Fatalf("example has %d sources, min_suffix %d", n, cfg.Contacts.MinSuffix)
	}
	if _, err := OpenBook(cfg, BookOptions{Password: func(string, string) (string, error) { return "geheim", nil }}); err != nil {
		t.Fatalf("the documented sources cannot be set up: %v", err)
	}
}

// TestActionsDocExample keeps docs/action-urls.md true: its [[action]]
// example loads and validates.
func TestActionsDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "action-urls.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```toml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/action-urls.md has no toml example")
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, example)
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("the documented example does not load: %v", err)
	}
	if len(cfg.Actions) != 2 {
		t.Fatalf("%d actions", len(cfg.Actions))
	}
	if _, err := actions.New(cfg.Actions, nil, nil); err != nil {
		t.Fatalf("the documented actions do not validate: %v", err)
	}
}
