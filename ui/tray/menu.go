package tray

import (
	"fyne.io/fyne/v2"

	"deskcti/app/i18n"
)

// buildMenu creates the items. The first is a disabled status line, so
// that the state can be read in the menu too (not every panel shows
// tooltips).
func (t *Tray) buildMenu() *fyne.Menu {
	t.status = fyne.NewMenuItem("", nil)
	t.status.Disabled = true
	t.dnd = t.item("tray.dnd", t.toggleDND)
	if t.h.SetDND == nil {
		t.dnd.Disabled = true
	}
	items := []*fyne.MenuItem{
		t.status,
		fyne.NewMenuItemSeparator(),
		t.item("tray.dial", t.h.Dial),
		t.item("tray.journal", t.h.Journal),
		t.dnd,
		fyne.NewMenuItemSeparator(),
		t.item("tray.settings", t.h.Settings),
		t.item("tray.test", t.h.Test),
	}
	if t.h.SimulateCall != nil {
		items = append(items, t.item("tray.simulate", t.h.SimulateCall))
	}
	// IsQuit on the last item keeps Fyne from adding a second Quit; with
	// no handler Fyne fills in its own quit action.
	quit := t.item("tray.quit", t.h.Quit)
	quit.Disabled = false
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), quit)
	return fyne.NewMenu("deskcti", items...)
}

// item is a menu item labelled with the translation of key; without an
// action it is disabled.
func (t *Tray) item(key string, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(i18n.T(key), action)
	it.Disabled = action == nil
	t.labels[it] = key
	return it
}

// Retranslate relabels the menu after the language was changed.
func (t *Tray) Retranslate() {
	for it, key := range t.labels {
		it.Label = i18n.T(key)
	}
	t.apply()
}
