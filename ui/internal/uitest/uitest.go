// Package uitest holds what the UI packages' fyne/test tests share:
// walking a window's objects and running a test in both languages.
package uitest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/i18n"
)

// Walk visits o and every visible object inside it: container children
// and the objects of widgets' renderers.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Walk(c, visit)
		}
	}
}

// Labels is the text of every visible label in o, one per line.
func Labels(o fyne.CanvasObject) string {
	var b strings.Builder
	Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// Button finds the enabled, visible button labelled text in o; nil if
// there is none.
func Button(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	Walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Text == text && !b.Disabled() {
			found = b
		}
	})
	return found
}

// WithLang runs f as a subtest in German and in English, so that a
// missing or wrong translation shows in either.
func WithLang(t *testing.T, f func(t *testing.T)) {
	for _, l := range []i18n.Lang{i18n.German, i18n.English} {
		t.Run(string(l), func(t *testing.T) {
			old := i18n.Current()
			i18n.Set(l)
			defer i18n.Set(old)
			f(t)
		})
	}
}
