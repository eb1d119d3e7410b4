package testdialog

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"deskcti/app"
	"deskcti/app/i18n"
)

// loop stands in for the Fyne event loop: the run's goroutine posts its
// updates, the test goroutine runs them, so widgets are only ever touched
// by one goroutine.
type loop chan func()

// waitFor runs posted updates until cond holds; the deadline only keeps a
// broken test from hanging.
func (l loop) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	give := time.After(20 * time.Second)
	poll := time.NewTicker(5 * time.Millisecond) // for work that posts nothing when done
	defer poll.Stop()
	for !cond() {
		select {
		case f := <-l:
			f()
		case <-poll.C:
		case <-give:
			t.Fatalf("still waiting for %s", what)
		}
	}
}

// fakePhone is a fake backend: each half reports its steps from a goroutine
// of its own, as a real test reports them while it runs.
type fakePhone struct {
	mu         sync.Mutex
	phoneSteps []app.Step
	reachSteps [][]app.Step // one list per Reach call; the last repeats
	events     error
	firewall   error
	testPage   error

	tests, reaches, configures, firewalls, testPages int
	copied                                           []string
	// hold, when set, stops Test after that many steps until released
	// or cancelled.
	hold    int
	release chan struct{}
	ctxs    []context.Context
}

func report(ctx context.Context, steps []app.Step, progress func(app.Step), hold int, release chan struct{}) []app.Step {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, st := range steps {
			if hold > 0 && i == hold {
				select {
				case <-release:
				case <-ctx.Done():
					return
				}
			}
			progress(st)
		}
	}()
	<-done
	if ctx.Err() != nil {
		return nil
	}
	return steps
}

func (p *fakePhone) handlers() Handlers {
	return Handlers{
		Test: func(ctx context.Context, progress func(app.Step)) []app.Step {
			p.mu.Lock()
			p.tests++
			p.ctxs = append(p.ctxs, ctx)
			steps, hold, release := p.phoneSteps, p.hold, p.release
			p.mu.Unlock()
			return report(ctx, steps, progress, hold, release)
		},
		Reach: func(ctx context.Context, progress func(app.Step)) []app.Step {
			p.mu.Lock()
			p.reaches++
			steps := p.reachSteps[min(p.reaches, len(p.reachSteps))-1]
			p.mu.Unlock()
			return report(ctx, steps, progress, 0, nil)
		},
		ConfigureEvents: func(context.Context) error {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.configures++
			return p.events
		},
		OpenFirewall: func(context.Context) error {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.firewalls++
			return p.firewall
		},
		OpenTestPage: func() error {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.testPages++
			return p.testPage
		},
		Copy: func(text string) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.copied = append(p.copied, text)
		},
	}
}

// counts returns Test, Reach, ConfigureEvents and OpenFirewall calls.
func (p *fakePhone) counts() (tests, reaches, configures, firewalls int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tests, p.reaches, p.configures, p.firewalls
}

func passing(ids ...string) []app.Step {
	var out []app.Step
	for _, id := range ids {
		out = append(out, app.Step{ID: id, Title: i18n.T("test." + id), Detail: "ok " + id})
	}
	return out
}

func goodReach() []app.Step { return passing(app.ReachSteps...) }

type env struct {
	t *testing.T
	d *Dialog
	p *fakePhone
	l loop
}

// start builds the dialog over p and runs it to the end.
func start(t *testing.T, p *fakePhone) *env {
	t.Helper()
	e := begin(t, p)
	e.settle()
	return e
}

// begin builds the dialog over p and starts it, without waiting.
func begin(t *testing.T, p *fakePhone) *env {
	t.Helper()
	if p.phoneSteps == nil {
		p.phoneSteps = passing(app.TestSteps...)
	}
	if p.reachSteps == nil {
		p.reachSteps = [][]app.Step{goodReach()}
	}
	a := test.NewTempApp(t)
	d := New(a, p.handlers())
	e := &env{t: t, d: d, p: p, l: make(loop, 256)}
	d.do = e.l.do
	d.win.Resize(fyne.NewSize(900, 1400))
	d.Run()
	return e
}

func (l loop) do(f func()) { l <- f }

// settle runs updates until the run has ended.
func (e *env) settle() {
	e.t.Helper()
	e.l.waitFor(e.t, "the end of the test", func() bool { return !e.d.running })
}

// ids are the step IDs shown, in order.
func (e *env) ids() []string { return append([]string(nil), e.d.order...) }

func (e *env) row(id string) *stepRow {
	e.t.Helper()
	r, ok := e.d.rows[id]
	if !ok {
		e.t.Fatalf("no step %q shown (have %v)", id, e.ids())
	}
	return r
}
