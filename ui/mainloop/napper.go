package mainloop

import (
	"sync"
	"sync/atomic"
	"time"
)

// napper decides when the loop naps. Its hooks make it testable without
// Fyne: run runs a function on the loop and waits for it, hidden reports
// (on the loop) whether every window is hidden.
type napper struct {
	run    func(func())
	hidden func() bool

	quiet, maxNap, awake time.Duration

	epoch time.Time     // monotonic base of last
	last  atomic.Int64  // when work last came, in ns since epoch
	wake  chan struct{} // capacity 1: pending wake-ups fold into one
	done  chan struct{} // closed by stop
	once  sync.Once
	naps  atomic.Int64
}

func newNapper(run func(func()), hidden func() bool) *napper {
	n := &napper{run: run, hidden: hidden, quiet: Quiet, maxNap: MaxNap, awake: Awake,
		epoch: time.Now(), wake: make(chan struct{}, 1), done: make(chan struct{})}
	n.last.Store(0) // start-up is work: stay awake for quiet first
	return n
}

// poke records work and ends a nap in progress.
func (n *napper) poke() {
	n.last.Store(int64(time.Since(n.epoch)))
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// idle is how long no work has come.
func (n *napper) idle() time.Duration {
	return time.Since(n.epoch) - time.Duration(n.last.Load())
}

// stop ends the nap in progress and the napper's goroutines.
func (n *napper) stop() { n.once.Do(func() { close(n.done) }) }

func (n *napper) stopped() bool {
	select {
	case <-n.done:
		return true
	default:
		return false
	}
}

// follow pokes for every value from w until w closes or the napper stops.
func (n *napper) follow(w <-chan struct{}) {
	for {
		select {
		case _, ok := <-w:
			if !ok {
				return
			}
			n.poke()
		case <-n.done:
			return
		}
	}
}

// loop naps the loop, again and again, whenever it has been left alone for
// quiet and no window is on screen.
func (n *napper) loop() {
	for {
		for left := n.quiet - n.idle(); left > 0; left = n.quiet - n.idle() {
			if !n.sleep(left) {
				return
			}
		}
		napped := false
		n.run(func() { napped = n.nap() })
		pause := n.awake
		if !napped {
			// A window is on screen (or work just came): Fyne's loop runs
			// anyway, so looking again after quiet costs nothing.
			pause = n.quiet
		}
		if !n.sleep(pause) {
			return
		}
	}
}

// nap runs on the loop: it blocks until a wake-up, maxNap or stop, if
// every window is hidden and no work came in the last quiet.
func (n *napper) nap() bool {
	if n.stopped() || !n.hidden() {
		return false
	}
	select {
	case <-n.wake: // a wake-up from before this nap; idle tells if it is recent
	default:
	}
	if n.idle() < n.quiet {
		return false
	}
	n.naps.Add(1)
	totalNaps.Add(1)
	t := time.NewTimer(n.maxNap)
	defer t.Stop()
	select {
	case <-n.wake:
	case <-t.C:
	case <-n.done:
	}
	return true
}

// sleep waits d; false when the napper stopped first.
func (n *napper) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-n.done:
		return false
	}
}
