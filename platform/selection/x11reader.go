//go:build unix && !darwin

package selection

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// x11Reader asks selection owners for text on behalf of one unmapped
// window, which receives the answers in one of its properties.
type x11Reader struct {
	x      *xgb.Conn
	win    xproto.Window
	prop   xproto.Atom // where owners put the text
	clip   xproto.Atom // CLIPBOARD
	utf8   xproto.Atom // UTF8_STRING
	incr   xproto.Atom // INCR
	events chan xgb.Event
	done   chan struct{}
}

// newX11Reader creates the window and interns the atoms. The window is
// InputOnly and never mapped: it exists only as the requestor that owners
// write to, and it selects PropertyChange for INCR transfers.
func newX11Reader(x *xgb.Conn) (*x11Reader, error) {
	r := &x11Reader{x: x, events: make(chan xgb.Event, 16), done: make(chan struct{})}
	names := []string{"CLIPBOARD", "UTF8_STRING", "INCR", "DESKCTI_SELECTION"}
	cookies := make([]xproto.InternAtomCookie, len(names))
	for i, n := range names {
		cookies[i] = xproto.InternAtom(x, false, uint16(len(n)), n)
	}
	atoms := make([]xproto.Atom, len(names))
	for i, c := range cookies {
		a, err := c.Reply()
		if err != nil {
			return nil, fmt.Errorf("intern atom %s: %w", names[i], err)
		}
		atoms[i] = a.Atom
	}
	r.clip, r.utf8, r.incr, r.prop = atoms[0], atoms[1], atoms[2], atoms[3]

	win, err := xproto.NewWindowId(x)
	if err != nil {
		return nil, fmt.Errorf("allocate window id: %w", err)
	}
	root := xproto.Setup(x).DefaultScreen(x).Root
	err = xproto.CreateWindowChecked(x, 0, win, root, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOnly, 0, xproto.CwEventMask,
		[]uint32{xproto.EventMaskPropertyChange}).Check()
	if err != nil {
		return nil, fmt.Errorf("create window: %w", err)
	}
	r.win = win
	go r.pump()
	return r, nil
}

// pump moves events from the connection to r.events until the connection
// is closed and its reading goroutine has ended, so that waits can also
// watch ctx (xgb's WaitForEvent cannot) and close can wait for the end.
func (r *x11Reader) pump() {
	defer close(r.events)
	for {
		ev, err := r.x.WaitForEvent()
		if ev == nil && err == nil {
			return // the connection is closed
		}
		if ev == nil {
			// An X error: a request of ours failed (say, a window the
			// owner destroyed). The wait that needs the answer times out.
			continue
		}
		select {
		case r.events <- ev:
		case <-r.done:
		}
	}
}

// closeWait bounds how long close waits for the connection to shut down;
// a server that stopped answering must not turn close into a hang.
const closeWait = 250 * time.Millisecond

// close removes the property and the window and ends the connection. It
// waits (briefly) until xgb's goroutines are done with the connection, so
// that Text leaves nothing running behind it.
func (r *x11Reader) close() {
	xproto.DeleteProperty(r.x, r.win, r.prop)
	xproto.DestroyWindow(r.x, r.win)
	close(r.done) // pump drops events from now on
	r.x.Close()
	timeout := time.After(closeWait)
	for {
		select {
		case _, ok := <-r.events:
			if !ok {
				return
			}
		case <-timeout:
			return
		}
	}
}

// read tries PRIMARY, then CLIPBOARD.
func (r *x11Reader) read(ctx context.Context) (string, error) {
	for _, sel := range []struct {
		name string
		atom xproto.Atom
	}{{"PRIMARY", xproto.AtomPrimary}, {"CLIPBOARD", r.clip}} {
		owner, err := xproto.GetSelectionOwner(r.x, sel.atom).Reply()
		if err != nil {
			return "", fmt.Errorf("selection: owner of %s: %w", sel.name, err)
		}
		if owner.Owner == xproto.WindowNone {
			continue
		}
		s, err := r.readSelection(ctx, sel.atom)
		if err != nil {
			return "", fmt.Errorf("selection: read %s: %w", sel.name, err)
		}
		if !isBlank(s) {
			return s, nil
		}
	}
	return "", ErrEmpty
}

// readSelection asks for UTF8_STRING, then for STRING from owners that
// refuse it (old Xt and Motif programs know only STRING). It returns ""
// when the owner offers no text.
func (r *x11Reader) readSelection(ctx context.Context, sel xproto.Atom) (string, error) {
	for _, target := range []xproto.Atom{r.utf8, xproto.AtomString} {
		data, typ, ok, err := r.convert(ctx, sel, target)
		if err != nil {
			return "", err
		}
		if !ok {
			continue
		}
		if s, ok := r.decode(data, typ); ok {
			return s, nil
		}
	}
	return "", nil
}

// decode turns the owner's bytes into UTF-8. STRING is ISO 8859-1 by
// definition (ICCCM); UTF8_STRING and other 8-bit text types are taken as
// UTF-8 when they are valid UTF-8. Owners written in C sometimes include
// the terminating NUL.
func (r *x11Reader) decode(data []byte, typ xproto.Atom) (string, bool) {
	data = []byte(strings.TrimRight(string(data), "\x00"))
	switch {
	case typ == xproto.AtomString:
		return latin1ToUTF8(data), true
	case utf8.Valid(data):
		return string(data), true
	default:
		return "", false
	}
}

// latin1ToUTF8 decodes ISO 8859-1, whose bytes are the first 256 Unicode
// code points.
func latin1ToUTF8(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// convert asks the owner of sel to convert it to target and returns the
// bytes and their type; ok is false when the owner refuses the target or
// answers with something other than 8-bit data.
func (r *x11Reader) convert(ctx context.Context, sel, target xproto.Atom) (data []byte, typ xproto.Atom, ok bool, err error) {
	// ICCCM asks for the timestamp of the triggering event; we have no X
	// event (the hotkey may come from elsewhere), and CurrentTime is what
	// xclip and xsel use as well.
	xproto.ConvertSelection(r.x, r.win, sel, target, r.prop, xproto.TimeCurrentTime)
	ev, err := r.waitFor(ctx, func(ev xgb.Event) bool {
		n, ok := ev.(xproto.SelectionNotifyEvent)
		return ok && n.Requestor == r.win && n.Selection == sel
	})
	if err != nil {
		return nil, 0, false, fmt.Errorf("the selection owner did not answer: %w", err)
	}
	if ev.(xproto.SelectionNotifyEvent).Property == xproto.AtomNone {
		return nil, 0, false, nil
	}
	p, err := xproto.GetProperty(r.x, false, r.win, r.prop, xproto.GetPropertyTypeAny, 0, MaxBytes/4+1).Reply()
	if err != nil {
		return nil, 0, false, fmt.Errorf("get property: %w", err)
	}
	if p.Type == r.incr {
		data, typ, err = r.readIncr(ctx, p)
		if err != nil {
			return nil, 0, false, err
		}
		return data, typ, true, nil
	}
	xproto.DeleteProperty(r.x, r.win, r.prop)
	if p.BytesAfter > 0 || len(p.Value) > MaxBytes {
		return nil, 0, false, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxBytes)
	}
	return p.Value, p.Type, p.Format == 8, nil
}

// readIncr receives an INCR transfer (ICCCM 2.7.2): the owner announced
// a lower bound of the size; every deletion of the property asks for the
// next chunk, and a chunk of length zero ends the transfer. A transfer
// announced or grown beyond MaxBytes is refused.
func (r *x11Reader) readIncr(ctx context.Context, p *xproto.GetPropertyReply) ([]byte, xproto.Atom, error) {
	if len(p.Value) >= 4 {
		if size := binary.LittleEndian.Uint32(p.Value); size > MaxBytes {
			xproto.DeleteProperty(r.x, r.win, r.prop)
			return nil, 0, fmt.Errorf("%w: the owner announced %d bytes, the limit is %d", ErrTooLarge, size, MaxBytes)
		}
	}
	var data []byte
	var typ xproto.Atom
	newValue := func(ev xgb.Event) bool {
		n, ok := ev.(xproto.PropertyNotifyEvent)
		return ok && n.Window == r.win && n.Atom == r.prop && n.State == xproto.PropertyNewValue
	}
	// Deleting the INCR property starts the transfer.
	xproto.DeleteProperty(r.x, r.win, r.prop)
	for {
		if _, err := r.waitFor(ctx, newValue); err != nil {
			return nil, 0, fmt.Errorf("incremental transfer after %d bytes: %w", len(data), err)
		}
		c, err := xproto.GetProperty(r.x, true, r.win, r.prop, xproto.GetPropertyTypeAny, 0, MaxBytes/4+1).Reply()
		if err != nil {
			return nil, 0, fmt.Errorf("incremental transfer: get property: %w", err)
		}
		if len(c.Value) == 0 && c.BytesAfter == 0 {
			return data, typ, nil
		}
		if c.BytesAfter > 0 || len(data)+len(c.Value) > MaxBytes {
			xproto.DeleteProperty(r.x, r.win, r.prop)
			return nil, 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxBytes)
		}
		if c.Format != 8 {
			return nil, 0, fmt.Errorf("incremental transfer: %d-bit data, want text", c.Format)
		}
		data = append(data, c.Value...)
		typ = c.Type
	}
}

// waitFor returns the first event that match accepts, dropping the
// others (stale property notifications, answers to earlier requests).
func (r *x11Reader) waitFor(ctx context.Context, match func(xgb.Event) bool) (xgb.Event, error) {
	for {
		select {
		case ev, ok := <-r.events:
			if !ok {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				return nil, fmt.Errorf("X connection closed")
			}
			if match(ev) {
				return ev, nil
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
