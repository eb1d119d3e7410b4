package dialbox

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/contacts"
)

// view holds the box's widgets.
type view struct {
	entry          *entry
	hint, head     *widget.Label
	rows           *fyne.Container
	contactRows    []*row // the search results' rows, by index
	problem, fix   *widget.Label
	dial, attended *widget.Button
}

func (b *Box) build() {
	v := &b.v
	v.entry = newEntry(b)
	v.entry.OnChanged = b.changed
	v.entry.OnSubmitted = func(string) { b.submit(false) }
	v.hint = widget.NewLabel("")
	v.hint.Importance, v.hint.Truncation = widget.LowImportance, fyne.TextTruncateEllipsis
	v.head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.head.Truncation = fyne.TextTruncateEllipsis
	v.rows = container.NewVBox()
	v.problem, v.fix = widget.NewLabel(""), widget.NewLabel("")
	v.problem.Wrapping, v.problem.Importance = fyne.TextWrapWord, widget.DangerImportance
	v.fix.Wrapping = fyne.TextWrapWord
	v.dial = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() { b.submit(false) })
	v.dial.Importance = widget.HighImportance
	v.attended = widget.NewButtonWithIcon("", theme.MailForwardIcon(), func() { b.submit(true) })

	top := container.NewVBox(v.entry, v.hint)
	bottom := container.NewVBox(v.problem, v.fix, container.NewHBox(layout.NewSpacer(), v.attended, v.dial))
	list := container.NewVScroll(container.NewVBox(v.head, v.rows))
	b.w.SetContent(container.NewBorder(top, bottom, nil, nil, list))
	b.w.Resize(fyne.NewSize(440, 480))
	b.w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			b.hide()
		}
	})
}

// rebuild makes the list's rows: recent numbers for an empty entry, the
// contacts found for a name, none for a number.
func (b *Box) rebuild() {
	v := &b.v
	v.rows.RemoveAll()
	v.contactRows = nil
	if b.text == "" {
		for _, n := range b.recent {
			btn := widget.NewButtonWithIcon(n, theme.HistoryIcon(), func() { b.pick(n) })
			btn.Alignment, btn.Importance = widget.ButtonAlignLeading, widget.LowImportance
			v.rows.Add(btn)
		}
	} else {
		for i, c := range b.results {
			if i > 0 {
				v.rows.Add(widget.NewSeparator())
			}
			r := b.contactRow(i, c)
			v.contactRows = append(v.contactRows, r)
			v.rows.Add(r)
		}
	}
	b.refresh()
}

// contactRow shows a contact: name, company and each number to pick.
// Tapping the row selects the contact; a double tap dials it.
func (b *Box) contactRow(i int, c contacts.Contact) *row {
	name := c.Name
	if name == "" {
		name = c.Company
	}
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	lines := container.New(layout.NewCustomPaddedVBoxLayout(0), title)
	if c.Company != "" && c.Company != name {
		company := widget.NewLabel(c.Company)
		company.Truncation = fyne.TextTruncateEllipsis
		lines.Add(company)
	}
	numbers := container.NewGridWithColumns(2)
	for _, n := range c.Numbers {
		if n.Kind == contacts.Fax || n.Raw == "" {
			continue
		}
		btn := widget.NewButton(kindName(n.Kind)+"  "+n.Raw, func() { b.pick(n.Raw) })
		btn.Alignment, btn.Importance = widget.ButtonAlignLeading, widget.LowImportance
		numbers.Add(btn)
	}
	lines.Add(numbers)
	return newRow(lines, func() { b.selectResult(i) }, func() { b.selectResult(i); b.submit(false) })
}

// kindName is how a number's kind is labelled ("geschäftl.").
func kindName(k contacts.Kind) string {
	switch k {
	case contacts.Work, contacts.Home, contacts.Mobile, contacts.Fax:
		return i18n.T("kind." + string(k))
	}
	return i18n.T("kind.other")
}

// refresh sets texts, the selection, the error and the buttons from the
// box's state; it runs after every change.
func (b *Box) refresh() {
	v := &b.v
	title := i18n.T("dialbox.title")
	if b.transfer {
		title = i18n.T("dialbox.title.transfer", callerName(b.call))
	}
	b.w.SetTitle(title)
	v.entry.SetPlaceHolder(i18n.T("dialbox.placeholder"))
	hint := i18n.T("dialbox.hint")
	if b.transfer {
		hint = i18n.T("dialbox.hint.transfer")
	}
	v.hint.SetText(hint)

	head := ""
	switch {
	case b.text == "" && len(b.recent) > 0:
		head = i18n.T("dialbox.recent")
	case b.text == "":
	case b.searching:
		head = i18n.T("dialbox.searching")
	case len(b.results) > 0:
		head = i18n.T("dialbox.contacts")
	case isNumber(b.text) && b.transfer:
		head = i18n.T("dialbox.number.transfer", b.text)
	case isNumber(b.text) || b.h.Search == nil:
		head = i18n.T("dialbox.number", b.text)
	default:
		head = i18n.T("dialbox.none", b.text)
	}
	setText(v.head, head)
	for i, r := range v.contactRows {
		r.setSelected(i == b.sel)
	}

	var ex app.Explanation
	if b.err != nil {
		ex = app.Explain(b.err)
	}
	setText(v.problem, ex.Problem)
	setText(v.fix, ex.Fix)

	dial := i18n.T("dialbox.dial")
	if b.transfer {
		dial = i18n.T("dialbox.transfer")
	}
	if b.busy {
		dial += "…"
	}
	v.dial.SetText(dial)
	v.attended.SetText(i18n.T("dialbox.attended"))
	v.attended.Hidden = !b.transfer
	for _, btn := range []*widget.Button{v.dial, v.attended} {
		if b.busy {
			btn.Disable()
		} else {
			btn.Enable()
		}
	}
	b.w.Content().Refresh()
}

func setText(l *widget.Label, s string) {
	l.Hidden = s == ""
	if l.Text != s {
		l.SetText(s)
	}
}

// row is one contact in the list, tappable as a whole, highlighted when
// selected.
type row struct {
	widget.BaseWidget
	bg            *canvas.Rectangle
	content       fyne.CanvasObject
	tapped, twice func()
}

func newRow(content fyne.CanvasObject, tapped, twice func()) *row {
	r := &row{bg: canvas.NewRectangle(color.Transparent), content: content, tapped: tapped, twice: twice}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the highlight behind the content.
func (r *row) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.content))
}

// Tapped selects the contact.
func (r *row) Tapped(*fyne.PointEvent) { r.tapped() }

// DoubleTapped dials the contact.
func (r *row) DoubleTapped(*fyne.PointEvent) { r.twice() }

func (r *row) setSelected(on bool) {
	var c color.Color = color.Transparent
	if on {
		c = theme.Color(theme.ColorNameSelection)
	}
	if r.bg.FillColor != c {
		r.bg.FillColor = c
		r.bg.Refresh()
	}
}

// entry is the text entry with the box's keys: arrows move the selection
// through the contacts found, Esc closes.
type entry struct {
	widget.Entry
	box *Box
}

func newEntry(b *Box) *entry {
	e := &entry{box: b}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles the box's keys before the entry's own.
func (e *entry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.box.hide()
	case fyne.KeyDown:
		e.box.selectResult(e.box.sel + 1)
	case fyne.KeyUp:
		e.box.selectResult(e.box.sel - 1)
	default:
		e.Entry.TypedKey(k)
	}
}
