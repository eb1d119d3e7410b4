package desktop

import (
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xproto"

	"deskcti/platform/xshot"
)

// xevKind is what happened to a top-level window.
type xevKind int

const (
	xCreated xevKind = iota
	xMapped
	xDrawn // its pixels changed on the X server (DAMAGE)
	xGone  // unmapped or destroyed
)

// xev is one event about a top-level window, stamped when it arrived.
type xev struct {
	kind xevKind
	win  xproto.Window
	at   time.Time
}

// xwatch follows the top-level windows of a display as the X server sees
// them: created, mapped, drawn, gone. "Drawn" comes from the DAMAGE
// extension: a damage object is attached to each new top-level window as
// soon as it is created, so the first report after the window is mapped is
// the first frame that reached the server, with no window of time in which
// a draw could slip by. Each report is acknowledged at once, so a window
// hidden and shown again reports its next frame too.
type xwatch struct {
	x      *xgb.Conn
	shot   *xshot.Conn
	root   xproto.Window
	events chan xev

	wmProtocols, wmDelete xproto.Atom
}

func watchX(tb testing.TB, display string) *xwatch {
	tb.Helper()
	// xshot's connection first: it silences xgb's logger once for all.
	shot, err := xshot.Dial(display)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(shot.Close)
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		tb.Fatalf("connect to X display %s: %v", display, err)
	}
	tb.Cleanup(x.Close)
	if err := damage.Init(x); err != nil {
		tb.Fatalf("X server without DAMAGE: %v", err)
	}
	if _, err := damage.QueryVersion(x, 1, 1).Reply(); err != nil {
		tb.Fatalf("DAMAGE version: %v", err)
	}
	w := &xwatch{x: x, shot: shot, root: xproto.Setup(x).DefaultScreen(x).Root, events: make(chan xev, 4096)}
	w.wmProtocols, w.wmDelete = w.atom(tb, "WM_PROTOCOLS"), w.atom(tb, "WM_DELETE_WINDOW")
	err = xproto.ChangeWindowAttributesChecked(x, w.root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureNotify}).Check()
	if err != nil {
		tb.Fatalf("watch the root window: %v", err)
	}
	go w.read()
	return w
}

func (w *xwatch) atom(tb testing.TB, name string) xproto.Atom {
	tb.Helper()
	r, err := xproto.InternAtom(w.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		tb.Fatalf("atom %s: %v", name, err)
	}
	return r.Atom
}

// read stamps and forwards events until the connection closes.
func (w *xwatch) read() {
	defer close(w.events)
	for {
		e, err := w.x.WaitForEvent()
		now := time.Now()
		if e == nil && err == nil {
			return
		}
		if err != nil {
			// A damage object for a window that cannot have one (GLFW's
			// InputOnly helper window) fails harmlessly.
			continue
		}
		switch e := e.(type) {
		case xproto.CreateNotifyEvent:
			if e.Parent == w.root {
				if id, err := damage.NewDamageId(w.x); err == nil {
					damage.Create(w.x, id, xproto.Drawable(e.Window), damage.ReportLevelNonEmpty)
				}
				w.events <- xev{xCreated, e.Window, now}
			}
		case xproto.MapNotifyEvent:
			w.events <- xev{xMapped, e.Window, now}
		case damage.NotifyEvent:
			// Empty the damage again, so that the next frame (a reused
			// window shown again) reports anew.
			damage.Subtract(w.x, e.Damage, 0, 0)
			w.events <- xev{xDrawn, xproto.Window(e.Drawable), now}
		case xproto.UnmapNotifyEvent:
			w.events <- xev{xGone, e.Window, now}
		case xproto.DestroyNotifyEvent:
			w.events <- xev{xGone, e.Window, now}
		}
	}
}

// drain drops the events that arrived so far.
func (w *xwatch) drain() {
	for {
		select {
		case <-w.events:
		default:
			return
		}
	}
}

// next returns the next event that match accepts; after timeout the run
// is invalid.
func (w *xwatch) next(tb testing.TB, timeout time.Duration, what string, match func(xev) bool) xev {
	tb.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case e, ok := <-w.events:
			if !ok {
				tb.Fatalf("X connection closed while waiting for %s", what)
			}
			if match(e) {
				return e
			}
		case <-deadline:
			tb.Fatalf("no %s within %v", what, timeout)
		}
	}
}

// window is the mapped top-level window win with its title and size, as
// xshot lists it; ok is false when it is not (or no longer) viewable.
func (w *xwatch) window(tb testing.TB, win xproto.Window) (xshot.Window, bool) {
	tb.Helper()
	ws, err := w.shot.Windows()
	if err != nil {
		tb.Fatalf("list windows: %v", err)
	}
	for _, sw := range ws {
		if sw.ID == win {
			return sw, true
		}
	}
	return xshot.Window{}, false
}

// close asks win to close the way a window manager's close button does:
// a WM_DELETE_WINDOW client message.
func (w *xwatch) close(tb testing.TB, win xproto.Window) {
	tb.Helper()
	ev := xproto.ClientMessageEvent{Format: 32, Window: win, Type: w.wmProtocols,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(w.wmDelete), xproto.TimeCurrentTime, 0, 0, 0})}
	if err := xproto.SendEventChecked(w.x, false, win, xproto.EventMaskNoEvent, string(ev.Bytes())).Check(); err != nil {
		tb.Fatalf("close window %d: %v", win, err)
	}
}
