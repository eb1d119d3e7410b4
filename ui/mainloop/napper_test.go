package mainloop

import (
	"sync/atomic"
	"testing"
	"time"
)

// waitLimit bounds every wait below. It guards against hangs; no test
// depends on anything being fast.
const waitLimit = 30 * time.Second

// fakeLoop runs the napper's functions on the napper's own goroutine, as
// fyne.DoAndWait does on the real loop (the caller waits either way), and
// counts them; hidden is what the windows report.
type fakeLoop struct {
	hidden atomic.Bool
	runs   atomic.Int64
	ended  chan struct{} // one value per nap that ended
	exited chan struct{} // closed when loop returns
}

func startFake(t *testing.T, quiet, maxNap time.Duration, hidden bool) (*napper, *fakeLoop) {
	t.Helper()
	f := &fakeLoop{ended: make(chan struct{}, 100), exited: make(chan struct{})}
	f.hidden.Store(hidden)
	n := newNapper(func(g func()) {
		f.runs.Add(1)
		g()
	}, f.hidden.Load)
	n.quiet, n.maxNap, n.awake = quiet, maxNap, time.Millisecond
	inner := n.run
	n.run = func(g func()) {
		naps := n.naps.Load()
		inner(g)
		if n.naps.Load() > naps {
			f.ended <- struct{}{}
		}
	}
	go func() { n.loop(); close(f.exited) }()
	t.Cleanup(func() {
		n.stop()
		<-f.exited
	})
	return n, f
}

// until polls cond (cheap, in-memory) until it holds.
func until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(waitLimit); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestNapWaitsForQuiet(t *testing.T) {
	const quiet = 100 * time.Millisecond
	start := time.Now()
	n, _ := startFake(t, quiet, time.Hour, true)
	n.poke()
	poked := time.Now()
	until(t, "a nap", func() bool { return n.naps.Load() > 0 })
	// Timers never fire early, so this cannot flake: a nap that began
	// sooner was not waiting for quiet.
	if since := time.Since(poked); since < quiet {
		t.Errorf("napped %v after work, want at least %v", since, quiet)
	}
	if since := time.Since(start); since < quiet {
		t.Errorf("napped %v after start, want at least %v", since, quiet)
	}
}

// With a nap far longer than the test, only a wake-up can end it.
func TestWakeEndsANap(t *testing.T) {
	n, f := startFake(t, time.Millisecond, time.Hour, true)
	until(t, "a nap", func() bool { return n.naps.Load() == 1 })
	n.poke()
	select {
	case <-f.ended:
	case <-time.After(waitLimit):
		t.Fatal("the nap did not end on a wake-up")
	}
}

func TestWakersWake(t *testing.T) {
	n, f := startFake(t, time.Millisecond, time.Hour, true)
	w := make(chan struct{})
	go n.follow(w)
	until(t, "a nap", func() bool { return n.naps.Load() == 1 })
	w <- struct{}{}
	select {
	case <-f.ended:
	case <-time.After(waitLimit):
		t.Fatal("the nap did not end when a waker sent")
	}
}

func TestMaxNapEndsANap(t *testing.T) {
	n, _ := startFake(t, time.Millisecond, 5*time.Millisecond, true)
	until(t, "three naps in a row, without a wake-up", func() bool { return n.naps.Load() >= 3 })
}

// While a window is on screen the loop must not nap: that window would
// stop drawing and answering.
func TestNoNapWhileAWindowShows(t *testing.T) {
	n, f := startFake(t, time.Millisecond, time.Hour, false)
	until(t, "the napper to look ten times", func() bool { return f.runs.Load() >= 10 })
	if got := n.naps.Load(); got != 0 {
		t.Fatalf("%d naps with a window on screen", got)
	}
	f.hidden.Store(true)
	until(t, "a nap once the window is hidden", func() bool { return n.naps.Load() == 1 })
}

// A wake-up that came while the loop was awake (a window showed) is work:
// the next nap begins no sooner than quiet after it, and the wake-up, used
// up, does not end that nap at once.
func TestWakeUpWhileAwake(t *testing.T) {
	const quiet = 50 * time.Millisecond
	n, f := startFake(t, quiet, time.Hour, false)
	until(t, "the napper to look", func() bool { return f.runs.Load() >= 2 })
	n.poke()
	poked := time.Now()
	f.hidden.Store(true)
	until(t, "a nap", func() bool { return n.naps.Load() == 1 })
	if since := time.Since(poked); since < quiet {
		t.Errorf("napped %v after work, want at least %v", since, quiet)
	}
	select {
	case <-f.ended:
		t.Fatal("the nap ended without a wake-up")
	case <-time.After(10 * quiet):
	}
}

func TestStopEndsNapAndLoop(t *testing.T) {
	n, f := startFake(t, time.Millisecond, time.Hour, true)
	until(t, "a nap", func() bool { return n.naps.Load() == 1 })
	n.stop()
	select {
	case <-f.exited:
	case <-time.After(waitLimit):
		t.Fatal("stop did not end the nap and the loop")
	}
}
