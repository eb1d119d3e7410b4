//go:build unix && !darwin

package selection

import (
	"encoding/binary"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// testOwner is a hand-written X selection owner, for behaviour xclip
// cannot show: an owner that never answers, one that offers only STRING,
// and one that sends INCR transfers.
type testOwner struct {
	x    *xgb.Conn
	win  xproto.Window
	utf8 xproto.Atom
	incr xproto.Atom
}

// ownerMode says how a testOwner answers a SelectionRequest.
type ownerMode int

const (
	ownerSilent     ownerMode = iota // never answers
	ownerLatin1Only                  // refuses UTF8_STRING, sends STRING (ISO 8859-1)
	ownerIncr                        // sends UTF8_STRING in INCR chunks
)

// startOwner connects to display, takes ownership of selection (an atom
// name) and answers requests per mode with data, until the test ends.
// incrSize is what an INCR owner announces as the size.
func startOwner(t *testing.T, display, selection string, mode ownerMode, data []byte, incrSize uint32) {
	t.Helper()
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	o := &testOwner{x: x, utf8: intern(t, x, "UTF8_STRING"), incr: intern(t, x, "INCR")}
	sel := intern(t, x, selection)
	o.win, err = xproto.NewWindowId(x)
	if err != nil {
		t.Fatal(err)
	}
	root := xproto.Setup(x).DefaultScreen(x).Root
	if err := xproto.CreateWindowChecked(x, 0, o.win, root, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOnly, 0, 0, nil).Check(); err != nil {
		t.Fatal(err)
	}
	xproto.SetSelectionOwner(x, o.win, sel, xproto.TimeCurrentTime)
	got, err := xproto.GetSelectionOwner(x, sel).Reply()
	if err != nil || got.Owner != o.win {
		t.Fatalf("test owner did not get %s: %v", selection, err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { x.Close(); <-done })
	go func() {
		defer close(done)
		o.serve(mode, data, incrSize)
	}()
}

func intern(t *testing.T, x *xgb.Conn, name string) xproto.Atom {
	t.Helper()
	a, err := xproto.InternAtom(x, false, uint16(len(name)), name).Reply()
	if err != nil {
		t.Fatal(err)
	}
	return a.Atom
}

// serve answers requests until the connection closes. An INCR transfer
// sends chunks of 4000 bytes, each after the requestor deleted the
// previous one, and a zero-length chunk at the end.
func (o *testOwner) serve(mode ownerMode, data []byte, incrSize uint32) {
	type transfer struct {
		req  xproto.SelectionRequestEvent
		rest []byte
		done bool
	}
	var cur *transfer
	for {
		ev, err := o.x.WaitForEvent()
		if ev == nil && err == nil {
			return
		}
		switch e := ev.(type) {
		case xproto.SelectionRequestEvent:
			switch mode {
			case ownerSilent:
			case ownerLatin1Only:
				if e.Target != xproto.AtomString {
					o.notify(e, xproto.AtomNone)
					continue
				}
				xproto.ChangeProperty(o.x, xproto.PropModeReplace, e.Requestor, e.Property, xproto.AtomString, 8, uint32(len(data)), data)
				o.notify(e, e.Property)
			case ownerIncr:
				if e.Target != o.utf8 {
					o.notify(e, xproto.AtomNone)
					continue
				}
				xproto.ChangeWindowAttributes(o.x, e.Requestor, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
				size := make([]byte, 4)
				binary.LittleEndian.PutUint32(size, incrSize)
				xproto.ChangeProperty(o.x, xproto.PropModeReplace, e.Requestor, e.Property, o.incr, 32, 1, size)
				o.notify(e, e.Property)
				cur = &transfer{req: e, rest: data}
			}
		case xproto.PropertyNotifyEvent:
			if cur == nil || cur.done || e.Window != cur.req.Requestor || e.Atom != cur.req.Property || e.State != xproto.PropertyDelete {
				continue
			}
			chunk := cur.rest[:min(4000, len(cur.rest))]
			cur.rest = cur.rest[len(chunk):]
			cur.done = len(chunk) == 0
			xproto.ChangeProperty(o.x, xproto.PropModeReplace, cur.req.Requestor, cur.req.Property, o.utf8, 8, uint32(len(chunk)), chunk)
		}
	}
}

// notify tells the requestor the conversion is done (property) or
// refused (AtomNone).
func (o *testOwner) notify(req xproto.SelectionRequestEvent, property xproto.Atom) {
	ev := xproto.SelectionNotifyEvent{
		Time: req.Time, Requestor: req.Requestor, Selection: req.Selection,
		Target: req.Target, Property: property,
	}
	xproto.SendEvent(o.x, false, req.Requestor, 0, string(ev.Bytes()))
}

// closeX closes x and waits until xgb has stopped reading from it, so that
// no goroutine of a finished test is left using the X server or xgb's
// package state when the next test starts.
func closeX(x *xgb.Conn) {
	x.Close()
	for {
		if ev, err := x.WaitForEvent(); ev == nil && err == nil {
			return
		}
	}
}
