package journalwin

import (
	"context"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/calls"
	"deskcti/app/i18n"
)

// actionTimeout bounds a call-back, note or delete: the phone and the
// journal have their own, shorter timeouts; this only keeps a hung one
// from lingering forever.
const actionTimeout = time.Minute

// background runs f on a goroutine and then done with its error on the
// Fyne goroutine.
func (w *Window) background(f func(ctx context.Context) error, done func(error)) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		err := f(ctx)
		w.do(func() { done(err) })
	}()
}

func (w *Window) callBack(c calls.Call) {
	if w.h.CallBack == nil || !dialable(c) {
		return
	}
	num := w.number(c)
	w.status.SetText(i18n.T("journalwin.calling", num))
	w.background(func(ctx context.Context) error { return w.h.CallBack(ctx, c) }, func(err error) {
		if err != nil {
			w.status.SetText("")
			w.showError(i18n.T("journalwin.error.callback", num), err)
		}
	})
}

func (w *Window) openContact(c calls.Call) {
	if w.h.OpenContact == nil || c.Contact == nil {
		return
	}
	w.background(func(context.Context) error { return w.h.OpenContact(c) }, func(err error) {
		if err != nil {
			w.showError(i18n.T("journalwin.error.open"), err)
		}
	})
}

// copyNumber copies the number as shown, so that the switch "with country
// code" also decides what is pasted.
func (w *Window) copyNumber(c calls.Call) {
	if !dialable(c) {
		return
	}
	num := w.number(c)
	if w.h.Copy != nil {
		w.h.Copy(num)
	} else {
		w.app.Clipboard().SetContent(num)
	}
	w.status.SetText(i18n.T("journalwin.copied", num))
}

// editNote asks for the call's note in a dialog with a multi-line entry.
func (w *Window) editNote(c calls.Call) {
	if w.h.SetNote == nil || c.ID == 0 {
		return
	}
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetText(c.Note)
	e.SetMinRowsVisible(5)
	head := widget.NewLabel(i18n.T("journalwin.note.for", w.who(c), w.formatFull(c.Start)))
	head.Truncation = fyne.TextTruncateEllipsis
	d := dialog.NewCustomConfirm(i18n.T("journalwin.note.title"), i18n.T("journalwin.save"), i18n.T("journalwin.cancel"),
		container.NewBorder(head, nil, nil, nil, e), func(ok bool) {
			if ok {
				w.saveNote(c.ID, e.Text)
			}
		}, w.win)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
	w.win.Canvas().Focus(e)
}

func (w *Window) saveNote(id int64, note string) {
	w.background(func(ctx context.Context) error { return w.h.SetNote(ctx, id, note) }, func(err error) {
		if err != nil {
			w.showError(i18n.T("journalwin.error.note"), err)
			return
		}
		i := w.indexOf(id)
		if i < 0 {
			return // gone meanwhile (deleted, filtered out)
		}
		w.calls[i].Note = note
		w.list.RefreshItem(i)
		if id == w.expanded {
			w.expandRow(i) // the details grew or shrank
		}
	})
}

// confirmDelete asks before deleting: a deleted call cannot come back.
func (w *Window) confirmDelete(c calls.Call) {
	if w.h.Delete == nil || c.ID == 0 {
		return
	}
	d := dialog.NewConfirm(i18n.T("journalwin.delete.title"),
		i18n.T("journalwin.delete.confirm", w.who(c), w.formatFull(c.Start)), func(ok bool) {
			if ok {
				w.deleteCall(c.ID)
			}
		}, w.win)
	d.SetConfirmText(i18n.T("journalwin.delete.yes"))
	d.SetDismissText(i18n.T("journalwin.cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (w *Window) deleteCall(id int64) {
	w.background(func(ctx context.Context) error { return w.h.Delete(ctx, id) }, func(err error) {
		if err != nil {
			w.showError(i18n.T("journalwin.error.delete"), err)
			return
		}
		w.setCalls(slices.DeleteFunc(slices.Clone(w.calls), func(c calls.Call) bool { return c.ID == id }))
	})
}

// chooseExportFile asks where to save the CSV export.
func (w *Window) chooseExportFile() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			w.showError(i18n.T("journalwin.error.export"), err)
		case wc != nil: // nil: the user cancelled
			w.exportTo(wc)
		}
	}, w.win)
	d.SetFileName(i18n.T("journalwin.export.filename", w.now().Format("2006-01-02")))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}

// exportTo writes the export into the file the user chose, on a goroutine.
func (w *Window) exportTo(wc fyne.URIWriteCloser) {
	// The filters as the boxes show them, even a search still waiting for
	// the user to stop typing.
	w.mu.Lock()
	w.current = w.filter()
	w.mu.Unlock()
	w.exporting = true
	w.exportBtn.Disable()
	w.updateStatus()
	name := wc.URI().Name()
	go func() {
		n, err := w.WriteCSV(context.Background(), wc)
		if cerr := wc.Close(); err == nil && cerr != nil {
			err = cerr
		}
		w.do(func() {
			w.exporting = false
			w.exportBtn.Enable()
			w.updateStatus()
			if err != nil {
				w.showError(i18n.T("journalwin.error.export"), err)
				return
			}
			if n == 1 {
				w.status.SetText(i18n.T("journalwin.exported.one", name))
			} else {
				w.status.SetText(i18n.T("journalwin.exported", n, name))
			}
		})
	}()
}

// explainText is an error in the user's words: what is wrong, what to do.
func explainText(err error) string {
	ex := app.Explain(err)
	return strings.TrimSpace(ex.Problem + "\n" + ex.Fix)
}

// showError tells the user what went wrong and what to do about it.
func (w *Window) showError(title string, err error) {
	ex := app.Explain(err)
	problem := widget.NewLabel(ex.Problem)
	problem.Wrapping = fyne.TextWrapWord
	problem.Selectable = true
	fix := widget.NewLabel(ex.Fix)
	fix.Wrapping = fyne.TextWrapWord
	fix.Selectable = true
	if ex.Fix == "" {
		fix.Hide()
	}
	width := canvas.NewRectangle(color.Transparent) // wrapping labels need a width to wrap at
	width.SetMinSize(fyne.NewSize(420, 0))
	dialog.NewCustom(title, i18n.T("journalwin.close"), container.NewVBox(width, problem, fix), w.win).Show()
}
