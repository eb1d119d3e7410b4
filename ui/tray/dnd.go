package tray

import (
	"fyne.io/fyne/v2"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/ui/mainloop"
)

// toggleDND is the "Do not disturb" item's action. The check mark moves at
// once, the item is disabled while the phone is asked (a request takes up
// to the phone timeout), and on failure the check goes back and the user
// gets a notification saying what is wrong and what to do.
func (t *Tray) toggleDND() {
	if t.h.SetDND == nil || t.dndBusy {
		return
	}
	want := !t.dnd.Checked
	t.dndBusy = true
	t.dnd.Checked, t.dnd.Disabled = want, true
	t.menu.Refresh()
	set := t.h.SetDND
	go func() {
		err := set(want)
		mainloop.Do(func() { t.dndDone(want, err) })
	}()
}

// dndDone shows the outcome of a SetDND request, on the Fyne goroutine.
func (t *Tray) dndDone(want bool, err error) {
	t.dndBusy = false
	t.dnd.Disabled = false
	if err == nil {
		t.dndOn = want
	} else {
		ex := app.Explain(err)
		msg := ex.Problem
		if ex.Fix != "" {
			msg += "\n" + ex.Fix
		}
		t.app.SendNotification(fyne.NewNotification(i18n.T("tray.dnd.failed"), msg))
	}
	t.apply() // the check mark shows dndOn: the new value, or the old one back
	if t.afterDND != nil {
		t.afterDND(err)
	}
}
