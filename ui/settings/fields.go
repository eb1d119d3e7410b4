package settings

import (
	"errors"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/ui/mainloop"
)

// section is one tab's worth of fields.
type section interface {
	// title is the tab's name, in the current language.
	title() string
	// apply writes the fields into cfg and returns what is wrong with them;
	// it also shows each problem next to its field.
	apply(cfg *config.Config) []error
}

// problem is one thing that stops saving, and the section it belongs to
// (nil for what app.Validate found beyond the fields' own checks).
type problem struct {
	sec section
	err error
}

// onFyne runs f on the Fyne goroutine. The tests replace it: the test
// driver's fyne.Do runs f at once on the calling goroutine, which would race
// with the test's own use of the widgets.
var onFyne = mainloop.Do

// background runs slow work (keyring, phone, saving) off the Fyne goroutine
// and applies its result on it; tests wait for wg.
type background struct{ wg sync.WaitGroup }

// run calls work on a goroutine and then the func it returns, if any, on
// the Fyne goroutine.
func (b *background) run(work func() (apply func())) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		if apply := work(); apply != nil {
			onFyne(apply)
		}
	}()
}

// fieldErrors collects a section's problems while showing each next to
// its field.
type fieldErrors []error

// check shows err (or nothing) in l and keeps it.
func (e *fieldErrors) check(l *widget.Label, err error) {
	showError(l, err)
	if err != nil {
		*e = append(*e, err)
	}
}

// newErrorLabel is the red text under a field, hidden while there is no
// error.
func newErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// showError puts err's text into l, or hides l for nil.
func showError(l *widget.Label, err error) {
	if err == nil {
		l.SetText("")
		l.Hide()
		return
	}
	l.SetText(err.Error())
	l.Show()
}

// newHint is a small explanatory text.
func newHint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// form lays out label/field pairs in two columns.
func form(pairs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewFormLayout(), pairs...)
}

// field stacks a field over its error label and hints.
func field(obj fyne.CanvasObject, below ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(append([]fyne.CanvasObject{obj}, below...)...)
}

// label is a form's left column.
func label(text string) *widget.Label { return widget.NewLabel(text) }

// lines splits a multi-line entry into its non-empty, trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// flatten lists the leaves of an errors.Join tree, so that every problem
// gets its own line.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// explain is app.Explain's problem and fix, one per line.
func explain(err error) string {
	x := app.Explain(err)
	if x.Fix == "" {
		return x.Problem
	}
	return x.Problem + "\n" + x.Fix
}

// joinLines joins errors into one error whose text has one line each.
func joinLines(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	s := make([]string, len(errs))
	for i, e := range errs {
		s[i] = e.Error()
	}
	return errors.New(strings.Join(s, "\n"))
}
