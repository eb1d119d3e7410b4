package settings

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/secrets"
)

// vendors are the phone families, as stored and as shown.
var vendors = []struct{ id, name string }{{"snom", "snom"}, {"yealink", "Yealink"}}

// fingerprintTimeout bounds fetching the phone's certificate: longer than
// the phone's own timeouts, short enough that the button comes back.
const fingerprintTimeout = 20 * time.Second

// phoneTab edits [phone] and the phone's password.
type phoneTab struct {
	h   *Handlers
	bg  *background
	win fyne.Window

	vendor   *widget.Select
	url      *widget.Entry
	urlErr   *widget.Label
	user     *widget.Entry
	outgoing *widget.Entry

	password *widget.Entry
	pwStatus *widget.Label
	pwErr    *widget.Label
	pwGen    int // the latest HasPassword request; older answers are dropped

	fingerprint string
	fpLabel     *widget.Label
	fpAccept    *widget.Button
	fpReset     *widget.Button
	fpErr       *widget.Label

	insecure     *widget.Check
	insecureWarn *widget.Label

	connect, total       *widget.Entry
	connectErr, totalErr *widget.Label
}

func newPhoneTab(h *Handlers, bg *background, win fyne.Window, p config.Phone) *phoneTab {
	t := &phoneTab{h: h, bg: bg, win: win}
	names := make([]string, len(vendors))
	for i, v := range vendors {
		names[i] = v.name
	}
	t.vendor = widget.NewSelect(names, nil)
	t.url = widget.NewEntry()
	t.url.SetPlaceHolder("192.168.1.20")
	t.urlErr = newErrorLabel()
	t.user = widget.NewEntry()
	t.user.SetPlaceHolder("admin")
	t.outgoing = widget.NewEntry()
	t.outgoing.SetPlaceHolder("201@pbx")
	t.password = widget.NewPasswordEntry()
	t.pwStatus = newHint("")
	t.pwErr = newErrorLabel()
	t.fpLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	t.fpLabel.Wrapping = fyne.TextWrapBreak
	t.fpAccept = widget.NewButton(i18n.T("settings.phone.fingerprint.accept"), t.fetchFingerprint)
	t.fpReset = widget.NewButton(i18n.T("settings.phone.fingerprint.reset"), func() { t.setFingerprint("") })
	t.fpErr = newErrorLabel()
	t.insecureWarn = newErrorLabel()
	t.insecure = widget.NewCheck(i18n.T("settings.phone.insecure"), func(on bool) {
		if on {
			showError(t.insecureWarn, errors.New(i18n.T("settings.phone.insecure.warning")))
		} else {
			showError(t.insecureWarn, nil)
		}
	})
	t.connect, t.total = widget.NewEntry(), widget.NewEntry()
	t.connectErr, t.totalErr = newErrorLabel(), newErrorLabel()

	t.load(p)
	// Wired after load so that loading does not ask the keyring per field.
	t.url.OnChanged = func(string) { t.addressChanged() }
	t.user.OnChanged = func(string) { t.refreshPassword() }
	t.password.OnChanged = func(string) { t.refreshPassword() }
	t.addressChanged()
	return t
}

func (t *phoneTab) title() string { return i18n.T("settings.tab.phone") }

func (t *phoneTab) load(p config.Phone) {
	t.vendor.SetSelectedIndex(0)
	for i, v := range vendors {
		if strings.EqualFold(p.Vendor, v.id) {
			t.vendor.SetSelectedIndex(i)
		}
	}
	t.url.SetText(p.URL)
	t.user.SetText(p.User)
	t.outgoing.SetText(p.OutgoingURI)
	t.setFingerprint(p.Fingerprint)
	t.insecure.SetChecked(p.Insecure)
	t.connect.SetText(p.ConnectTimeout.D().String())
	t.total.SetText(p.Timeout.D().String())
}

// basicRows are what the wizard asks: vendor, address, user, password, and
// the certificate for an https address.
func (t *phoneTab) basicRows() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		label(i18n.T("settings.phone.vendor")), t.vendor,
		label(i18n.T("settings.phone.address")), field(t.url, t.urlErr, newHint(i18n.T("settings.phone.address.hint"))),
		label(i18n.T("settings.phone.user")), t.user,
		label(i18n.T("settings.phone.password")), field(t.password, t.pwStatus, t.pwErr),
		label(i18n.T("settings.phone.fingerprint")), field(t.fpLabel,
			container.NewHBox(t.fpAccept, t.fpReset), t.fpErr),
	}
}

// content is the whole tab, one form so that the fields line up; test,
// when not nil, is the "save and test" button the window adds.
func (t *phoneTab) content(test fyne.CanvasObject) fyne.CanvasObject {
	rows := append(t.basicRows(),
		label(""), field(t.insecure, t.insecureWarn),
		label(i18n.T("settings.phone.connect-timeout")), field(t.connect, t.connectErr),
		label(i18n.T("settings.phone.timeout")), field(t.total, t.totalErr),
		label(i18n.T("settings.phone.outgoing")), field(t.outgoing, newHint(i18n.T("settings.phone.outgoing.hint"))),
	)
	box := container.NewVBox(form(rows...))
	if test != nil {
		box.Add(container.NewHBox(test))
	}
	return container.NewVScroll(box)
}

// apply writes the fields into cfg.Phone; the password stays out.
func (t *phoneTab) apply(cfg *config.Config) []error {
	var errs fieldErrors
	p := &cfg.Phone
	p.Vendor = vendors[max(t.vendor.SelectedIndex(), 0)].id
	p.URL = strings.TrimSpace(t.url.Text)
	errs.check(t.urlErr, checkPhoneURL(p.URL))
	p.User = strings.TrimSpace(t.user.Text)
	p.OutgoingURI = strings.TrimSpace(t.outgoing.Text)
	p.Fingerprint = t.fingerprint
	p.Insecure = t.insecure.Checked
	var err error
	p.ConnectTimeout, err = parseTimeout(i18n.T("settings.phone.connect-timeout"), t.connect.Text)
	errs.check(t.connectErr, err)
	p.Timeout, err = parseTimeout(i18n.T("settings.phone.timeout"), t.total.Text)
	errs.check(t.totalErr, err)
	return errs
}

// checkPhoneURL accepts a bare host ("192.168.1.20", "phone:8080") or an
// http(s) URL, the forms the phone driver takes; empty means no phone yet.
func checkPhoneURL(s string) error {
	if s == "" {
		return nil
	}
	raw := s
	if !strings.Contains(s, "://") {
		raw = "http://" + s
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil, u.Hostname() == "", u.Scheme != "http" && u.Scheme != "https":
		return errors.New(i18n.T("settings.phone.address.invalid", s))
	}
	return nil
}

// parseTimeout reads "5s", "1500ms" or a plain number of seconds.
func parseTimeout(name, s string) (config.Duration, error) {
	s = strings.TrimSpace(s)
	d, err := time.ParseDuration(s)
	if n, nerr := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64); nerr == nil {
		d, err = time.Duration(n*float64(time.Second)), nil
	}
	if err != nil || d <= 0 {
		return 0, errors.New(i18n.T("settings.phone.timeout.invalid", name))
	}
	return config.Duration(d), nil
}

// account is the keyring account of the password for the address and user
// in the fields.
func (t *phoneTab) account() string {
	return secrets.PhoneAccount(strings.TrimSpace(t.user.Text), strings.TrimSpace(t.url.Text))
}

// addressChanged re-enables the certificate buttons for https and asks the
// keyring again, since the password is stored per address.
func (t *phoneTab) addressChanged() {
	if t.h.Fingerprint != nil && strings.HasPrefix(strings.ToLower(strings.TrimSpace(t.url.Text)), "https://") {
		t.fpAccept.Enable()
	} else {
		t.fpAccept.Disable()
	}
	t.refreshPassword()
}

// refreshPassword says whether a password is stored for the account in the
// fields; the keyring is asked off the Fyne goroutine because it may
// prompt the user to unlock it.
func (t *phoneTab) refreshPassword() {
	t.pwGen++
	switch {
	case t.password.Text != "":
		t.pwStatus.SetText(i18n.T("settings.phone.password.pending"))
		return
	case t.h.HasPassword == nil:
		t.pwStatus.SetText("")
		return
	}
	gen, account := t.pwGen, t.account()
	t.bg.run(func() func() {
		has := t.h.HasPassword(account)
		return func() {
			if gen != t.pwGen {
				return
			}
			if has {
				t.pwStatus.SetText(i18n.T("settings.phone.password.stored"))
			} else {
				t.pwStatus.SetText(i18n.T("settings.phone.password.none", secrets.PhonePasswordEnv))
			}
		}
	})
}

// pendingPassword is the password typed in, to be stored on save.
func (t *phoneTab) pendingPassword() (account, password string, ok bool) {
	if t.password.Text == "" {
		return "", "", false
	}
	return t.account(), t.password.Text, true
}

// passwordStored clears the field once the keyring has the password.
func (t *phoneTab) passwordStored() {
	showError(t.pwErr, nil)
	t.password.SetText("")
}

// passwordFailed shows why the keyring did not take the password, and how
// to save without it.
func (t *phoneTab) passwordFailed(err error) error {
	e := errors.New(explain(err) + "\n" + i18n.T("settings.phone.password.clear"))
	showError(t.pwErr, e)
	return e
}

func (t *phoneTab) setFingerprint(fp string) {
	t.fingerprint = fp
	if fp == "" {
		t.fpLabel.SetText(i18n.T("settings.phone.fingerprint.none"))
		t.fpReset.Disable()
	} else {
		t.fpLabel.SetText(fp)
		t.fpReset.Enable()
	}
}

// fetchFingerprint gets the certificate's fingerprint from the phone and
// asks the user to compare it before it is pinned.
func (t *phoneTab) fetchFingerprint() {
	if t.h.Fingerprint == nil {
		return
	}
	phoneURL := strings.TrimSpace(t.url.Text)
	t.fpAccept.Disable()
	t.fpAccept.SetText(i18n.T("settings.phone.fingerprint.fetching"))
	showError(t.fpErr, nil)
	t.bg.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), fingerprintTimeout)
		defer cancel()
		fp, err := t.h.Fingerprint(ctx, phoneURL)
		return func() {
			t.fpAccept.SetText(i18n.T("settings.phone.fingerprint.accept"))
			t.addressChanged()
			if err != nil {
				showError(t.fpErr, errors.New(explain(err)))
				return
			}
			t.confirmFingerprint(phoneURL, fp)
		}
	})
}

func (t *phoneTab) confirmFingerprint(phoneURL, fp string) {
	value := widget.NewLabelWithStyle(fp, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	value.Wrapping = fyne.TextWrapBreak
	value.Selectable = true
	text := widget.NewLabel(i18n.T("settings.phone.fingerprint.compare", phoneURL))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(i18n.T("settings.phone.fingerprint"), i18n.T("settings.phone.fingerprint.confirm"),
		i18n.T("settings.cancel"), container.NewVBox(text, value), func(ok bool) {
			if ok {
				t.setFingerprint(fp)
			}
		}, t.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}
