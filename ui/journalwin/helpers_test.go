package journalwin

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/ui/internal/uitest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/calls"
	"deskcti/app/journal"
)

// testNow is the fixed "now" of every test: a Monday late morning.
var testNow = time.Date(2026, 11, 30, 11, 0, 0, 0, time.Local)

// uiQueue stands in for the Fyne event loop: background goroutines post
// their UI updates, the test goroutine runs them. Everything touching
// widgets thus runs on the test goroutine, as it would on Fyne's.
type uiQueue chan func()

func (q uiQueue) do(f func()) { q <- f }

// until runs posted updates until cond holds. The deadline only keeps a
// broken test from hanging; nothing is timed.
func (q uiQueue) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for !cond() {
		select {
		case f := <-q:
			f()
		case <-deadline:
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// timers replaces time.AfterFunc: the test fires timers by hand.
type timers struct {
	pending []*timer
}

type timer struct {
	f       func()
	stopped bool
}

func (ts *timers) after(_ time.Duration, f func()) func() bool {
	t := &timer{f: f}
	ts.pending = append(ts.pending, t)
	return func() bool {
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// fireLive runs every timer not stopped and says how many ran.
func (ts *timers) fireLive() int {
	n := 0
	for _, t := range ts.pending {
		if !t.stopped {
			t.stopped = true
			n++
			go t.f() // as time.AfterFunc: on its own goroutine
		}
	}
	return n
}

// fake records what the window asks of its handlers; the journal behind
// it is a memStore.
type fake struct {
	store *memStore
	mu    sync.Mutex
	// listErr, when set, fails every query.
	listErr error
	rec     record
}

// record is what the handlers were asked.
type record struct {
	queries   []journal.Query
	callbacks []calls.Call
	opened    []calls.Call
	notes     []string // "id:text"
	deletes   [][]int64
	copied    []string
	exported  [][]calls.Call
	formatCC  []bool
}

func (f *fake) handlers() Handlers {
	return Handlers{
		List: func(ctx context.Context, q journal.Query) ([]calls.Call, error) {
			f.mu.Lock()
			f.rec.queries = append(f.rec.queries, q)
			err := f.listErr
			f.mu.Unlock()
			if err != nil {
				return nil, err
			}
			return f.store.List(ctx, q)
		},
		SetNote: func(ctx context.Context, id int64, note string) error {
			f.record(func() { f.rec.notes = append(f.rec.notes, fmtNote(id, note)) })
			return f.store.SetNote(ctx, id, note)
		},
		Delete: func(ctx context.Context, ids ...int64) error {
			f.record(func() { f.rec.deletes = append(f.rec.deletes, ids) })
			return f.store.Delete(ctx, ids...)
		},
		CallBack: func(_ context.Context, c calls.Call) error {
			f.record(func() { f.rec.callbacks = append(f.rec.callbacks, c) })
			return nil
		},
		OpenContact: func(c calls.Call) error {
			f.record(func() { f.rec.opened = append(f.rec.opened, c) })
			return nil
		},
		Copy: func(text string) { f.record(func() { f.rec.copied = append(f.rec.copied, text) }) },
		ExportCSV: func(_ context.Context, w io.Writer, cs []calls.Call) error {
			f.record(func() { f.rec.exported = append(f.rec.exported, cs) })
			for _, c := range cs {
				if _, err := io.WriteString(w, c.Remote+"\n"); err != nil {
					return err
				}
			}
			return nil
		},
		Format: func(c calls.Call, cc bool) string {
			f.record(func() { f.rec.formatCC = append(f.rec.formatCC, cc) })
			return SampleFormat(c, cc)
		},
	}
}

func fmtNote(id int64, note string) string { return fmt.Sprintf("%d:%s", id, note) }

func (f *fake) record(g func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	g()
}

// lastQuery is the latest query and how many there were.
func (f *fake) lastQuery() (journal.Query, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.rec.queries) == 0 {
		return journal.Query{}, 0
	}
	return f.rec.queries[len(f.rec.queries)-1], len(f.rec.queries)
}

// seen returns a copy of what f recorded, for reading without races.
func (f *fake) seen() record {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.rec
	return record{queries: slices.Clone(r.queries), callbacks: slices.Clone(r.callbacks), opened: slices.Clone(r.opened),
		notes: slices.Clone(r.notes), deletes: slices.Clone(r.deletes), copied: slices.Clone(r.copied),
		exported: slices.Clone(r.exported), formatCC: slices.Clone(r.formatCC)}
}

type env struct {
	t      *testing.T
	w      *Window
	f      *fake
	q      uiQueue
	timers *timers
}

// open builds the window over cs with fakes, shows it and waits for the
// first page.
func open(t *testing.T, cs []calls.Call, configure ...func(*Window)) *env {
	t.Helper()
	a := test.NewTempApp(t)
	f := &fake{store: newMemStore(cs)}
	w := New(a, f.handlers())
	e := &env{t: t, w: w, f: f, q: make(uiQueue, 256), timers: &timers{}}
	w.do = e.q.do
	w.after = e.timers.after
	w.now = func() time.Time { return testNow }
	for _, c := range configure {
		c(w)
	}
	w.win.Resize(fyne.NewSize(1000, 900))
	w.Show()
	e.idle()
	return e
}

// idle runs UI updates until no query is running.
func (e *env) idle() {
	e.t.Helper()
	e.q.until(e.t, "the query", func() bool { return !e.w.loading && !e.w.exporting })
}

// rows are the rows the list shows, top to bottom.
func (e *env) rows() []*row {
	var rs []*row
	uitest.Walk(e.w.win.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*row); ok {
			rs = append(rs, r)
		}
	})
	slices.SortFunc(rs, func(a, b *row) int {
		return int(fyne.CurrentApp().Driver().AbsolutePositionForObject(a).Y - fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Y)
	})
	return rs
}

func (e *env) rowOf(id int64) *row {
	e.t.Helper()
	for _, r := range e.rows() {
		if r.call.ID == id {
			return r
		}
	}
	e.t.Fatalf("no row shows call %d", id)
	return nil
}

func (e *env) shownIDs() []int64 {
	var ids []int64
	for _, r := range e.rows() {
		ids = append(ids, r.call.ID)
	}
	return ids
}

// expand selects the row of call id, as a click on it does.
func (e *env) expand(id int64) *row {
	e.t.Helper()
	i := e.w.indexOf(id)
	if i < 0 {
		e.t.Fatalf("call %d not loaded", id)
	}
	e.w.list.Select(i)
	r := e.rowOf(id)
	if !r.details.Visible() {
		e.t.Fatalf("row of call %d did not expand", id)
	}
	return r
}

func richText(rt *widget.RichText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		b.WriteString(s.Textual())
	}
	return b.String()
}

// overlayButton finds the button labelled text in the top dialog.
func (e *env) overlayButton(text string) *widget.Button {
	e.t.Helper()
	top := e.w.win.Canvas().Overlays().Top()
	if top == nil {
		e.t.Fatalf("no dialog open, looking for %q", text)
	}
	var found *widget.Button
	uitest.Walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		e.t.Fatalf("the dialog has no button %q", text)
	}
	return found
}

// overlayText is all label and entry text of the top dialog.
func (e *env) overlayText() string {
	top := e.w.win.Canvas().Overlays().Top()
	var b strings.Builder
	uitest.Walk(top, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(richText(x) + "\n")
		}
	})
	return b.String()
}

func (e *env) overlayEntry() *widget.Entry {
	e.t.Helper()
	var found *widget.Entry
	uitest.Walk(e.w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Entry); ok && found == nil {
			found = x
		}
	})
	if found == nil {
		e.t.Fatal("the dialog has no entry")
	}
	return found
}
