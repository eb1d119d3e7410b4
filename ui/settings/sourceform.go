package settings

import (
	"errors"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
)

// sourceTypes are the address book types, in the order they are offered.
var sourceTypes = []string{"vcard", "csv", "phonebook", "ldap", "carddav", "outlook"}

// fileExtensions are what the file dialog shows per file type.
var fileExtensions = map[string][]string{
	"vcard":     {".vcf", ".vcard"},
	"csv":       {".csv", ".txt"},
	"phonebook": {".xml"},
}

// sourceForm is the "add address book" dialog: the type first, then a
// file or the server's fields.
type sourceForm struct {
	tab   *contactsTab
	types []string // offered types, in the select's order

	typ                       *widget.Select
	path                      *widget.Entry
	browse                    *widget.Button
	url, user, baseDN, bindDN *widget.Entry
	startTLS                  *widget.Check
	password                  *widget.Entry
	err                       *widget.Label
	// label/field pairs shown per type: files; LDAP and CardDAV (URL,
	// password); LDAP only; CardDAV only (user).
	fileRows, serverRows, ldapRows, davRows []fyne.CanvasObject
	grid                                    *fyne.Container
	dialog                                  dialog.Dialog
}

// openAdd shows the add dialog.
func (t *contactsTab) openAdd() {
	f := t.newSourceForm()
	t.form = f
	ok := widget.NewButton(i18n.T("settings.contacts.add.ok"), f.submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("settings.cancel"), func() { f.dialog.Hide() })
	content := container.NewBorder(nil, container.NewHBox(cancel, ok), nil, nil, f.content())
	f.dialog = dialog.NewCustomWithoutButtons(i18n.T("settings.contacts.add.title"), content, t.win)
	f.dialog.Resize(fyne.NewSize(560, 420))
	f.dialog.Show()
}

func (t *contactsTab) newSourceForm() *sourceForm {
	f := &sourceForm{tab: t}
	for _, s := range sourceTypes {
		// Outlook is read through COM, which exists only on Windows.
		if s != "outlook" || runtime.GOOS == "windows" {
			f.types = append(f.types, s)
		}
	}
	names := make([]string, len(f.types))
	for i, s := range f.types {
		names[i] = sourceTypeName(s)
	}
	f.path = widget.NewEntry()
	f.browse = widget.NewButton(i18n.T("settings.contacts.browse"), f.pickFile)
	f.url, f.user, f.baseDN, f.bindDN = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.baseDN.SetPlaceHolder("dc=example,dc=local")
	f.bindDN.SetPlaceHolder("cti@example.local")
	f.startTLS = widget.NewCheck(i18n.T("settings.contacts.start-tls"), nil)
	f.password = widget.NewPasswordEntry()
	f.err = newErrorLabel()
	f.typ = widget.NewSelect(names, func(string) { f.typeChanged() })
	return f
}

func (f *sourceForm) content() fyne.CanvasObject {
	row := func(name string, obj fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{label(name), obj}
	}
	f.fileRows = row(i18n.T("settings.contacts.path"), container.NewBorder(nil, nil, nil, f.browse, f.path))
	f.serverRows = slices.Concat(row(i18n.T("settings.contacts.url"), f.url),
		row(i18n.T("settings.contacts.password"), f.password))
	f.ldapRows = slices.Concat(row(i18n.T("settings.contacts.base-dn"), f.baseDN),
		row(i18n.T("settings.contacts.bind-dn"), f.bindDN), row("", f.startTLS))
	f.davRows = row(i18n.T("settings.contacts.user"), f.user)
	f.grid = form(slices.Concat(row(i18n.T("settings.contacts.type"), f.typ),
		f.fileRows, f.serverRows[:2], f.davRows, f.ldapRows, f.serverRows[2:])...)
	f.typ.SetSelectedIndex(0)
	return container.NewVBox(f.grid, f.err)
}

// kind is the selected type.
func (f *sourceForm) kind() string { return f.types[max(f.typ.SelectedIndex(), 0)] }

// typeChanged shows the fields the type uses and hides the others.
func (f *sourceForm) typeChanged() {
	if f.fileRows == nil {
		return // before content() built the rows
	}
	k := f.kind()
	_, file := fileExtensions[k]
	show(f.fileRows, file)
	show(f.serverRows, k == "ldap" || k == "carddav")
	show(f.ldapRows, k == "ldap")
	show(f.davRows, k == "carddav")
	f.grid.Refresh() // lay the rows out again around the hidden ones
	switch k {
	case "ldap":
		f.url.SetPlaceHolder("ldaps://dc.example.local")
	case "carddav":
		f.url.SetPlaceHolder("https://cloud.example.de/remote.php/dav/")
	}
	showError(f.err, nil)
}

func show(objs []fyne.CanvasObject, on bool) {
	for _, o := range objs {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// pickFile opens the file dialog for the selected file type.
func (f *sourceForm) pickFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(f.err, err)
			return
		}
		if r == nil {
			return // cancelled
		}
		f.path.SetText(r.URI().Path())
		_ = r.Close() // only the path is wanted; the app reads the file
	}, f.tab.win)
	if ext, ok := fileExtensions[f.kind()]; ok {
		d.SetFilter(storage.NewExtensionFileFilter(ext))
	}
	d.Resize(fyne.NewSize(700, 500))
	d.Show()
}

// source is the source the fields describe.
func (f *sourceForm) source() config.Source {
	k := f.kind()
	s := config.Source{Type: k}
	switch k {
	case "ldap":
		s.URL = strings.TrimSpace(f.url.Text)
		s.BaseDN = strings.TrimSpace(f.baseDN.Text)
		s.BindDN = strings.TrimSpace(f.bindDN.Text)
		s.StartTLS = f.startTLS.Checked
	case "carddav":
		s.URL = strings.TrimSpace(f.url.Text)
		s.User = strings.TrimSpace(f.user.Text)
	case "outlook":
	default:
		s.Path = strings.TrimSpace(f.path.Text)
	}
	return s
}

// check says what is wrong with the source before it is added.
func (f *sourceForm) check(s config.Source) error {
	if _, file := fileExtensions[s.Type]; file {
		if s.Path == "" {
			return errors.New(i18n.T("settings.contacts.path.missing"))
		}
		if _, err := os.Stat(s.Path); err != nil {
			return errors.New(i18n.T("settings.contacts.path.unreadable", s.Path))
		}
	}
	if s.Type == "carddav" {
		if u, err := url.Parse(s.URL); s.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			return errors.New(i18n.T("settings.contacts.url.carddav", s.URL))
		}
	}
	if (s.Type == "ldap" || s.Type == "carddav") && s.URL == "" {
		return errors.New(i18n.T("settings.contacts.url.missing"))
	}
	if slices.ContainsFunc(f.tab.sources, func(o config.Source) bool { return statusName(o) == statusName(s) }) {
		return errors.New(i18n.T("settings.contacts.duplicate"))
	}
	return checkSource(s)
}

// submit adds the source, or shows why it cannot be added.
func (f *sourceForm) submit() {
	s := f.source()
	if err := f.check(s); err != nil {
		showError(f.err, err)
		return
	}
	pw := ""
	if s.Type == "ldap" || s.Type == "carddav" {
		pw = f.password.Text
	}
	f.tab.added(s, pw)
	f.dialog.Hide()
}
