package settings

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/secrets"
	"deskcti/contacts"
)

// sourcePassword is an address book password typed in the add dialog,
// stored in the keyring on save (not before: Cancel discards it too).
type sourcePassword struct {
	typ, url, password string
}

// sourceRow is what the tab shows for one source.
type sourceRow struct {
	status *widget.Label
	err    *widget.Label
	remove *widget.Button
}

// contactsTab edits [contacts]: the address books and min_suffix.
type contactsTab struct {
	h          *Handlers
	win        fyne.Window
	showStatus bool

	sources   []config.Source
	passwords []sourcePassword
	status    []contacts.Status
	list      *fyne.Container
	rows      []sourceRow
	add       *widget.Button
	minSuffix *widget.Entry
	suffixErr *widget.Label
	err       *widget.Label // keyring failures
	form      *sourceForm   // the add dialog last opened
	changed   func()        // called after a source was added or removed
}

func newContactsTab(h *Handlers, win fyne.Window, c config.Contacts, showStatus bool) *contactsTab {
	t := &contactsTab{h: h, win: win, showStatus: showStatus && h.SourceStatus != nil}
	t.sources = slices.Clone(c.Sources)
	t.list = container.NewVBox()
	t.add = widget.NewButtonWithIcon(i18n.T("settings.contacts.add"), theme.ContentAddIcon(), t.openAdd)
	t.minSuffix = widget.NewEntry()
	t.minSuffix.SetPlaceHolder("8")
	if c.MinSuffix != 0 {
		t.minSuffix.SetText(strconv.Itoa(c.MinSuffix))
	}
	t.suffixErr = newErrorLabel()
	t.err = newErrorLabel()
	if t.showStatus {
		t.status = h.SourceStatus()
	}
	t.rebuild()
	return t
}

func (t *contactsTab) title() string { return i18n.T("settings.tab.contacts") }

// content is the tab's fields, for the caller to scroll; the wizard
// leaves out min_suffix (advanced).
func (t *contactsTab) content(advanced bool) *fyne.Container {
	box := container.NewVBox(t.list, container.NewHBox(t.add), t.err)
	if advanced {
		box.Add(widget.NewSeparator())
		box.Add(form(label(i18n.T("settings.contacts.min-suffix")),
			field(t.minSuffix, t.suffixErr, newHint(i18n.T("settings.contacts.min-suffix.hint")))))
	}
	return box
}

// rebuild redraws the list after a source was added or removed.
func (t *contactsTab) rebuild() {
	t.rows = t.rows[:0]
	var objs []fyne.CanvasObject
	if len(t.sources) == 0 {
		objs = append(objs, newHint(i18n.T("settings.contacts.none")))
	}
	for i, s := range t.sources {
		row := sourceRow{status: newHint(""), err: newErrorLabel()}
		row.remove = widget.NewButtonWithIcon(i18n.T("settings.remove"), theme.DeleteIcon(), func() { t.removeAt(i) })
		kind := widget.NewLabelWithStyle(sourceTypeName(s.Type), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		where := widget.NewLabel(sourceWhere(s))
		where.Truncation = fyne.TextTruncateEllipsis
		info := container.NewVBox(kind, where)
		if t.showStatus {
			info.Add(row.status)
		}
		info.Add(row.err)
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewCenter(row.remove), info), widget.NewSeparator())
		t.rows = append(t.rows, row)
	}
	t.list.Objects = objs
	t.list.Refresh()
	t.showStatuses()
	if t.changed != nil {
		t.changed()
	}
}

// setStatus takes the address book's latest status.
func (t *contactsTab) setStatus(st []contacts.Status) {
	t.status = st
	t.showStatuses()
}

func (t *contactsTab) showStatuses() {
	for i, s := range t.sources {
		text, bad := statusText(s, t.status)
		t.rows[i].status.SetText(text)
		if bad {
			t.rows[i].status.Importance = widget.DangerImportance
		} else {
			t.rows[i].status.Importance = widget.LowImportance
		}
		t.rows[i].status.Refresh()
	}
}

// statusName is the name the address book gives the source (see the
// Name methods in contacts/...), to find its status.
func statusName(s config.Source) string {
	typ := strings.ToLower(s.Type)
	switch typ {
	case "ldap":
		return "ldap:" + strings.TrimSuffix(s.URL, "/") + "/" + s.BaseDN
	case "carddav":
		return "carddav:" + s.URL
	case "outlook":
		return "outlook:contacts"
	}
	return typ + ":" + s.Path
}

// statusText describes a source's last load; bad marks an error.
func statusText(s config.Source, all []contacts.Status) (text string, bad bool) {
	want := strings.TrimSuffix(statusName(s), "/")
	i := slices.IndexFunc(all, func(st contacts.Status) bool { return strings.TrimSuffix(st.Name, "/") == want })
	if i < 0 {
		return i18n.T("settings.contacts.status.pending"), false
	}
	st := all[i]
	switch {
	case st.Loading:
		return i18n.T("settings.contacts.status.loading"), false
	case st.Err != nil:
		return i18n.T("settings.contacts.status.error", st.Count, app.Explain(st.Err).Problem), true
	case strings.EqualFold(s.Type, "ldap"):
		return i18n.T("settings.contacts.status.per-call"), false
	case st.LastLoad.IsZero():
		return i18n.T("settings.contacts.status.pending"), false
	}
	return i18n.T("settings.contacts.status.loaded", st.Count, st.LastLoad.Format(i18n.T("settings.time-format"))), false
}

// sourceTypeName is how a source type is shown: "vCard file (.vcf)".
func sourceTypeName(typ string) string {
	typ = strings.ToLower(typ)
	if slices.Contains(sourceTypes, typ) {
		return i18n.T("settings.source." + typ)
	}
	return typ
}

// sourceWhere is the file or server a source reads.
func sourceWhere(s config.Source) string {
	switch {
	case s.Path != "":
		return s.Path
	case s.BaseDN != "":
		return s.URL + " (" + s.BaseDN + ")"
	}
	return s.URL
}

func (t *contactsTab) removeAt(i int) {
	removed := t.sources[i]
	t.sources = slices.Delete(t.sources, i, i+1)
	// A password typed for it and not stored yet goes with it, unless
	// another source uses the same server.
	if !slices.ContainsFunc(t.sources, func(s config.Source) bool { return s.URL == removed.URL }) {
		t.passwords = slices.DeleteFunc(t.passwords, func(p sourcePassword) bool { return p.url == removed.URL })
	}
	t.rebuild()
}

// added takes a source from the add dialog.
func (t *contactsTab) added(s config.Source, password string) {
	t.sources = append(t.sources, s)
	if password != "" {
		t.passwords = slices.DeleteFunc(t.passwords, func(p sourcePassword) bool { return p.url == s.URL })
		t.passwords = append(t.passwords, sourcePassword{typ: s.Type, url: s.URL, password: password})
	}
	t.rebuild()
}

// checkSource sets the source up the way the app will, without loading
// it, and says what is wrong. The password is a stand-in: whether one is
// stored is the keyring's business, not the settings'.
func checkSource(s config.Source) error {
	_, err := app.OpenBook(config.Config{Contacts: config.Contacts{Sources: []config.Source{s}}},
		app.BookOptions{Password: func(string, string) (string, error) { return "password", nil }})
	var se *app.SourceError
	if errors.As(err, &se) {
		return se.Err
	}
	return err
}

func (t *contactsTab) apply(cfg *config.Config) []error {
	var errs []error
	for i, s := range t.sources {
		err := checkSource(s)
		showError(t.rows[i].err, err)
		if err != nil {
			errs = append(errs, errors.New(sourceWhere(s)+": "+err.Error()))
		}
	}
	cfg.Contacts.Sources = slices.Clone(t.sources)
	cfg.Contacts.MinSuffix = 0
	if s := strings.TrimSpace(t.minSuffix.Text); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 6 || n > 15 {
			err = errors.New(i18n.T("settings.contacts.min-suffix.invalid", s))
			errs = append(errs, err)
			showError(t.suffixErr, err)
		} else {
			showError(t.suffixErr, nil)
			cfg.Contacts.MinSuffix = n
		}
	}
	return errs
}

// pendingPasswords are the passwords to store on save.
func (t *contactsTab) pendingPasswords() []sourcePassword { return slices.Clone(t.passwords) }

// passwordsStored forgets the passwords the keyring now has.
func (t *contactsTab) passwordsStored() {
	t.passwords = nil
	showError(t.err, nil)
}

// passwordFailed shows why the keyring did not take a source's password.
func (t *contactsTab) passwordFailed(p sourcePassword, err error) error {
	e := errors.New(app.Explain(err).Problem + "\n" +
		i18n.T("settings.contacts.password.env", p.url, secrets.SourcePasswordEnv(p.typ)))
	showError(t.err, e)
	return e
}
