package popup

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/calls"
)

// width is every pop-up's width; the height follows the content.
const width = 400

// popup is one call's window. Its fields are touched on the Fyne goroutine
// only; goroutines get copies of the call.
type popup struct {
	m    *Manager
	call calls.Call
	w    fyne.Window
	box  *fyne.Container

	status, timer          *widget.Label
	name, company, number  *widget.Label
	detail, region, source *widget.Label
	notesHead              *widget.Label
	notes                  *fyne.Container
	problem, fix           *widget.Label
	answer, reject, hangup *widget.Button
	hold, transfer         *widget.Button
	open, add, copy        *widget.Button
	actions                []*widget.Button
	controls, more         *fyne.Container
	notesBox, errBox       *fyne.Container // hidden when empty, for even spacing
	busy                   map[*widget.Button]bool
	err                    error // the last handler's failure, shown until the next press
	copied                 bool

	closing, gone bool
	closeTimer    *time.Timer
	stopTick      chan struct{} // closed to stop the call timer's goroutine
	tickDone      chan struct{} // closed when that goroutine has returned
}

func (m *Manager) newPopup(c calls.Call) *popup {
	p := &popup{m: m, call: c, busy: map[*widget.Button]bool{}}
	label := func(s fyne.TextStyle) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, s)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	wrapped := func(imp widget.Importance) *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping, l.Importance = fyne.TextWrapWord, imp
		return l
	}
	p.status, p.timer = label(fyne.TextStyle{}), label(fyne.TextStyle{Monospace: true})
	p.timer.Truncation = fyne.TextTruncateOff
	p.name = label(fyne.TextStyle{Bold: true})
	p.name.SizeName = theme.SizeNameHeadingText
	p.company, p.number = label(fyne.TextStyle{}), label(fyne.TextStyle{})
	p.detail, p.region, p.source = label(fyne.TextStyle{Italic: true}), label(fyne.TextStyle{}), label(fyne.TextStyle{})
	p.detail.Importance, p.source.Importance = widget.WarningImportance, widget.LowImportance
	p.notesHead, p.notes = label(fyne.TextStyle{Bold: true}), container.NewVBox()
	p.problem, p.fix = wrapped(widget.DangerImportance), wrapped(widget.MediumImportance)

	h := m.h
	p.answer = p.phoneButton(theme.ConfirmIcon(), widget.SuccessImportance, h.Answer)
	p.reject = p.phoneButton(theme.CancelIcon(), widget.DangerImportance, h.Reject)
	p.hangup = p.phoneButton(theme.CancelIcon(), widget.DangerImportance, h.Hangup)
	p.hold = p.phoneButton(theme.MediaPauseIcon(), widget.MediumImportance, h.Hold)
	p.transfer = widget.NewButtonWithIcon("", theme.MailForwardIcon(), func() { h.Transfer(p.call) })
	p.open = p.errButton(theme.AccountIcon(), h.OpenContact)
	p.add = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { h.AddContact(p.call) })
	p.copy = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), p.copyNumber)
	for _, a := range h.Actions {
		b := p.errButton(theme.ComputerIcon(), a.Run)
		b.SetText(a.Name)
		p.actions = append(p.actions, b)
	}

	p.controls = container.NewGridWithRows(1, p.answer, p.reject, p.hangup, p.hold, p.transfer)
	p.more = container.NewGridWithColumns(2, p.open, p.add, p.copy)
	for _, b := range p.actions {
		p.more.Add(b)
	}
	// The lines about the caller sit close together; labels bring their
	// own inner padding.
	tight := func(objs ...fyne.CanvasObject) *fyne.Container {
		return container.New(layout.NewCustomPaddedVBoxLayout(0), objs...)
	}
	p.notes.Layout = layout.NewCustomPaddedVBoxLayout(0)
	p.notesBox, p.errBox = tight(p.notesHead, p.notes), tight(p.problem, p.fix)
	p.box = container.NewVBox(
		tight(container.NewBorder(nil, nil, nil, p.timer, p.status),
			p.name, p.company, p.number, p.detail, p.region, p.source),
		p.notesBox, p.errBox,
		p.controls, p.more,
	)
	p.w = m.window()
	p.w.SetContent(p.box)
	p.w.SetOnClosed(p.closedByWindow)
	p.w.SetCloseIntercept(p.closeRequested)
	m.loadNotes(p, c)
	return p
}

// phoneButton is a button that runs a call-control handler.
func (p *popup) phoneButton(icon fyne.Resource, imp widget.Importance, f func(context.Context, calls.Call) error) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("", icon, func() {
		c := p.call
		p.run(b, func(ctx context.Context) error { return f(ctx, c) })
	})
	b.Importance = imp
	return b
}

// errButton is a button whose handler may fail but takes no context.
func (p *popup) errButton(icon fyne.Resource, f func(calls.Call) error) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("", icon, func() {
		c := p.call
		p.run(b, func(context.Context) error { return f(c) })
	})
	return b
}

func (p *popup) copyNumber() {
	display, _ := p.format()
	p.m.h.Copy(display)
	p.copied = true
	p.refresh()
}

// update takes the call's new state.
func (p *popup) update(c calls.Call) {
	p.call = c
	switch {
	case c.State.Final():
		p.stopTimer()
		p.scheduleClose()
	case c.State == calls.Connected || c.State == calls.Held:
		p.startTimer()
	}
	p.refresh()
}

// scheduleClose closes the pop-up CloseAfter from now, once.
func (p *popup) scheduleClose() {
	if p.closeTimer != nil {
		return
	}
	m, do := p.m, p.m.do
	m.jobs.Add(1)
	p.closeTimer = time.AfterFunc(m.opt.CloseAfter, func() {
		defer m.jobs.Done()
		do(p.close)
	})
}

// close closes the pop-up on the program's behalf; its window is kept
// for the next call's pop-up (Manager.recycle).
func (p *popup) close() {
	if p.gone {
		return
	}
	p.closing = true
	p.forget()
	p.m.recycle(p.w)
}

// closeRequested is the user closing the pop-up with the window's close
// button: the pop-up goes as if its window had closed, and the window is
// kept for the next call's pop-up.
func (p *popup) closeRequested() {
	if p.gone {
		return
	}
	p.closedByWindow()
	p.m.recycle(p.w)
}

// closedByWindow runs when the window closes, by the user or by close.
func (p *popup) closedByWindow() {
	if !p.closing && !p.call.State.Final() {
		p.m.dismissed[p.call.Key] = true
	}
	p.forget()
}

// forget stops everything the pop-up runs and drops it from the Manager.
func (p *popup) forget() {
	if p.gone {
		return
	}
	p.gone = true
	p.stopTimer()
	if p.closeTimer != nil && p.closeTimer.Stop() {
		p.m.jobs.Done()
	}
	p.m.forget(p)
}

// run runs a handler on a goroutine with the timeout, with its button
// disabled meanwhile, and shows its error.
func (p *popup) run(b *widget.Button, f func(ctx context.Context) error) {
	if p.busy[b] {
		return
	}
	p.busy[b], p.err = true, nil
	p.refresh()
	m, do := p.m, p.m.do
	m.jobs.Add(1)
	go func() {
		defer m.jobs.Done()
		ctx, cancel := context.WithTimeout(context.Background(), m.opt.Timeout)
		err := f(ctx)
		cancel()
		do(func() {
			delete(p.busy, b)
			if err != nil {
				p.err = err
			}
			p.refresh()
		})
	}()
}

// loadNotes fetches the notes of earlier calls on a goroutine.
func (m *Manager) loadNotes(p *popup, c calls.Call) {
	if m.h.Notes == nil {
		return
	}
	notes, do := m.h.Notes, m.do
	m.jobs.Add(1)
	go func() {
		defer m.jobs.Done()
		got := notes(c)
		do(func() { p.showNotes(got) })
	}()
}
