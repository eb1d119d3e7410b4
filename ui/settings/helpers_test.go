package settings

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
)

// recorder is a set of handlers that remember how they were called; the
// window calls some of them from goroutines.
type recorder struct {
	mu        sync.Mutex
	saved     []config.Config
	passwords [][2]string // account, password
	autostart []bool
	tests     int

	saveErr, passwordErr, autostartErr error
	fingerprint                        string
	fingerprintErr                     error
	fingerprintURL                     string
}

func (r *recorder) handlers() Handlers {
	h := SampleHandlers()
	h.Save = func(cfg config.Config) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.saved = append(r.saved, cfg)
		return r.saveErr
	}
	h.SetPassword = func(account, password string) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.passwordErr != nil {
			return r.passwordErr
		}
		r.passwords = append(r.passwords, [2]string{account, password})
		return nil
	}
	h.Fingerprint = func(_ context.Context, u string) (string, error) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.fingerprintURL = u
		return r.fingerprint, r.fingerprintErr
	}
	h.Autostart = func(on bool) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.autostart = append(r.autostart, on)
		return r.autostartErr
	}
	h.Test = func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.tests++
	}
	return h
}

// lastSaved is the config of the only Save call.
func (r *recorder) onlySaved(t *testing.T) config.Config {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.saved) != 1 {
		t.Fatalf("Save called %d times, want once", len(r.saved))
	}
	return r.saved[0]
}

func (r *recorder) saveCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.saved)
}

// queued holds what background work handed to the Fyne goroutine, until
// settle runs it on the test's goroutine.
var queued struct {
	sync.Mutex
	fs []func()
}

func TestMain(m *testing.M) {
	onFyne = func(f func()) {
		queued.Lock()
		defer queued.Unlock()
		queued.fs = append(queued.fs, f)
	}
	os.Exit(m.Run())
}

// settle waits for the background work and runs what it hands to the Fyne
// goroutine, until nothing is left (a result may start more work).
func settle(b *background) {
	for {
		b.wg.Wait()
		queued.Lock()
		fs := queued.fs
		queued.fs = nil
		queued.Unlock()
		if len(fs) == 0 {
			return
		}
		for _, f := range fs {
			f()
		}
	}
}

// withLang runs the test in l and restores the language after it.
func withLang(t *testing.T, l i18n.Lang) {
	t.Helper()
	was := i18n.Current()
	i18n.Set(l)
	t.Cleanup(func() { i18n.Set(was) })
}

// newTestWindow opens the settings on cfg with recorded handlers.
func newTestWindow(t *testing.T, cfg config.Config) (*Window, *recorder) {
	t.Helper()
	a := test.NewTempApp(t)
	r := &recorder{fingerprint: "AA:BB:CC"}
	w := New(a, cfg, r.handlers())
	settle(&w.ed.bg)
	return w, r
}

// tapSave taps Save and waits for the keyring and Save calls to finish.
func (w *Window) tapSave() {
	test.Tap(w.saveBtn)
	settle(&w.ed.bg)
}

// isOpen says whether the window is still among the app's windows.
func isOpen(win fyne.Window) bool {
	return slices.Contains(fyne.CurrentApp().Driver().AllWindows(), win)
}

// objects lists o and everything below it, through containers and widget
// renderers.
func objects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, objects(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, objects(c)...)
		}
	}
	return out
}

// overlay is the topmost dialog of win; the test fails without one.
func overlay(t *testing.T, win fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// button finds the visible button labelled text below o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, c := range objects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// texts is every label's and button's text below o, joined by newlines.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range objects(o) {
		switch v := c.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		case *widget.Check:
			b.WriteString(v.Text + "\n")
		}
	}
	return b.String()
}

// wantError fails unless l shows an error containing want.
func wantError(t *testing.T, l *widget.Label, want string) {
	t.Helper()
	if !l.Visible() || !strings.Contains(l.Text, want) {
		t.Errorf("error label visible=%v %q, want it to show %q", l.Visible(), l.Text, want)
	}
}
