package popup

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"deskcti/app/calls"
	"deskcti/ui/mainloop"
)

// Action is one of the user's actions, offered as a button on every pop-up.
type Action struct {
	// Name is the button's label.
	Name string
	// Run does it; it runs on its own goroutine and its error is shown in
	// the pop-up.
	Run func(c calls.Call) error
}

// Handlers are what the pop-up's buttons do; the glue wires them to app and
// the other windows. A nil handler hides its button.
type Handlers struct {
	// Answer, Reject, Hangup and Hold (which toggles) control the call on
	// the phone. They run on a goroutine with Options.Timeout.
	Answer, Reject, Hangup, Hold func(ctx context.Context, c calls.Call) error
	// Transfer opens the dial box in transfer mode for the call.
	Transfer func(c calls.Call)
	// OpenContact opens the caller's entry in its own application; it
	// returns an error when the contact has none (no OpenURI).
	OpenContact func(c calls.Call) error
	// AddContact offers to add an unknown caller to an address book.
	AddContact func(c calls.Call)
	// Copy puts text on the clipboard.
	Copy func(text string)
	// Actions are the user's actions, one button each.
	Actions []Action
	// Notes returns the notes of earlier calls with the caller's number,
	// newest first; it may be slow (the journal), so it runs on a goroutine.
	Notes func(c calls.Call) []string
	// Format returns the number as the user writes it ("0221 4711023") and,
	// for callers nobody knows, where the number is from ("Köln"); nil
	// shows the number as the phone reported it.
	Format func(c calls.Call) (display, region string)
}

// Options tune the Manager; the zero value is fine.
type Options struct {
	// CloseAfter is how long a pop-up stays after its call ended; 0 means
	// DefaultCloseAfter.
	CloseAfter time.Duration
	// Now is the clock of the call timer; nil means time.Now.
	Now func() time.Time
	// Timeout bounds each button's phone request; 0 means DefaultTimeout.
	Timeout time.Duration
	// OnTop asks the system to keep pop-ups above other windows, where
	// Fyne's desktop driver allows it (see the package documentation).
	OnTop bool
}

// Defaults for Options.
const (
	DefaultCloseAfter = 4 * time.Second
	// DefaultTimeout is above the phone drivers' own 5 s total, so that
	// their more precise errors arrive first.
	DefaultTimeout = 10 * time.Second
)

// Manager keeps one pop-up window per call. Its methods must be called on
// the Fyne goroutine (mainloop.Do from elsewhere).
type Manager struct {
	app fyne.App
	h   Handlers
	opt Options

	open  map[string]*popup // by calls.Call.Key
	order []*popup          // creation order: the stacking order
	// dismissed holds the keys of calls whose pop-up the user closed while
	// the call went on, so that the call's next change does not reopen it.
	dismissed map[string]bool
	// spare holds hidden windows of closed pop-ups for the next ones (see
	// recycle), at most maxSpare.
	spare []fyne.Window

	// jobs counts the goroutines and timers whose result is still to reach
	// the window (button handlers, notes, the close timer): tests wait for it.
	jobs sync.WaitGroup
	// do hands work to the Fyne goroutine: mainloop.Do, or a queue that Sample
	// and the tests drain themselves (the test driver's fyne.Do runs work
	// on the calling goroutine, racing with the test).
	do func(func())
	// newTicker makes the call timer's ticker; tests drive it by hand.
	newTicker func(time.Duration) ticker
	// ticked, when set, is called after each tick reached the window (tests).
	ticked func()
}

// NewManager returns a Manager with no pop-ups.
func NewManager(a fyne.App, h Handlers, o Options) *Manager {
	if o.CloseAfter <= 0 {
		o.CloseAfter = DefaultCloseAfter
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Manager{app: a, h: h, opt: o, open: map[string]*popup{}, dismissed: map[string]bool{},
		do: mainloop.Do, newTicker: newTimeTicker}
}

// Update shows what changed about a call: a new ringing or dialling call
// gets a pop-up, a known one is updated, and a finished one closes
// Options.CloseAfter later. Calls the user closed the pop-up of stay closed.
func (m *Manager) Update(c calls.Call) {
	p := m.open[c.Key]
	if p != nil && p.call.State.Final() && !c.State.Final() {
		// The tracker reuses a fallback key (the remote number) for a new
		// call once the old one is over: that is a new pop-up.
		p.close()
		p = nil
	}
	if p != nil {
		p.update(c)
		return
	}
	if c.State.Final() {
		delete(m.dismissed, c.Key)
		return
	}
	if m.dismissed[c.Key] {
		return
	}
	p = m.newPopup(c)
	m.open[c.Key] = p
	m.order = append(m.order, p)
	p.update(c)
	m.show(p.w)
}

// show shows a new pop-up window, above the others where it can.
func (m *Manager) show(w fyne.Window) {
	if m.opt.OnTop && showOnTop(m.app, w) {
		return
	}
	w.Show()
	w.RequestFocus()
}

// Windows returns the open pop-ups' windows, oldest first: the order they
// stack in.
func (m *Manager) Windows() []fyne.Window {
	out := make([]fyne.Window, 0, len(m.order))
	for _, p := range m.order {
		out = append(out, p.w)
	}
	return out
}

// CloseAll closes every pop-up. Calls still going stay closed like pop-ups
// the user closed by hand.
func (m *Manager) CloseAll() {
	for _, p := range append([]*popup(nil), m.order...) {
		if !p.call.State.Final() {
			m.dismissed[p.call.Key] = true
		}
		p.close()
	}
}

// forget drops a closed pop-up.
func (m *Manager) forget(p *popup) {
	if m.open[p.call.Key] == p {
		delete(m.open, p.call.Key)
	}
	for i, q := range m.order {
		if q == p {
			m.order = append(m.order[:i], m.order[i+1:]...)
			break
		}
	}
}

// maxSpare is how many closed pop-up windows are kept for reuse: enough
// for calls that come one after the other, or two at a time.
const maxSpare = 2

// window returns a window for a new pop-up: a spare one, or a new one.
func (m *Manager) window() fyne.Window {
	if n := len(m.spare); n > 0 {
		w := m.spare[n-1]
		m.spare = m.spare[:n-1]
		return w
	}
	w := m.app.NewWindow("")
	w.SetFixedSize(true)
	return w
}

// recycle hides the window of a closed pop-up and keeps it for the next
// pop-up, or closes it when enough are kept. A new window costs Fyne's GLFW
// driver a native window, an OpenGL context and the painter's set-up, and
// its first frame compiles the shaders anew: about 40-80 ms (more under
// software rendering) that a ringing call would otherwise wait for its
// pop-up (bench/desktop BenchmarkRingingToPopup). A hidden window keeps all
// of that and shows again at once.
func (m *Manager) recycle(w fyne.Window) {
	if len(m.spare) >= maxSpare {
		w.SetOnClosed(nil)
		w.Close()
		return
	}
	w.Hide()
	// Nothing of the old pop-up stays reachable, and a spare is no pop-up:
	// untitled, it closes without side effects.
	w.SetOnClosed(nil)
	w.SetCloseIntercept(nil)
	w.SetTitle("")
	w.SetContent(container.NewStack())
	m.spare = append(m.spare, w)
}
