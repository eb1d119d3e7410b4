package settings

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/actions"
	"deskcti/app/config"
	"deskcti/app/i18n"
)

// actionRow is what the tab shows for one action.
type actionRow struct {
	err          *widget.Label
	edit, remove *widget.Button
}

// actionsTab edits the [[action]] list.
type actionsTab struct {
	win  fyne.Window
	list []actions.Action
	box  *fyne.Container
	rows []actionRow
	add  *widget.Button
	form *actionForm // the editor last opened
}

func newActionsTab(win fyne.Window, list []actions.Action) *actionsTab {
	t := &actionsTab{win: win, list: slices.Clone(list), box: container.NewVBox()}
	t.add = widget.NewButtonWithIcon(i18n.T("settings.actions.add"), theme.ContentAddIcon(), func() {
		t.openEditor(-1, actions.Action{On: []string{"incoming"}})
	})
	t.rebuild()
	return t
}

func (t *actionsTab) title() string { return i18n.T("settings.tab.actions") }

func (t *actionsTab) content() fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(newHint(i18n.T("settings.actions.hint")), t.box, container.NewHBox(t.add)))
}

func (t *actionsTab) rebuild() {
	t.rows = t.rows[:0]
	var objs []fyne.CanvasObject
	if len(t.list) == 0 {
		objs = append(objs, newHint(i18n.T("settings.actions.none")))
	}
	for i, a := range t.list {
		row := actionRow{err: newErrorLabel()}
		row.edit = widget.NewButtonWithIcon(i18n.T("settings.edit"), theme.DocumentCreateIcon(), func() { t.openEditor(i, t.list[i]) })
		row.remove = widget.NewButtonWithIcon(i18n.T("settings.remove"), theme.DeleteIcon(), func() {
			t.list = slices.Delete(t.list, i, i+1)
			t.rebuild()
		})
		name := a.Name
		if name == "" {
			name = i18n.T("settings.actions.unnamed")
		}
		what := widget.NewLabel(actionSummary(a))
		what.Truncation = fyne.TextTruncateEllipsis
		showError(row.err, a.Validate())
		info := container.NewVBox(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), what, row.err)
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(row.edit, row.remove)), info), widget.NewSeparator())
		t.rows = append(t.rows, row)
	}
	t.box.Objects = objs
	t.box.Refresh()
}

// actionSummary is one line: "Incoming call, Missed call → https://…".
func actionSummary(a actions.Action) string {
	on := make([]string, len(a.On))
	for i, k := range a.On {
		on[i] = eventName(k)
	}
	what := a.Open
	if a.Run != "" {
		what = strings.Join(append([]string{a.Run}, a.Args...), " ")
	}
	return strings.Join(on, ", ") + " → " + what
}

// eventName is an event kind in words; kinds are identifiers with
// underscores, keys have hyphens.
func eventName(kind string) string {
	key := "settings.event." + strings.ReplaceAll(strings.ToLower(strings.TrimSpace(kind)), "_", "-")
	if s := i18n.T(key); s != key {
		return s
	}
	return kind
}

func (t *actionsTab) apply(cfg *config.Config) []error {
	var errs []error
	for i, a := range t.list {
		err := a.Validate()
		showError(t.rows[i].err, err)
		if err != nil {
			name := a.Name
			if name == "" {
				name = actionSummary(a)
			}
			errs = append(errs, errors.New(name+": "+strings.ReplaceAll(err.Error(), "\n", "; ")))
		}
	}
	cfg.Actions = slices.Clone(t.list)
	return errs
}

// saved replaces (i >= 0) or appends an action from the editor.
func (t *actionsTab) saved(i int, a actions.Action) {
	if i >= 0 {
		t.list[i] = a
	} else {
		t.list = append(t.list, a)
	}
	t.rebuild()
}
