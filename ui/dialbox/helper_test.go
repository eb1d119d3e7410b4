package dialbox

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/i18n"
	"deskcti/contacts"
)

// recorder notes what the handlers were asked.
type recorder struct {
	mu        sync.Mutex
	searches  []string // "mull/20"
	dials     []string
	transfers []string // "23 blind", "24 attended"
}

func (r *recorder) add(to *[]string, s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	*to = append(*to, s)
}

func (r *recorder) get(from *[]string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(*from)
}

// handlers record every call; Search answers from SampleHandlers, Dial and
// Transfer fail with dialErr.
func (r *recorder) handlers(dialErr error) Handlers {
	h := SampleHandlers()
	search := h.Search
	h.Search = func(ctx context.Context, q string, n int) []contacts.Contact {
		r.add(&r.searches, fmt.Sprintf("%s/%d", q, n))
		return search(ctx, q, n)
	}
	h.Dial = func(_ context.Context, text string) error { r.add(&r.dials, text); return dialErr }
	h.Transfer = func(_ context.Context, number string, attended bool) error {
		how := "blind"
		if attended {
			how = "attended"
		}
		r.add(&r.transfers, number+" "+how)
		return dialErr
	}
	return h
}

// fakeTimer is a debounce timer the test fires.
type fakeTimer struct {
	f             func()
	stopped, done bool
}

func (t *fakeTimer) Stop() bool {
	if t.stopped || t.done {
		return false
	}
	t.stopped = true
	return true
}

// env is one test's Box on a test app in English; the test goroutine is
// the Fyne goroutine.
type env struct {
	b      *Box
	queue  chan func()
	timers []*fakeTimer
}

func setup(t *testing.T, h Handlers) *env {
	t.Helper()
	test.NewTempApp(t)
	i18n.Set(i18n.English)
	t.Cleanup(func() { i18n.Set(i18n.English) })
	e := &env{queue: make(chan func(), 100)}
	e.b = New(fyne.CurrentApp(), h)
	e.b.do = func(f func()) { e.queue <- f }
	e.b.after = func(d time.Duration, f func()) stopper {
		if d != debounce {
			t.Errorf("timer of %v, want the debounce", d)
		}
		ft := &fakeTimer{f: f}
		e.timers = append(e.timers, ft)
		return ft
	}
	t.Cleanup(func() { e.b.hide(); e.settle() })
	return e
}

// dialling is setup with the box shown for dialling.
func dialling(t *testing.T, h Handlers) *env {
	t.Helper()
	e := setup(t, h)
	e.b.ShowDial()
	return e
}

// search types a name and lets the pause after it pass.
func (e *env) search(t *testing.T, name string) {
	t.Helper()
	e.typeText(name)
	e.fire(t)
}

// dialled fails unless Dial was asked for exactly want, in order.
func (r *recorder) dialled(t *testing.T, want ...string) {
	t.Helper()
	if got := r.get(&r.dials); !slices.Equal(got, want) {
		t.Errorf("dialled %q, want %q", got, want)
	}
}

// settle waits for the box's goroutines and runs the work they left for
// the Fyne goroutine, until there is none.
func (e *env) settle() {
	for {
		e.b.jobs.Wait()
		select {
		case f := <-e.queue:
			f()
		default:
			return
		}
	}
}

// fire lets the pause after typing pass: the last debounce timer fires
// (on its own goroutine, as time.AfterFunc does) and its search finishes.
func (e *env) fire(t *testing.T) {
	t.Helper()
	if len(e.timers) == 0 {
		t.Fatal("no search was scheduled")
	}
	ft := e.timers[len(e.timers)-1]
	if ft.stopped || ft.done {
		t.Fatal("the last search was cancelled")
	}
	ft.done = true
	go ft.f()
	e.settle()
}

// typeText types into the entry as the user does.
func (e *env) typeText(s string) { test.Type(e.b.v.entry, s) }

// key presses a key in the entry.
func (e *env) key(name fyne.KeyName) {
	e.b.v.entry.TypedKey(&fyne.KeyEvent{Name: name})
	e.settle()
}

// visible calls f for every visible object, through containers, scrolls
// and contact rows.
func visible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, child := range x.Objects {
			visible(child, f)
		}
	case *container.Scroll:
		visible(x.Content, f)
	case *row:
		visible(x.content, f)
	}
}

// texts returns the visible labels' and buttons' texts.
func (e *env) texts() []string {
	var out []string
	visible(e.b.w.Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		}
	})
	return out
}

// shows fails unless each text is (part of) a visible label or button.
func (e *env) shows(t *testing.T, want ...string) {
	t.Helper()
	got := e.texts()
	for _, s := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, s) }) {
			t.Errorf("the box does not show %q; it shows %q", s, got)
		}
	}
}

// button returns the visible button with the text.
func (e *env) button(t *testing.T, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	visible(e.b.w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q; the box shows %q", text, e.texts())
	}
	return found
}

// tap taps the visible button with the text and waits for what it started.
func (e *env) tap(t *testing.T, text string) {
	t.Helper()
	test.Tap(e.button(t, text))
	e.settle()
}
