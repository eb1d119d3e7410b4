package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/platform/hotkey"
	"deskcti/platform/selection"
	"deskcti/ui/mainloop"
)

// startHotkey registers the dial key (Pause by default, UI.Hotkey in the
// settings, "off" for none) on its own goroutine: registering talks to the
// X server on a connection of its own and must not run in a Fyne callback.
func (d *Desk) startHotkey() {
	spec := strings.TrimSpace(d.service().Config().UI.Hotkey)
	if strings.EqualFold(spec, "off") {
		return
	}
	k, m := hotkey.Default()
	if spec != "" {
		var err error
		if k, m, err = hotkey.Parse(spec); err != nil {
			d.notifyError(err)
			return
		}
	}
	go func() {
		hk, err := hotkey.Register(k, m)
		if err != nil {
			d.log.Warn("dial key", "key", hotkey.Format(k, m), "err", err)
			msg := i18n.T("ui.hotkey.failed", hotkey.Format(k, m), err)
			mainloop.Do(func() { d.a.SendNotification(fyne.NewNotification("deskcti", msg)) })
			return
		}
		d.mu.Lock()
		d.hotkey = hk
		d.mu.Unlock()
		for range hk.Events() {
			d.dialSelection()
		}
	}()
}

// dialSelection dials the number in the text the user has selected in any
// program: the Pause key's job.
func (d *Desk) dialSelection() {
	ctx, cancel := context.WithTimeout(d.ctx, 15*time.Second)
	defer cancel()
	sctx, scancel := context.WithTimeout(ctx, time.Second)
	text, err := selection.Text(sctx)
	scancel()
	switch {
	case errors.Is(err, selection.ErrEmpty) || (err == nil && strings.TrimSpace(text) == ""):
		d.notify(i18n.T("ui.hotkey.nothing"))
		return
	case err != nil:
		d.notify(i18n.T("ui.hotkey.noselection", err))
		return
	}
	svc := d.service()
	if svc.Config().UI.ConfirmDial {
		prepared, err := svc.Rules().Prepare(text)
		if err != nil {
			d.notify(app.Explain(err).Problem)
			return
		}
		mainloop.Do(func() { d.confirmDial(prepared.Number, text) })
		return
	}
	d.dialText(ctx, text)
}

func (d *Desk) dialText(ctx context.Context, text string) {
	dl, err := d.service().Dial(ctx, text)
	if err != nil {
		d.notify(app.Explain(err).Problem)
		return
	}
	d.log.Info("dialled the selection", "number", dl.Number)
}

// confirmDial asks "Dial 0221…?" in a small window of its own (the user
// is in another program) and dials on yes.
func (d *Desk) confirmDial(number, text string) {
	w := d.a.NewWindow(i18n.T("ui.confirm.title"))
	w.Resize(fyne.NewSize(360, 140))
	dialog.ShowConfirm(i18n.T("ui.confirm.title"), i18n.T("ui.confirm.text", number), func(yes bool) {
		w.Close()
		if yes {
			go func() {
				ctx, cancel := context.WithTimeout(d.ctx, 15*time.Second)
				defer cancel()
				d.dialText(ctx, text)
			}()
		}
	}, w)
	w.Show()
	w.RequestFocus()
}

// notify shows a desktop notification, from any goroutine.
func (d *Desk) notify(msg string) {
	mainloop.Do(func() { d.a.SendNotification(fyne.NewNotification("deskcti", msg)) })
}

func (d *Desk) stopHotkey() {
	d.mu.Lock()
	hk := d.hotkey
	d.hotkey = nil
	d.mu.Unlock()
	if hk != nil {
		hk.Unregister()
	}
}
