package settings

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/actions"
	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/secrets"
	"deskcti/contacts"
	"deskcti/phone"

	"github.com/BurntSushi/toml"
)

func TestLoadShowsConfig(t *testing.T) {
	withLang(t, i18n.English)
	w, _ := newTestWindow(t, SampleConfig())
	p := w.ed.phone
	for name, c := range map[string][2]string{
		"vendor":      {p.vendor.Selected, "snom"},
		"url":         {p.url.Text, "https://192.168.1.20"},
		"user":        {p.user.Text, "admin"},
		"fingerprint": {p.fpLabel.Text, SampleConfig().Phone.Fingerprint},
		"connect":     {p.connect.Text, "2s"},
		"timeout":     {p.total.Text, "5s"},
		"password":    {p.pwStatus.Text, "Stored in the system keyring."},
		"port":        {w.receiver.port.Text, "8080"},
		"host":        {w.receiver.host.Selected, "192.168.1.10"},
		"allow":       {w.receiver.allow.Text, "192.168.1.0/24"},
		"country":     {w.dial.country.Text, "DE – Germany"},
		"area":        {w.dial.area.Text, "221"},
		"outside":     {w.dial.outside.Text, "0"},
		"extension":   {w.dial.ext.Text, "3"},
		"keep days":   {w.ed.general.keepDays.Text, "90"},
		"language":    {w.ed.general.language.Selected, "System"},
		"tray icons":  {w.ed.general.trayIcons.Selected, "Match the panel (automatic)"},
	} {
		if c[0] != c[1] {
			t.Errorf("%s shows %q, want %q", name, c[0], c[1])
		}
	}
	if !w.receiver.removeExit.Checked || p.insecure.Checked || !w.ed.general.autostart.Checked {
		t.Error("remove-on-exit, insecure or autostart switch does not match the config")
	}
	// Loopback and 169.254 addresses are never offered: the phone cannot
	// reach them (seed step 16).
	if got, want := w.receiver.host.Options, []string{"Automatic (the address towards the phone)", "192.168.1.10", "10.8.0.2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("host choices %q, want %q", got, want)
	}
	if len(w.ed.contacts.rows) != 3 || len(w.actions.rows) != 1 {
		t.Errorf("%d source rows, %d action rows; want 3 and 1", len(w.ed.contacts.rows), len(w.actions.rows))
	}
	if got := texts(w.actions.box); !strings.Contains(got, "CRM") || !strings.Contains(got, "Incoming call → https://crm.example/search?phone={e164}") {
		t.Errorf("action row shows %q", got)
	}
}

// Saving an unchanged window gives back exactly the config it was opened
// with: nothing is lost or defaulted on the way through the fields.
func TestSaveUnchangedRoundTrips(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	w.tapSave()
	if got := r.onlySaved(t); !reflect.DeepEqual(got, SampleConfig()) {
		t.Errorf("saved\n%+v\nwant\n%+v", got, SampleConfig())
	}
	if isOpen(w.win) {
		t.Error("window still open after a successful save")
	}
}

func TestSaveChangedFields(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	p := w.ed.phone
	p.vendor.SetSelected("Yealink")
	p.url.SetText("192.168.1.30")
	p.user.SetText("cti")
	p.insecure.SetChecked(true)
	if !p.insecureWarn.Visible() {
		t.Error("no warning with the insecure switch on")
	}
	p.total.SetText("8")
	w.receiver.port.SetText("8090")
	w.receiver.host.SetSelected("10.8.0.2")
	w.receiver.allow.SetText("192.168.1.0/24\n\n 10.0.0.5 \n")
	w.receiver.deny.SetText("192.168.1.99")
	w.receiver.removeExit.SetChecked(false)
	w.dial.country.SetText("AT")
	w.dial.area.SetText("1")
	w.dial.outside.SetText("")
	w.dial.ext.SetText("")
	w.dial.local.SetChecked(true)
	w.ed.contacts.minSuffix.SetText("9")
	w.ed.general.language.SetSelected("Deutsch")
	w.ed.general.trayIcons.SetSelected("Light icon for a dark panel")
	w.ed.general.keepDays.SetText("30")
	w.tapSave()

	want := SampleConfig()
	want.Phone.Vendor = "yealink"
	want.Phone.URL = "192.168.1.30"
	want.Phone.User = "cti"
	want.Phone.Insecure = true
	want.Phone.Timeout = config.Duration(8 * time.Second)
	want.Receiver = config.Receiver{Listen: "0.0.0.0:8090", Host: "10.8.0.2",
		Allow: []string{"192.168.1.0/24", "10.0.0.5"}, Deny: []string{"192.168.1.99"}}
	want.Dial = config.Dial{Country: "AT", AreaCode: "1", LocalWithoutAreaCode: true}
	want.Contacts.MinSuffix = 9
	want.UI.Language = "de"
	want.UI.TrayIcons = "dark"
	want.Journal.KeepDays = 30
	if got := r.onlySaved(t); !reflect.DeepEqual(got, want) {
		t.Errorf("saved\n%+v\nwant\n%+v", got, want)
	}
}

func TestInvalidFieldsBlockSave(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	w.dial.area.SetText("0221")
	w.receiver.allow.SetText("192.168.1.0/24\n10.10.*.*")
	w.receiver.port.SetText("80800")
	w.ed.phone.connect.SetText("soon")
	w.tapSave()

	if n := r.saveCount(); n != 0 {
		t.Fatalf("Save called %d times with invalid fields", n)
	}
	wantError(t, w.dial.areaErr, "without the leading 0")
	wantError(t, w.receiver.allowErr, "Line 2:")
	wantError(t, w.receiver.allowErr, "10.10.*.*")
	wantError(t, w.receiver.portErr, "80800")
	wantError(t, w.ed.phone.connectErr, "Connect timeout")
	// Every problem at once, each with its tab.
	for _, s := range []string{"Phone: ", "Call events: Line 2", "Dial rules: ", "80800"} {
		wantError(t, w.summary, s)
	}
	if w.tabs.Selected() != w.items[w.ed.phone] {
		t.Error("the window did not turn to the first problem's tab")
	}
	// What the user typed is still there, and the window is open.
	if w.dial.area.Text != "0221" || w.receiver.allow.Text != "192.168.1.0/24\n10.10.*.*" || !isOpen(w.win) {
		t.Error("a failed save lost the user's input or closed the window")
	}
	// Fixed, it saves and the errors go.
	w.dial.area.SetText("221")
	w.receiver.allow.SetText("10.10.0.0/16")
	w.receiver.port.SetText("8080")
	w.ed.phone.connect.SetText("3s")
	w.tapSave()
	if got := r.onlySaved(t); got.Dial.AreaCode != "221" || got.Receiver.Allow[0] != "10.10.0.0/16" {
		t.Errorf("saved %+v", got)
	}
	if w.dial.areaErr.Visible() || w.summary.Visible() {
		t.Error("errors still shown after a good save")
	}
}

// The allow list is checked while the user types.
func TestAllowListCheckedAsTyped(t *testing.T) {
	w, _ := newTestWindow(t, SampleConfig())
	test.Type(w.receiver.deny, "\n192.168.1.300")
	wantError(t, w.receiver.denyErr, "192.168.1.300")
	w.receiver.deny.SetText("192.168.1.30")
	if w.receiver.denyErr.Visible() {
		t.Error("error still shown for a valid entry")
	}
}

func TestInvalidActionBlocksSave(t *testing.T) {
	cfg := SampleConfig()
	cfg.Actions = append(cfg.Actions, actions.Action{Name: "Log", On: []string{"ringing"}, Run: "crm-log"})
	w, r := newTestWindow(t, cfg)
	wantError(t, w.actions.rows[1].err, `unknown event "ringing"`)
	w.tapSave()
	if r.saveCount() != 0 {
		t.Fatal("saved with an invalid action")
	}
	wantError(t, w.summary, "Log: ")
	test.Tap(w.actions.rows[1].remove)
	w.tapSave()
	if got := r.onlySaved(t).Actions; !reflect.DeepEqual(got, SampleConfig().Actions) {
		t.Errorf("actions %+v", got)
	}
}

func TestPhonePasswordGoesToKeyring(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	p := w.ed.phone
	p.url.SetText("https://192.168.1.21")
	p.user.SetText("cti")
	test.Type(p.password, "s3cret!")
	w.tapSave()

	want := [2]string{secrets.PhoneAccount("cti", "https://192.168.1.21"), "s3cret!"}
	if len(r.passwords) != 1 || r.passwords[0] != want {
		t.Errorf("SetPassword calls %q, want %q", r.passwords, want)
	}
	var file strings.Builder
	if err := toml.NewEncoder(&file).Encode(r.onlySaved(t)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(file.String(), "s3cret") {
		t.Errorf("the password reached the config:\n%s", file.String())
	}
	if p.password.Text != "" {
		t.Error("the password field keeps the password after it was stored")
	}
}

func TestKeyringUnavailable(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	r.passwordErr = &secrets.UnavailableError{Err: errors.New("The name org.freedesktop.secrets was not provided")}
	test.Type(w.ed.phone.password, "pw")
	w.tapSave()

	if r.saveCount() != 0 {
		t.Fatal("settings saved although the password could not be stored")
	}
	wantError(t, w.ed.phone.pwErr, "keyring cannot be used")
	wantError(t, w.ed.phone.pwErr, secrets.PhonePasswordEnv)
	wantError(t, w.ed.phone.pwErr, "empty the password field")
	wantError(t, w.summary, "Phone: ")
	if !isOpen(w.win) || w.ed.phone.password.Text != "pw" || w.saveBtn.Disabled() {
		t.Error("after the failure the window must stay open with the input and Save enabled")
	}
	// Without the password the rest saves.
	w.ed.phone.password.SetText("")
	w.tapSave()
	r.onlySaved(t)
}

func TestFingerprintAccept(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	p := w.ed.phone
	test.Tap(p.fpReset)
	if p.fpLabel.Text != "none accepted yet" || !p.fpReset.Disabled() {
		t.Fatalf("after Reset: %q", p.fpLabel.Text)
	}
	p.url.SetText("https://192.168.1.22")
	r.fingerprint = "11:22:33"
	test.Tap(p.fpAccept)
	settle(&w.ed.bg)
	if r.fingerprintURL != "https://192.168.1.22" {
		t.Errorf("fingerprint fetched from %q", r.fingerprintURL)
	}
	// The user sees the value before it is pinned; declining keeps none.
	dlg := overlay(t, w.win)
	if !strings.Contains(texts(dlg), "11:22:33") {
		t.Fatalf("confirmation does not show the fingerprint: %q", texts(dlg))
	}
	test.Tap(button(t, dlg, "Cancel"))
	if p.fingerprint != "" {
		t.Fatal("fingerprint taken without confirmation")
	}
	test.Tap(p.fpAccept)
	settle(&w.ed.bg)
	test.Tap(button(t, overlay(t, w.win), "Accept"))
	if p.fpLabel.Text != "11:22:33" {
		t.Errorf("fingerprint shows %q", p.fpLabel.Text)
	}
	w.tapSave()
	if got := r.onlySaved(t).Phone.Fingerprint; got != "11:22:33" {
		t.Errorf("saved fingerprint %q", got)
	}
}

func TestFingerprintOnlyForHTTPSAndErrorsShown(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	p := w.ed.phone
	p.url.SetText("192.168.1.20")
	if !p.fpAccept.Disabled() {
		t.Error("Accept enabled for a plain-HTTP address")
	}
	p.url.SetText("https://192.168.1.20")
	r.fingerprintErr = errors.New("connection refused")
	test.Tap(p.fpAccept)
	settle(&w.ed.bg)
	wantError(t, p.fpErr, "connection refused")
	if p.fpAccept.Disabled() || p.fpAccept.Text != "Accept…" {
		t.Error("Accept button not back after the failure")
	}
}

func TestDialPreviewFollowsOutsideLine(t *testing.T) {
	withLang(t, i18n.English)
	w, _ := newTestWindow(t, SampleConfig())
	d := w.dial
	for _, c := range []struct{ outside, want string }{
		{"0", "+49 (0)221 / 98765-43 → 002219876543"},
		{"", "+49 (0)221 / 98765-43 → 02219876543"},
		{"9", "+49 (0)221 / 98765-43 → 902219876543"},
	} {
		d.outside.SetText(c.outside)
		if d.preview.Text != c.want {
			t.Errorf("outside line %q: preview %q, want %q", c.outside, d.preview.Text, c.want)
		}
	}
	d.outside.SetText("0-")
	wantError(t, d.outErr, "digits only")
	if d.preview.Text != "(correct the dial rules above)" {
		t.Errorf("preview with invalid rules: %q", d.preview.Text)
	}
	d.outside.SetText("0")
	d.sample.SetText("23")
	if d.preview.Text != "23 → 23 (internal)" {
		t.Errorf("extension preview %q", d.preview.Text)
	}
	d.country.SetText("XY")
	wantError(t, d.countryErr, `unknown country "XY"`)
	if d.areaErr.Visible() {
		t.Error("area code judged against an unknown country")
	}
}

func TestSourceStatusRows(t *testing.T) {
	withLang(t, i18n.English)
	w, _ := newTestWindow(t, SampleConfig())
	c := w.ed.contacts
	rows := c.rows
	if got := rows[0].status.Text; got != "412 contacts, read 2026-11-30 08:15" {
		t.Errorf("vCard row: %q", got)
	}
	if got := rows[1].status.Text; !strings.Contains(got, "18230 contacts; error:") || !strings.Contains(got, "kunden.csv:4711") ||
		rows[1].status.Importance != widget.DangerImportance {
		t.Errorf("CSV row: %q (importance %v)", got, rows[1].status.Importance)
	}
	if got := rows[2].status.Text; got != "asked during each call" {
		t.Errorf("LDAP row: %q", got)
	}
	c.setStatus([]contacts.Status{{Name: "vcard:/home/anna/Kontakte.vcf", Loading: true, Count: 412}})
	if got := rows[0].status.Text; got != "loading…" {
		t.Errorf("loading row: %q", got)
	}
	if got := rows[1].status.Text; got != "Read after saving" || rows[1].status.Importance == widget.DangerImportance {
		t.Errorf("row without status: %q", got)
	}
}

func TestAutostart(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	w.ed.general.autostart.SetChecked(false)
	w.tapSave()
	if !reflect.DeepEqual(r.autostart, []bool{false}) {
		t.Errorf("Autostart calls %v", r.autostart)
	}

	h := SampleHandlers()
	h.Autostart = nil
	w2 := New(test.NewTempApp(t), SampleConfig(), h)
	if w2.ed.general.autostart.Visible() {
		t.Error("autostart shown without a handler")
	}
}

func TestAutostartFailureStopsSave(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	r.autostartErr = errors.New("cannot write ~/.config/autostart/deskcti.desktop")
	w.ed.general.autostart.SetChecked(false)
	w.tapSave()
	wantError(t, w.ed.general.autostartErr, "deskcti.desktop")
	if r.saveCount() != 0 || !isOpen(w.win) {
		t.Error("saved or closed although autostart failed")
	}
}

func TestSaveFailureKeepsWindow(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	r.saveErr = errors.New("write /home/anna/.config/deskcti/config.toml: no space left on device")
	w.tapSave()
	wantError(t, w.summary, "no space left on device")
	if !isOpen(w.win) || w.saveBtn.Disabled() || w.saveBtn.Text != i18n.T("settings.save") {
		t.Error("window closed or Save left disabled after a failed save")
	}
}

func TestCancelDiscards(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	w.ed.phone.url.SetText("10.0.0.1")
	test.Type(w.ed.phone.password, "pw")
	closed := 0
	w.SetOnClosed(func() { closed++ })
	test.Tap(w.cancelBtn)
	settle(&w.ed.bg)
	if r.saveCount() != 0 || len(r.passwords) != 0 || isOpen(w.win) || closed != 1 {
		t.Errorf("Cancel: %d saves, passwords %q, open %v, closed callbacks %d", r.saveCount(), r.passwords, isOpen(w.win), closed)
	}
}

func TestSaveAndTest(t *testing.T) {
	w, r := newTestWindow(t, SampleConfig())
	test.Tap(w.testBtn)
	settle(&w.ed.bg)
	if r.saveCount() != 1 || r.tests != 1 || !isOpen(w.win) {
		t.Errorf("saves %d, tests %d, open %v; want 1, 1, true", r.saveCount(), r.tests, isOpen(w.win))
	}
}

// Every text of the window is translated in both languages: no key shows
// through, and the tabs have their German names.
func TestLanguages(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.German, i18n.English} {
		t.Run(string(l), func(t *testing.T) {
			withLang(t, l)
			w, _ := newTestWindow(t, SampleConfig())
			var all strings.Builder
			for _, item := range w.tabs.Items {
				all.WriteString(item.Text + "\n" + texts(item.Content))
			}
			test.Tap(w.ed.contacts.add)
			all.WriteString(texts(overlay(t, w.win)))
			test.Tap(w.actions.rows[0].edit)
			all.WriteString(texts(overlay(t, w.win)))
			if strings.Contains(all.String(), "settings.") {
				t.Errorf("untranslated keys in:\n%s", all.String())
			}
			want := map[i18n.Lang][]string{
				i18n.German:  {"Wählregeln", "Amtsholung", "Anrufereignisse", "Eingehender Anruf", "Adressbuch hinzufügen", "412 Kontakte, gelesen 30.11.2026 08:15"},
				i18n.English: {"Dial rules", "Outside line", "Call events", "Incoming call", "Add address book", "412 contacts, read 2026-11-30 08:15"},
			}[l]
			for _, s := range want {
				if !strings.Contains(all.String(), s) {
					t.Errorf("%q not shown", s)
				}
			}
		})
	}
}

// Every catalog key the package builds at run time exists.
func TestDynamicKeys(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.German, i18n.English} {
		t.Run(string(l), func(t *testing.T) {
			withLang(t, l)
			c, err := i18n.Catalog(l)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, k := range countries {
				keys = append(keys, "settings.country."+k)
			}
			for _, k := range sourceTypes {
				keys = append(keys, "settings.source."+k)
			}
			for _, k := range keys {
				if _, ok := c[k]; !ok {
					t.Errorf("lacks %q", k)
				}
			}
			for _, k := range phone.EventKinds {
				if eventName(string(k)) == string(k) {
					t.Errorf("event %q has no name", k)
				}
			}
		})
	}
}

// The screenshot helpers build and draw without any backend, in both
// languages, the wizard on every page.
func TestSampleRenders(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.German, i18n.English} {
		t.Run(string(l), func(t *testing.T) {
			withLang(t, l)
			a := test.NewTempApp(t)
			w := Sample(a)
			for i := range w.tabs.Items {
				w.tabs.SelectIndex(i)
				if img := w.Window().Canvas().Capture(); img.Bounds().Dx() < 600 {
					t.Errorf("tab %d drawn %v wide", i, img.Bounds().Dx())
				}
			}
			z := SampleWizard(a)
			for p := range pageCount {
				z.show(p)
				if img := z.Window().Canvas().Capture(); img.Bounds().Empty() {
					t.Errorf("wizard page %d not drawn", p)
				}
			}
		})
	}
}
