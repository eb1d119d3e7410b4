package popup

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/calls"
	"deskcti/app/i18n"
)

// t0 is when the test calls start.
var t0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// recorder notes which handler was called with which call.
type recorder struct {
	mu    sync.Mutex
	calls []string // "answer id:1"
	texts []string // what Copy got
}

func (r *recorder) note(what string, c calls.Call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, what+" "+c.Key)
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

// handlers returns handlers that record what they are called with; each
// phone handler returns err[name] when set.
func (r *recorder) handlers(errs map[string]error) Handlers {
	phoneOp := func(name string) func(context.Context, calls.Call) error {
		return func(_ context.Context, c calls.Call) error { r.note(name, c); return errs[name] }
	}
	return Handlers{
		Answer: phoneOp("answer"), Reject: phoneOp("reject"), Hangup: phoneOp("hangup"), Hold: phoneOp("hold"),
		Transfer:    func(c calls.Call) { r.note("transfer", c) },
		OpenContact: func(c calls.Call) error { r.note("open", c); return errs["open"] },
		AddContact:  func(c calls.Call) { r.note("add", c) },
		Copy: func(s string) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.texts = append(r.texts, s)
		},
		Actions: []Action{{Name: "CRM", Run: func(c calls.Call) error { r.note("crm", c); return errs["crm"] }}},
		Format: func(c calls.Call) (string, string) {
			switch c.Remote {
			case "+4922147110":
				return "0221 47110", "Köln"
			case "+4930901820":
				return "030 901820", "Berlin"
			}
			return c.Remote, ""
		},
	}
}

// testClock is a test clock the Manager reads on the Fyne goroutine.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// fakeTicker ticks when the test says so.
type fakeTicker struct {
	c       chan time.Time
	stopped chan struct{}
	once    sync.Once
}

func (f *fakeTicker) C() <-chan time.Time { return f.c }
func (f *fakeTicker) Stop()               { f.once.Do(func() { close(f.stopped) }) }

// env is one test's Manager on a test app in English, with a test clock
// and hand-driven tickers.
type env struct {
	m       *Manager
	clk     *testClock
	tickers chan *fakeTicker // each ticker the Manager makes
	ticked  chan struct{}
	queue   chan func() // work for the Fyne goroutine, which is the test's
}

func setup(t *testing.T, h Handlers, o Options) *env {
	t.Helper()
	test.NewTempApp(t)
	i18n.Set(i18n.English)
	t.Cleanup(func() { i18n.Set(i18n.English) })
	e := &env{clk: &testClock{now: t0}, tickers: make(chan *fakeTicker, 10), ticked: make(chan struct{}),
		queue: make(chan func(), 100)}
	o.Now = e.clk.Now
	e.m = NewManager(fyne.CurrentApp(), h, o)
	e.m.do = func(f func()) { e.queue <- f }
	e.m.newTicker = func(time.Duration) ticker {
		f := &fakeTicker{c: make(chan time.Time), stopped: make(chan struct{})}
		e.tickers <- f
		return f
	}
	e.m.ticked = func() { e.ticked <- struct{}{} }
	t.Cleanup(func() { e.m.CloseAll(); e.settle() })
	return e
}

// settle waits for the Manager's goroutines and timers and runs the work
// they left for the Fyne goroutine, until there is none.
func (e *env) settle() {
	for {
		e.m.jobs.Wait()
		select {
		case f := <-e.queue:
			f()
		default:
			return
		}
	}
}

// tick makes f tick and waits until the tick reached the window.
func (e *env) tick(f *fakeTicker) {
	f.c <- time.Time{}
	<-e.ticked
	e.settle()
}

// ticker is the ticker the Manager made last.
func (e *env) ticker(t *testing.T) *fakeTicker {
	t.Helper()
	select {
	case f := <-e.tickers:
		return f
	default:
		t.Fatal("no call timer was started")
		return nil
	}
}

// gisela is a known caller, ringing.
func gisela() calls.Call {
	return calls.Call{Key: "id:1", CallID: "1", Direction: calls.Incoming, State: calls.Ringing,
		Remote: "+4922147110", RemoteE164: "+4922147110", Start: t0,
		Contact: &calls.Contact{Name: "Gisela Müller", Company: "Müller & Söhne GmbH",
			Source: "vcard:/home/anna/Kontakte.vcf", Match: "exact"}}
}

// unknown is a caller nobody knows, ringing.
func unknown() calls.Call {
	return calls.Call{Key: "id:2", CallID: "2", Direction: calls.Incoming, State: calls.Ringing,
		Remote: "+4930901820", RemoteE164: "+4930901820", Start: t0}
}

// visible calls f for every visible object of the window, depth first
// through containers.
func visible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			visible(child, f)
		}
	}
}

// texts returns the visible labels' and buttons' texts.
func texts(w fyne.Window) []string {
	var out []string
	visible(w.Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		}
	})
	return out
}

// shows fails unless the window shows each text (a label or button whose
// text contains it).
func shows(t *testing.T, w fyne.Window, want ...string) {
	t.Helper()
	got := texts(w)
	for _, s := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, s) }) {
			t.Errorf("window %q does not show %q; it shows %q", w.Title(), s, got)
		}
	}
}

// button returns the visible button with the text, nil when none.
func button(w fyne.Window, text string) *widget.Button {
	var found *widget.Button
	visible(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	return found
}

// tap taps the visible button with the text and waits for its handler.
func (e *env) tap(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	b := button(w, text)
	if b == nil {
		t.Fatalf("no button %q in %q; the window shows %q", text, w.Title(), texts(w))
	}
	test.Tap(b)
	e.settle()
}

// only fails unless the window's visible buttons are exactly want.
func only(t *testing.T, w fyne.Window, want ...string) {
	t.Helper()
	var got []string
	visible(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			got = append(got, b.Text)
		}
	})
	if !slices.Equal(got, want) {
		t.Errorf("buttons %q, want %q", got, want)
	}
}

// waitClosed waits until the goroutine behind done has returned.
func waitClosed(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not stop", what)
	}
}

// driverWindows are the windows the driver has open besides the test
// driver's own untitled one.
func driverWindows() []fyne.Window {
	var out []fyne.Window
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w.Title() != "" {
			out = append(out, w)
		}
	}
	return out
}
