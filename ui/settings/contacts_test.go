package settings

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/secrets"
)

// addForm opens the add dialog and returns its form.
func addForm(t *testing.T, w *Window) *sourceForm {
	t.Helper()
	test.Tap(w.ed.contacts.add)
	return w.ed.contacts.form
}

func TestAddFileSource(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	file := filepath.Join(t.TempDir(), "Kontakte.xml")
	if err := os.WriteFile(file, []byte("<YealinkIPPhoneDirectory/>"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := addForm(t, w)
	f.typ.SetSelected(sourceTypeName("phonebook"))
	if !f.fileRows[1].Visible() || f.url.Visible() || f.baseDN.Visible() {
		t.Error("a file type must show the file field only")
	}
	// A missing file is refused in the dialog, which stays open.
	f.path.SetText(filepath.Join(t.TempDir(), "missing.xml"))
	test.Tap(button(t, overlay(t, w.win), "Add"))
	wantError(t, f.err, "cannot be found")
	f.path.SetText(file)
	test.Tap(button(t, overlay(t, w.win), "Add"))
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("dialog still open after adding")
	}
	if n := len(w.ed.contacts.rows); n != 4 {
		t.Fatalf("%d rows after adding", n)
	}
	if got := w.ed.contacts.rows[3].status.Text; got != "Read after saving" {
		t.Errorf("new source status %q", got)
	}
	// The same file twice is refused.
	f = addForm(t, w)
	f.typ.SetSelected(sourceTypeName("phonebook"))
	f.path.SetText(file)
	test.Tap(button(t, overlay(t, w.win), "Add"))
	wantError(t, f.err, "already")

	w.tapSave()
	want := append(SampleConfig().Contacts.Sources, config.Source{Type: "phonebook", Path: file})
	if got := r.onlySaved(t).Contacts.Sources; !reflect.DeepEqual(got, want) {
		t.Errorf("sources %+v, want %+v", got, want)
	}
}

func TestAddServerSourceStoresPassword(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	f := addForm(t, w)
	f.typ.SetSelected(sourceTypeName("carddav"))
	if f.fileRows[1].Visible() || !f.url.Visible() || !f.user.Visible() || f.baseDN.Visible() {
		t.Error("CardDAV must show server, user and password")
	}
	f.url.SetText("ftp://cloud.example.de")
	test.Tap(button(t, overlay(t, w.win), "Add"))
	wantError(t, f.err, "not a web address")
	f.url.SetText("https://cloud.example.de/remote.php/dav/")
	f.user.SetText("anna")
	test.Type(f.password, "dav-pw")
	test.Tap(button(t, overlay(t, w.win), "Add"))

	f = addForm(t, w)
	f.typ.SetSelected(sourceTypeName("ldap"))
	f.url.SetText("ldap://127.0.0.1:3389")
	test.Tap(button(t, overlay(t, w.win), "Add"))
	wantError(t, f.err, "base DN") // from the LDAP source's own check
	f.baseDN.SetText("dc=test")
	f.startTLS.SetChecked(true)
	test.Tap(button(t, overlay(t, w.win), "Add"))
	w.tapSave()

	got := r.onlySaved(t).Contacts.Sources
	want := append(SampleConfig().Contacts.Sources,
		config.Source{Type: "carddav", URL: "https://cloud.example.de/remote.php/dav/", User: "anna"},
		config.Source{Type: "ldap", URL: "ldap://127.0.0.1:3389", BaseDN: "dc=test", StartTLS: true})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sources %+v, want %+v", got, want)
	}
	wantPW := [][2]string{{secrets.SourceAccount("https://cloud.example.de/remote.php/dav/"), "dav-pw"}}
	if !reflect.DeepEqual(r.passwords, wantPW) {
		t.Errorf("SetPassword calls %q, want %q", r.passwords, wantPW)
	}
}

func TestRemoveSource(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	f := addForm(t, w)
	f.typ.SetSelected(sourceTypeName("carddav"))
	f.url.SetText("https://cloud.example.de/dav/")
	test.Type(f.password, "pw")
	f.submit()
	// Removing the new source drops its password; removing the first
	// leaves the others in order.
	test.Tap(w.ed.contacts.rows[3].remove)
	test.Tap(w.ed.contacts.rows[0].remove)
	if n := len(w.ed.contacts.rows); n != 2 {
		t.Fatalf("%d rows left", n)
	}
	w.tapSave()
	if got, want := r.onlySaved(t).Contacts.Sources, SampleConfig().Contacts.Sources[1:]; !reflect.DeepEqual(got, want) {
		t.Errorf("sources %+v, want %+v", got, want)
	}
	if len(r.passwords) != 0 {
		t.Errorf("password of a removed source stored: %q", r.passwords)
	}
}

func TestSourceKeyringUnavailable(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	r.passwordErr = &secrets.UnavailableError{Err: os.ErrPermission}
	f := addForm(t, w)
	f.typ.SetSelected(sourceTypeName("ldap"))
	f.url.SetText("ldaps://dc2.example.local")
	f.baseDN.SetText("dc=example,dc=local")
	test.Type(f.password, "pw")
	f.submit()
	w.tapSave()
	if r.saveCount() != 0 {
		t.Fatal("saved although the source password was not stored")
	}
	wantError(t, w.ed.contacts.err, secrets.SourcePasswordEnv("ldap"))
	wantError(t, w.summary, "Contacts: ")
}
