package settings

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/actions"
	"deskcti/app/i18n"
	"deskcti/phone"
)

// actionForm is the dialog that adds or edits one action.
type actionForm struct {
	tab   *actionsTab
	index int   // -1 for a new action
	wait  *bool // as loaded, so that an untouched default stays unwritten

	name      *widget.Entry
	on        map[phone.EventKind]*widget.Check
	mode      *widget.RadioGroup
	open      *widget.Entry
	run       *widget.Entry
	args      *widget.Entry
	waitCheck *widget.Check
	timeout   *widget.Entry
	err       *widget.Label
	openRows  []fyne.CanvasObject
	grid      *fyne.Container
	runRows   []fyne.CanvasObject
	dialog    dialog.Dialog
}

// openEditor shows the editor for action a at index i (-1: new).
func (t *actionsTab) openEditor(i int, a actions.Action) {
	f := newActionForm(t, i, a)
	t.form = f
	ok := widget.NewButton(i18n.T("settings.ok"), f.submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("settings.cancel"), func() { f.dialog.Hide() })
	content := container.NewBorder(nil, container.NewHBox(cancel, ok), nil, nil, container.NewVScroll(f.content()))
	f.dialog = dialog.NewCustomWithoutButtons(i18n.T("settings.actions.edit.title"), content, t.win)
	f.dialog.Resize(fyne.NewSize(640, 560))
	f.dialog.Show()
}

func newActionForm(t *actionsTab, i int, a actions.Action) *actionForm {
	f := &actionForm{tab: t, index: i, wait: a.Wait}
	f.name = widget.NewEntry()
	f.name.SetPlaceHolder("CRM")
	f.name.SetText(a.Name)
	f.on = map[phone.EventKind]*widget.Check{}
	for _, k := range phone.EventKinds {
		f.on[k] = widget.NewCheck(eventName(string(k)), nil)
	}
	f.setEvents(a.On)
	f.open = widget.NewEntry()
	f.open.SetPlaceHolder("https://crm.example/search?phone={e164}")
	f.open.SetText(a.Open)
	f.run = widget.NewEntry()
	f.run.SetPlaceHolder("/usr/local/bin/crm-log")
	f.run.SetText(a.Run)
	f.args = widget.NewMultiLineEntry()
	f.args.SetPlaceHolder("--number\n{number}")
	f.args.SetText(strings.Join(a.Args, "\n"))
	f.waitCheck = widget.NewCheck(i18n.T("settings.actions.wait"), nil)
	f.waitCheck.SetChecked(a.Wait == nil || *a.Wait)
	f.timeout = widget.NewEntry()
	f.timeout.SetPlaceHolder("30s")
	f.timeout.SetText(a.Timeout)
	f.err = newErrorLabel()
	f.mode = widget.NewRadioGroup([]string{i18n.T("settings.actions.mode.open"), i18n.T("settings.actions.mode.run")},
		func(string) { f.modeChanged() })
	f.mode.Horizontal = true
	f.mode.Required = true
	return f
}

func (f *actionForm) content() fyne.CanvasObject {
	f.openRows = []fyne.CanvasObject{label(i18n.T("settings.actions.open")), f.open}
	f.runRows = []fyne.CanvasObject{
		label(i18n.T("settings.actions.run")), f.run,
		label(i18n.T("settings.actions.args")), field(f.args, newHint(i18n.T("settings.actions.args.hint"))),
		label(""), f.waitCheck,
	}
	ph := actions.Placeholders()
	for i, p := range ph {
		ph[i] = "{" + p + "}"
	}
	f.grid = form(slices.Concat(
		[]fyne.CanvasObject{
			label(i18n.T("settings.actions.name")), f.name,
			label(i18n.T("settings.actions.on")), f.eventGrid(),
			label(i18n.T("settings.actions.mode")), f.mode,
		},
		f.openRows, f.runRows,
		[]fyne.CanvasObject{label(i18n.T("settings.actions.timeout")), f.timeout},
	)...)
	if f.run.Text != "" {
		f.mode.SetSelected(i18n.T("settings.actions.mode.run"))
	} else {
		f.mode.SetSelected(i18n.T("settings.actions.mode.open"))
	}
	return container.NewVBox(f.grid, newHint(i18n.T("settings.actions.placeholders", strings.Join(ph, " "))), f.err)
}

// eventGrid lays the event switches out in two columns: fifteen in a row
// would be wider than any screen.
func (f *actionForm) eventGrid() fyne.CanvasObject {
	grid := container.NewGridWithColumns(2)
	for _, k := range phone.EventKinds {
		grid.Add(f.on[k])
	}
	return grid
}

// setEvents switches on exactly the event kinds named in on.
func (f *actionForm) setEvents(on []string) {
	for k, c := range f.on {
		c.SetChecked(slices.ContainsFunc(on, func(s string) bool {
			return strings.EqualFold(strings.TrimSpace(s), string(k))
		}))
	}
}

func (f *actionForm) isRun() bool { return f.mode.Selected == i18n.T("settings.actions.mode.run") }

// modeChanged shows the URL or the program fields.
func (f *actionForm) modeChanged() {
	if f.openRows == nil {
		return // before content() built the rows
	}
	show(f.openRows, !f.isRun())
	show(f.runRows, f.isRun())
	f.grid.Refresh() // lay the rows out again around the hidden ones
}

// action is what the fields describe; the other mode's fields are left
// out, so switching from run to open does not leave a stale program.
func (f *actionForm) action() actions.Action {
	a := actions.Action{Name: strings.TrimSpace(f.name.Text), Timeout: strings.TrimSpace(f.timeout.Text)}
	for _, k := range phone.EventKinds {
		if f.on[k].Checked {
			a.On = append(a.On, string(k))
		}
	}
	if !f.isRun() {
		a.Open = strings.TrimSpace(f.open.Text)
		return a
	}
	a.Run = strings.TrimSpace(f.run.Text)
	// Arguments are taken line by line as typed: spaces inside one are
	// part of it, and no shell ever splits them.
	for _, l := range strings.Split(f.args.Text, "\n") {
		if strings.TrimSpace(l) != "" {
			a.Args = append(a.Args, l)
		}
	}
	switch {
	case !f.waitCheck.Checked:
		no := false
		a.Wait = &no
	case f.wait != nil:
		yes := true
		a.Wait = &yes
	}
	return a
}

// submit keeps the action, or shows every problem with it.
func (f *actionForm) submit() {
	a := f.action()
	if err := a.Validate(); err != nil {
		showError(f.err, joinLines(flatten(err)))
		return
	}
	f.tab.saved(f.index, a)
	f.dialog.Hide()
}
