package testdialog

import (
	_ "embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/i18n"
)

//go:embed icons/dot.svg
var dotSVG []byte

// The status marks: ✓ green, ✗ red, – grey, · grey, ! amber. Fyne has no
// dot icon, hence the embedded one. They are made on first use, not at
// package init, because Fyne's theme needs a running app.
var (
	marksOnce                                                sync.Once
	markPassed, markFailed, markSkipped, markNA, markWarning fyne.Resource
)

func initMarks() {
	markPassed = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	markFailed = theme.NewErrorThemedResource(theme.CancelIcon())
	markSkipped = theme.NewDisabledResource(theme.ContentRemoveIcon())
	markNA = theme.NewDisabledResource(fyne.NewStaticResource("testdialog-dot.svg", dotSVG))
	markWarning = theme.NewWarningThemedResource(theme.WarningIcon())
}

// mark is the icon of a step's status.
func mark(s app.Status) fyne.Resource {
	marksOnce.Do(initMarks)
	switch s {
	case app.Passed:
		return markPassed
	case app.Failed:
		return markFailed
	case app.Skipped:
		return markSkipped
	case app.NotApplicable:
		return markNA
	}
	return markWarning
}

// stepRow shows one step: mark, title, what was found, what to do, and
// for the Action-URL step the lines to paste with a Copy button.
type stepRow struct {
	step    app.Step
	lines   []string
	icon    *widget.Icon
	title   *widget.Label
	detail  *widget.Label
	fix     *widget.Label
	text    *widget.Label // the lines, read-only and selectable
	copyBtn *widget.Button
	paste   *fyne.Container
	box     *fyne.Container
}

func (d *Dialog) newRow() *stepRow {
	r := &stepRow{icon: widget.NewIcon(nil)}
	r.title = widget.NewLabel("")
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.detail = wrapped()
	r.fix = wrapped()
	r.text = widget.NewLabel("")
	r.text.TextStyle = fyne.TextStyle{Monospace: true}
	r.text.Selectable = true
	r.copyBtn = widget.NewButtonWithIcon(i18n.T("testdialog.copy"), theme.ContentCopyIcon(), func() {
		d.copyText(joinLines(r.lines))
		r.copyBtn.SetText(i18n.T("testdialog.copied"))
	})
	// The lines can be long (URLs with a token): they scroll sideways
	// rather than wrap, since a wrapped line pasted back would break.
	lines := container.NewHScroll(r.text)
	r.paste = container.NewBorder(nil, container.NewHBox(r.copyBtn), nil, nil,
		container.NewStack(widget.NewCard("", "", nil), lines))
	r.paste.Hide()
	// The mark sits level with the title; title, detail and fix stand
	// closer together than separate labels would, so that each step reads
	// as one block.
	mark := container.NewGridWrap(fyne.NewSize(theme.IconInlineSize(), r.title.MinSize().Height), container.NewCenter(r.icon))
	r.box = container.NewBorder(nil, nil, container.NewVBox(mark), nil,
		container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), r.title, r.detail, r.fix, r.paste))
	return r
}

func wrapped() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// set shows st and the lines to paste (none: the box is hidden).
func (r *stepRow) set(st app.Step, lines []string) {
	r.step, r.lines = st, lines
	r.icon.SetResource(mark(st.Status))
	title := st.Title
	if title == "" {
		title = st.ID
	}
	r.title.Importance = map[app.Status]widget.Importance{
		app.Failed: widget.DangerImportance, app.Warning: widget.WarningImportance,
		app.Skipped: widget.LowImportance, app.NotApplicable: widget.LowImportance,
	}[st.Status]
	r.title.SetText(title)
	setText(r.detail, st.Detail)
	fix := ""
	if st.Fix != "" && (st.Status == app.Failed || st.Status == app.Warning) {
		fix = i18n.T("testdialog.fix", st.Fix)
	}
	setText(r.fix, fix)
	if len(lines) == 0 {
		r.paste.Hide()
		return
	}
	r.text.SetText(joinLines(lines))
	r.copyBtn.SetText(i18n.T("testdialog.copy"))
	r.paste.Show()
}

// setText shows s in l, hiding l when there is nothing to show.
func setText(l *widget.Label, s string) {
	l.SetText(s)
	if s == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
