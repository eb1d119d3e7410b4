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

func newTestWizard(t *testing.T) (*Wizard, *recorder) {
	t.Helper()
	r := &recorder{}
	z := NewWizard(test.NewTempApp(t), config.Default(), r.handlers())
	settle(&z.ed.bg)
	return z, r
}

// tapNext taps Next (or Skip, Finish) and waits for saving.
func (z *Wizard) tapNext() {
	test.Tap(z.next)
	settle(&z.ed.bg)
}

func TestWizardWalksThroughAndSaves(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.German, i18n.English} {
		t.Run(string(l), func(t *testing.T) {
			withLang(t, l)
			z, r := newTestWizard(t)
			var finished []bool
			z.SetOnClosed(func(ok bool) { finished = append(finished, ok) })
			if !z.back.Disabled() || z.page != pagePhone {
				t.Fatal("the wizard must start on the phone page without Back")
			}
			p := z.ed.phone
			p.vendor.SetSelected("Yealink")
			p.url.SetText("192.168.1.20")
			p.user.SetText("admin")
			test.Type(p.password, "adminpass")
			z.tapNext()

			// Saved after the phone page, so that the test checks it.
			if z.page != pageTest || r.saveCount() != 1 {
				t.Fatalf("page %d after Next, %d saves", z.page, r.saveCount())
			}
			want := config.Default()
			want.Phone.Vendor, want.Phone.URL, want.Phone.User = "yealink", "192.168.1.20", "admin"
			if got := r.saved[0]; !reflect.DeepEqual(got, want) {
				t.Errorf("saved %+v, want %+v", got, want)
			}
			if w := [2]string{secrets.PhoneAccount("admin", "192.168.1.20"), "adminpass"}; len(r.passwords) != 1 || r.passwords[0] != w {
				t.Errorf("SetPassword calls %q", r.passwords)
			}
			test.Tap(z.testBtn)
			if r.tests != 1 {
				t.Error("Test did not open the test dialog")
			}
			z.tapNext()
			if z.page != pageContacts || z.next.Text != i18n.T("settings.wizard.skip") {
				t.Fatalf("page %d, next %q", z.page, z.next.Text)
			}
			file := filepath.Join(t.TempDir(), "k.vcf")
			if err := os.WriteFile(file, []byte("BEGIN:VCARD\nEND:VCARD\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			test.Tap(z.ed.contacts.add)
			z.ed.contacts.form.path.SetText(file)
			test.Tap(button(t, overlay(t, z.win), i18n.T("settings.contacts.add.ok")))
			if z.next.Text != i18n.T("settings.wizard.next") {
				t.Errorf("next %q with a source", z.next.Text)
			}
			z.tapNext()
			if z.page != pageDone || z.next.Text != i18n.T("settings.wizard.finish") {
				t.Fatalf("page %d, next %q", z.page, z.next.Text)
			}
			z.tapNext()
			if r.saveCount() != 2 {
				t.Fatalf("%d saves, want 2", r.saveCount())
			}
			want.Contacts.Sources = []config.Source{{Type: "vcard", Path: file}}
			if got := r.saved[1]; !reflect.DeepEqual(got, want) {
				t.Errorf("final save %+v, want %+v", got, want)
			}
			if len(r.passwords) != 1 {
				t.Error("the phone password was stored twice")
			}
			if isOpen(z.win) || !reflect.DeepEqual(finished, []bool{true}) {
				t.Errorf("after Finish: open %v, closed callbacks %v", isOpen(z.win), finished)
			}
		})
	}
}

func TestWizardNeedsAddress(t *testing.T) {
	withLang(t, i18n.English)
	z, r := newTestWizard(t)
	z.tapNext()
	if z.page != pagePhone || r.saveCount() != 0 {
		t.Fatal("left the phone page without an address")
	}
	wantError(t, z.ed.phone.urlErr, "Enter the phone's address")
	wantError(t, z.errs, "Enter the phone's address")
	z.ed.phone.url.SetText("192.168.1.20")
	z.tapNext()
	test.Tap(z.back)
	if z.page != pagePhone {
		t.Error("Back does not return to the phone page")
	}
	var finished []bool
	z.SetOnClosed(func(ok bool) { finished = append(finished, ok) })
	z.Window().Close()
	if !reflect.DeepEqual(finished, []bool{false}) {
		t.Errorf("closing early reports %v", finished)
	}
}
