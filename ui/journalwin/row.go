package journalwin

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/calls"
	"deskcti/app/i18n"
)

// row is one call in the list: a line with icon, time, number and who,
// and, when expanded, the details and a button per action. Rows are
// recycled by the list; the buttons act on whatever call the row shows.
type row struct {
	widget.BaseWidget
	w    *Window
	call calls.Call

	icon    *widget.Icon
	when    *widget.Label
	number  *widget.Label
	who     *widget.RichText
	dial    *widget.Button
	info    *widget.Label
	details *fyne.Container
	content *fyne.Container

	callBtn, openBtn, noteBtn, copyBtn, deleteBtn *widget.Button
}

func (w *Window) newRow() *row {
	r := &row{w: w}
	r.icon = widget.NewIcon(nil)
	r.when = widget.NewLabel("")
	r.number = widget.NewLabel("")
	r.number.Truncation = fyne.TextTruncateEllipsis
	r.who = widget.NewRichText()
	r.who.Truncation = fyne.TextTruncateEllipsis
	r.dial = widget.NewButtonWithIcon("", dialIcon(), func() { w.callBack(r.call) })
	r.dial.Importance = widget.LowImportance

	r.info = widget.NewLabel("")
	r.info.Truncation = fyne.TextTruncateEllipsis
	r.callBtn = widget.NewButtonWithIcon(i18n.T("journalwin.callback"), dialIcon(), func() { w.callBack(r.call) })
	r.openBtn = widget.NewButtonWithIcon(i18n.T("journalwin.opencontact"), theme.AccountIcon(), func() { w.openContact(r.call) })
	r.noteBtn = widget.NewButtonWithIcon(i18n.T("journalwin.note.add"), theme.DocumentCreateIcon(), func() { w.editNote(r.call) })
	r.copyBtn = widget.NewButtonWithIcon(i18n.T("journalwin.copy"), theme.ContentCopyIcon(), func() { w.copyNumber(r.call) })
	r.deleteBtn = widget.NewButtonWithIcon(i18n.T("journalwin.delete"), theme.DeleteIcon(), func() { w.confirmDelete(r.call) })
	r.details = container.NewVBox(r.info,
		container.NewHBox(r.callBtn, r.openBtn, r.noteBtn, r.copyBtn, r.deleteBtn))
	r.details.Hide()

	left := container.NewHBox(r.icon, fixedWidth(r.when, w.timeW), fixedWidth(r.number, w.numberW))
	r.content = container.NewVBox(container.NewBorder(nil, nil, left, r.dial, r.who), r.details)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *row) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// set shows c, with its details when expanded.
func (r *row) set(c calls.Call, expanded bool) {
	w := r.w
	r.call = c
	r.icon.SetResource(stateIcon(c))
	r.when.SetText(w.formatWhen(c.Start))
	r.number.Importance = widget.MediumImportance
	if c.State == calls.Missed {
		r.number.Importance = widget.DangerImportance
	}
	r.number.SetText(w.number(c))
	r.who.Segments = whoSegments(c)
	r.who.Refresh()
	enable(r.dial, w.h.CallBack != nil && dialable(c))
	if !expanded {
		r.details.Hide()
		return
	}
	r.info.SetText(w.details(c))
	enable(r.callBtn, w.h.CallBack != nil && dialable(c))
	enable(r.openBtn, w.h.OpenContact != nil && c.Contact != nil)
	enable(r.noteBtn, w.h.SetNote != nil && c.ID != 0)
	enable(r.copyBtn, dialable(c))
	enable(r.deleteBtn, w.h.Delete != nil && c.ID != 0)
	if c.Note == "" {
		r.noteBtn.SetText(i18n.T("journalwin.note.add"))
	} else {
		r.noteBtn.SetText(i18n.T("journalwin.note.edit"))
	}
	r.details.Show()
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// whoSegments is the caller as the row shows it: a matched contact in the
// accent colour (seed 004: "in blauer Schrift"), a guess from the last
// digits with a question mark, the company, and the first line of the
// note; without a contact the phone's display name, or "unknown".
func whoSegments(c calls.Call) []widget.RichTextSegment {
	text := func(s string, color fyne.ThemeColorName, style fyne.TextStyle) *widget.TextSegment {
		return &widget.TextSegment{Text: s, Style: widget.RichTextStyle{Inline: true, ColorName: color, TextStyle: style}}
	}
	var segs []widget.RichTextSegment
	switch ct := c.Contact; {
	case ct != nil && (ct.Name != "" || ct.Company != ""):
		name, company := ct.Name, ct.Company
		if name == "" {
			name, company = company, ""
		}
		style := fyne.TextStyle{Bold: true}
		if ct.Match == "suffix" {
			name, style = i18n.T("journalwin.guess", name), fyne.TextStyle{Bold: true, Italic: true}
		}
		segs = append(segs, text(name, theme.ColorNamePrimary, style))
		if company != "" {
			segs = append(segs, text(" · "+company, theme.ColorNameForeground, fyne.TextStyle{}))
		}
	case strings.TrimSpace(c.Display) != "":
		segs = append(segs, text(c.Display, theme.ColorNameForeground, fyne.TextStyle{}))
	default:
		segs = append(segs, text(i18n.T("journalwin.unknown"), theme.ColorNamePlaceHolder, fyne.TextStyle{Italic: true}))
	}
	if note, _, _ := strings.Cut(strings.TrimSpace(c.Note), "\n"); note != "" {
		segs = append(segs, text(" — "+note, theme.ColorNamePlaceHolder, fyne.TextStyle{Italic: true}))
	}
	return segs
}

// fixedWidth lays o out in a column of width wd, so that the columns of
// all rows line up.
func fixedWidth(o fyne.CanvasObject, wd float32) fyne.CanvasObject {
	return container.New(fixedLayout{wd}, o)
}

type fixedLayout struct{ width float32 }

func (l fixedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l fixedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
