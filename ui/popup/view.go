package popup

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/calls"
	"deskcti/app/i18n"
)

// refresh shows p.call and the pop-up's own state; it is the one place
// that decides texts and which buttons show, so that it can run after any
// change (a call event, a handler's result, the language).
func (p *popup) refresh() {
	if p.gone {
		return
	}
	c := p.call
	display, region := p.format()
	known := c.Contact != nil
	withheld := isWithheld(c)
	name := callerName(c, display)

	p.w.SetTitle(i18n.T(titleKey(c), name))
	status := "popup.status.in"
	if c.Direction == calls.Outgoing {
		status = "popup.status.out"
	}
	p.status.SetText(i18n.T(status, i18n.T("popup.state."+string(c.State))))
	p.showTimer()

	if known && c.Contact.Match == "suffix" {
		name += " ?"
	}
	p.name.SetText(name)
	company := ""
	if known && c.Contact.Name != "" {
		company = c.Contact.Company
	}
	setText(p.company, company)
	number := display
	switch {
	case withheld:
		number = ""
	case !known && name == display:
		number = "" // already the big line
	}
	setText(p.number, number)
	setText(p.detail, matchDetail(c))
	setText(p.region, "")
	if !known && !withheld {
		setText(p.region, strings.TrimSpace(region))
	}
	setText(p.source, "")
	if known && c.Contact.Source != "" {
		setText(p.source, i18n.T("popup.source", sourceName(c.Contact.Source)))
	}
	p.notesHead.SetText(i18n.T("popup.notes"))
	p.notesHead.Hidden = len(p.notes.Objects) == 0

	var ex app.Explanation
	if p.err != nil {
		ex = app.Explain(p.err)
	}
	setText(p.problem, ex.Problem)
	setText(p.fix, ex.Fix)
	p.notesBox.Hidden = p.notesHead.Hidden
	p.errBox.Hidden = ex.Problem == "" && ex.Fix == ""

	p.refreshButtons(known, withheld)
	p.box.Refresh()
	min := p.box.MinSize()
	p.w.Resize(fyne.NewSize(max(width, min.Width), min.Height))
}

// refreshButtons shows the buttons that fit the call's state.
func (p *popup) refreshButtons(known, withheld bool) {
	c, h := p.call, p.m.h
	ringing := c.State == calls.Ringing && c.Direction == calls.Incoming
	talking := c.State == calls.Connected || c.State == calls.Held
	p.button(p.answer, ringing && h.Answer != nil, i18n.T("popup.answer"))
	p.button(p.reject, ringing && h.Reject != nil, i18n.T("popup.reject"))
	live := c.State == calls.Dialing || talking || (c.State == calls.Ringing && c.Direction == calls.Outgoing)
	p.button(p.hangup, live && h.Hangup != nil, i18n.T("popup.hangup"))
	if c.State == calls.Held {
		p.hold.SetIcon(theme.MediaPlayIcon())
		p.button(p.hold, h.Hold != nil, i18n.T("popup.resume"))
	} else {
		p.hold.SetIcon(theme.MediaPauseIcon())
		p.button(p.hold, talking && h.Hold != nil, i18n.T("popup.hold"))
	}
	p.button(p.transfer, talking && h.Transfer != nil, i18n.T("popup.transfer"))
	p.button(p.open, known && h.OpenContact != nil, i18n.T("popup.open"))
	p.button(p.add, !known && !withheld && h.AddContact != nil, i18n.T("popup.add"))
	copyText := i18n.T("popup.copy")
	if p.copied {
		copyText = i18n.T("popup.copied")
	}
	p.button(p.copy, !withheld && h.Copy != nil, copyText)
	for i, b := range p.actions {
		p.button(b, h.Actions[i].Run != nil, h.Actions[i].Name)
	}
	p.controls.Hidden = !anyVisible(p.controls.Objects)
	p.more.Hidden = !anyVisible(p.more.Objects)
}

// button sets one button: shown or not, its text, and busy ("…", disabled)
// while its handler runs.
func (p *popup) button(b *widget.Button, show bool, text string) {
	b.Hidden = !show
	if p.busy[b] {
		text += "…"
		b.Disable()
	} else {
		b.Enable()
	}
	if b.Text != text {
		b.SetText(text)
	}
}

// showNotes shows the notes of earlier calls.
func (p *popup) showNotes(notes []string) {
	p.notes.RemoveAll()
	for _, n := range notes {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		l := widget.NewLabel("• " + firstLine(n))
		l.Truncation = fyne.TextTruncateEllipsis
		p.notes.Add(l)
		if len(p.notes.Objects) == maxNotes {
			break
		}
	}
	p.refresh()
}

// maxNotes is how many earlier notes a pop-up shows; the journal has all.
const maxNotes = 3

// showTimer shows how long the call has been connected; for a finished
// call, how long it was.
func (p *popup) showTimer() {
	c := p.call
	if c.Answer.IsZero() || p.gone {
		p.timer.SetText("")
		return
	}
	p.timer.SetText(clock(c.Duration(p.m.opt.Now())))
}

// format is the number as the user reads it and, for unknown callers, where
// it is from.
func (p *popup) format() (display, region string) {
	if p.m.h.Format != nil {
		display, region = p.m.h.Format(p.call)
	}
	if display == "" {
		display = p.call.Remote
	}
	return display, region
}

func setText(l *widget.Label, s string) {
	l.Hidden = s == ""
	if l.Text != s {
		l.SetText(s)
	}
}

func anyVisible(objs []fyne.CanvasObject) bool {
	for _, o := range objs {
		if o.Visible() {
			return true
		}
	}
	return false
}
