// Package mainloop hands deskcti's work to Fyne's main loop and lets that
// loop nap while no window is on screen.
//
// Fyne 2.7's GLFW driver wakes sixty times a second whether or not a window
// is shown, to poll for events and redraw (internal/driver/glfw/loop.go).
// For a program that spends the day hidden in the tray those wake-ups are
// nearly all the CPU time it uses, and they keep a laptop's cores from
// sleeping. A nap is a function run on the loop that blocks until something
// needs the loop: while it blocks, Fyne neither polls nor draws.
//
// What needs the loop wakes it:
//   - deskcti's own work, which reaches the loop only through Do and
//     DoAndWait here (a test keeps fyne.Do out of the rest of ui/ and cmd/);
//   - the wakers given to Start: on Linux, any DBus call from the panel to
//     the tray (opening its menu, a click), so a menu item's action, which
//     Fyne queues by itself, runs at once;
//   - nothing else: what Fyne queues on its own (a tray click on Windows or
//     macOS, a theme change) waits for the end of the nap, MaxNap at most.
//     On macOS that includes opening the tray menu itself, since Cocoa's
//     events are read inside GLFW's poll (untested: no macOS here).
//
// The loop naps only when every window is hidden, and only after it has been
// left alone for Quiet.
package mainloop

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Timing of naps. Quiet keeps the loop awake after any work, so that a
// burst of it (a call ringing, a menu being opened) is not slowed down;
// MaxNap bounds how long work queued behind deskcti's back waits, and how
// long X events to hidden windows wait to be read; Awake is the pause
// between two naps, long enough for Fyne to run one round of its loop
// (60 per second).
const (
	Quiet  = 2 * time.Second
	MaxNap = 250 * time.Millisecond
	Awake  = 20 * time.Millisecond
)

// active is the running napper; nil before Start and after its stop.
var active atomic.Pointer[napper]

// Do runs f on Fyne's main loop, like fyne.Do, waking the loop first.
func Do(f func()) {
	Wake()
	fyne.Do(f)
}

// DoAndWait runs f on Fyne's main loop and waits for it, like
// fyne.DoAndWait, waking the loop first.
func DoAndWait(f func()) {
	Wake()
	fyne.DoAndWait(f)
}

// Wake ends a nap at once and keeps the loop awake for Quiet. It is cheap
// and safe to call from any goroutine, napping or not.
func Wake() {
	if n := active.Load(); n != nil {
		n.poke()
	}
}

// Naps is how many naps the loop has begun since the process started: for
// tests and diagnostics.
func Naps() int64 { return totalNaps.Load() }

// totalNaps outlives each napper, so that Naps counts across restarts.
var totalNaps atomic.Int64

// Options tune Start.
type Options struct {
	// Wakers wake the loop with every value they send, like Wake.
	Wakers []<-chan struct{}
	// MaxNap overrides the package's MaxNap when positive. Tests set it
	// far beyond their waits, so that only a wake-up can end a nap.
	MaxNap time.Duration
}

// Start lets a's main loop nap from now on. It does nothing unless a runs
// Fyne's GLFW driver, the only one whose windows can be told hidden; the
// fyne/test driver runs fyne.DoAndWait on the caller's goroutine, where a
// nap would block the test. Only one napper runs per process (there is one
// loop): a second Start does nothing until Stop.
func Start(a fyne.App, o Options) {
	if !napsPossible(a) {
		return
	}
	n := newNapper(fyne.DoAndWait, func() bool { return allHidden(a.Driver().AllWindows()) })
	if o.MaxNap > 0 {
		n.maxNap = o.MaxNap
	}
	if !active.CompareAndSwap(nil, n) {
		return
	}
	for _, w := range o.Wakers {
		go n.follow(w)
	}
	go n.loop()
}

// Stop ends the naps for good (until the next Start). Call it as soon as
// quitting is asked for, and again once the loop has ended: after that,
// fyne.DoAndWait runs its function on the caller's goroutine, where a nap
// must not look at the windows. It does nothing when no napper runs.
func Stop() {
	if n := active.Swap(nil); n != nil {
		n.stop()
	}
}
