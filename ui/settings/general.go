package settings

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/platform/hotkey"
	"deskcti/platform/panel"
)

// languages are the choices for [ui] language, as stored; "" follows the
// system. The languages are named in themselves, as everywhere.
var languages = []struct{ code, name string }{{"", ""}, {"de", "Deutsch"}, {"en", "English"}}

// trayIcons are the choices for [ui] tray_icons, as stored, and their
// labels' keys.
var trayIcons = []struct {
	shade panel.Shade
	key   string
}{
	{panel.Unknown, "settings.general.tray-icons.auto"},
	{panel.Light, "settings.general.tray-icons.light"},
	{panel.Dark, "settings.general.tray-icons.dark"},
}

// generalTab edits the language, autostart and how long calls are kept.
type generalTab struct {
	h            *Handlers
	language     *widget.Select
	trayIcons    *widget.Select
	autostart    *widget.Check
	autostartWas bool
	autostartErr *widget.Label
	keepDays     *widget.Entry
	keepErr      *widget.Label
	notify       *widget.Check
	links        *widget.Check
	linksWas     bool
	linksErr     *widget.Label
	hotkey       *widget.Entry
	hotkeyErr    *widget.Label
	confirm      *widget.Check
}

func newGeneralTab(h *Handlers, cfg config.Config) *generalTab {
	t := &generalTab{h: h}
	names := make([]string, len(languages))
	for i, l := range languages {
		names[i] = l.name
		if l.code == "" {
			names[i] = i18n.T("settings.language.system")
		}
	}
	t.language = widget.NewSelect(names, nil)
	t.language.SetSelectedIndex(0)
	for i, l := range languages {
		if strings.EqualFold(cfg.UI.Language, l.code) {
			t.language.SetSelectedIndex(i)
		}
	}
	iconNames := make([]string, len(trayIcons))
	for i, c := range trayIcons {
		iconNames[i] = i18n.T(c.key)
	}
	t.trayIcons = widget.NewSelect(iconNames, nil)
	t.trayIcons.SetSelectedIndex(0)
	set, _ := panel.Parse(cfg.UI.TrayIcons)
	for i, c := range trayIcons {
		if c.shade == set {
			t.trayIcons.SetSelectedIndex(i)
		}
	}
	t.autostart = widget.NewCheck(i18n.T("settings.general.autostart"), nil)
	if h.AutostartOn != nil {
		t.autostartWas = h.AutostartOn()
	}
	t.autostart.SetChecked(t.autostartWas)
	if h.Autostart == nil {
		t.autostart.Hide()
	}
	t.autostartErr = newErrorLabel()
	t.keepDays = widget.NewEntry()
	t.keepDays.SetPlaceHolder("0")
	if cfg.Journal.KeepDays != 0 {
		t.keepDays.SetText(strconv.Itoa(cfg.Journal.KeepDays))
	}
	t.keepErr = newErrorLabel()
	t.notify = widget.NewCheck(i18n.T("settings.general.notify"), nil)
	t.notify.SetChecked(!cfg.UI.NoNotifications)
	t.links = widget.NewCheck(i18n.T("settings.general.links"), nil)
	if h.LinkHandlersOn != nil {
		t.linksWas = h.LinkHandlersOn()
	}
	t.links.SetChecked(t.linksWas)
	if h.LinkHandlers == nil {
		t.links.Hide()
	}
	t.linksErr = newErrorLabel()
	t.hotkey = widget.NewEntry()
	t.hotkey.SetPlaceHolder(hotkey.Format(hotkey.Default()))
	t.hotkey.SetText(cfg.UI.Hotkey)
	t.hotkeyErr = newErrorLabel()
	t.confirm = widget.NewCheck(i18n.T("settings.general.confirm"), nil)
	t.confirm.SetChecked(cfg.UI.ConfirmDial)
	return t
}

func (t *generalTab) title() string { return i18n.T("settings.tab.general") }

func (t *generalTab) content() fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(form(
		label(i18n.T("settings.general.language")), field(t.language, newHint(i18n.T("settings.general.language.hint"))),
		label(i18n.T("settings.general.tray-icons")), field(t.trayIcons),
		label(""), field(t.autostart, t.autostartErr),
		label(""), field(t.notify),
		label(""), field(t.links, t.linksErr),
		label(i18n.T("settings.general.hotkey")), field(t.hotkey, t.hotkeyErr, newHint(i18n.T("settings.general.hotkey.hint"))),
		label(""), field(t.confirm),
		label(i18n.T("settings.general.keep-days")), field(t.keepDays, t.keepErr, newHint(i18n.T("settings.general.keep-days.hint"))),
	)))
}

func (t *generalTab) apply(cfg *config.Config) []error {
	cfg.UI.Language = languages[max(t.language.SelectedIndex(), 0)].code
	cfg.UI.TrayIcons = trayIcons[max(t.trayIcons.SelectedIndex(), 0)].shade.String()
	cfg.UI.NoNotifications = !t.notify.Checked
	cfg.UI.Hotkey = strings.TrimSpace(t.hotkey.Text)
	cfg.UI.ConfirmDial = t.confirm.Checked
	if k := cfg.UI.Hotkey; k != "" && !strings.EqualFold(k, "off") {
		if _, _, err := hotkey.Parse(k); err != nil {
			showError(t.hotkeyErr, err)
			return []error{err}
		}
	}
	showError(t.hotkeyErr, nil)
	cfg.Journal.KeepDays = 0
	s := strings.TrimSpace(t.keepDays.Text)
	if s == "" {
		showError(t.keepErr, nil)
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		err = errors.New(i18n.T("settings.general.keep-days.invalid", s))
		showError(t.keepErr, err)
		return []error{err}
	}
	showError(t.keepErr, nil)
	cfg.Journal.KeepDays = n
	return nil
}

// autostartChange is the switch's new state when the user changed it.
func (t *generalTab) autostartChange() (on, changed bool) {
	if t.h.Autostart == nil {
		return false, false
	}
	return t.autostart.Checked, t.autostart.Checked != t.autostartWas
}

// autostartDone notes that the system now has the switch's state.
func (t *generalTab) autostartDone() {
	t.autostartWas = t.autostart.Checked
	showError(t.autostartErr, nil)
}

func (t *generalTab) autostartFailed(err error) error {
	e := errors.New(explain(err))
	showError(t.autostartErr, e)
	return e
}

// linksChange is the link switch's new state when the user changed it.
func (t *generalTab) linksChange() (on, changed bool) {
	if t.h.LinkHandlers == nil {
		return false, false
	}
	return t.links.Checked, t.links.Checked != t.linksWas
}

func (t *generalTab) linksFailed(err error) error {
	showError(t.linksErr, err)
	return err
}
