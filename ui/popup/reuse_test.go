package popup

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"deskcti/app/calls"
)

// A finished call's window is hidden and shows the next call's pop-up,
// with nothing of the old call left in it.
func TestNextCallReusesTheClosedWindow(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{CloseAfter: time.Millisecond})
	c := gisela()
	e.m.Update(c)
	first := e.m.Windows()[0]
	c.State, c.End = calls.Missed, t0.Add(20*time.Second)
	e.m.Update(c)
	e.settle() // the close timer
	if n := len(e.m.Windows()); n != 0 {
		t.Fatalf("%d pop-ups after the end, want 0", n)
	}
	if n := len(driverWindows()); n != 0 {
		t.Errorf("the spare window still looks like a pop-up (%d titled windows)", n)
	}

	e.m.Update(unknown())
	ws := e.m.Windows()
	if len(ws) != 1 || ws[0] != first {
		t.Fatalf("the next call did not reuse the closed window (%d windows)", len(ws))
	}
	if ws[0].Title() != "Call from 030 901820" {
		t.Errorf("title %q", ws[0].Title())
	}
	shows(t, ws[0], "030 901820", "Berlin")
	if slices.Contains(texts(ws[0]), "Gisela Müller") {
		t.Errorf("the reused window still shows the last caller: %q", texts(ws[0]))
	}
	e.tap(t, ws[0], "Answer")
	if got := r.got(); !slices.Equal(got, []string{"answer id:2"}) {
		t.Errorf("Answer in the reused window called %q", got)
	}
}

// The window's close button (the close intercept under a window manager)
// hides the pop-up like closing it by hand: the call goes on, its next
// change does not bring the pop-up back, and the window is kept.
func TestCloseButtonKeepsTheWindow(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	c := gisela()
	e.m.Update(c)
	p := e.m.open[c.Key]
	p.closeRequested()
	if n := len(e.m.Windows()); n != 0 {
		t.Fatalf("%d pop-ups after the close button, want 0", n)
	}
	if len(e.m.spare) != 1 || e.m.spare[0] != p.w {
		t.Fatalf("the closed window was not kept (%d spare)", len(e.m.spare))
	}
	c.State, c.Answer = calls.Connected, t0
	e.m.Update(c)
	if n := len(e.m.Windows()); n != 0 {
		t.Errorf("the call's next change reopened the pop-up the user closed")
	}
	if got := r.got(); len(got) != 0 {
		t.Errorf("closing the pop-up called %q", got)
	}
}

// At most maxSpare windows are kept; the others close.
func TestSpareWindowsAreBounded(t *testing.T) {
	e := setup(t, Handlers{}, Options{})
	for i := range maxSpare + 2 {
		e.m.Update(calls.Call{Key: fmt.Sprint("id:", i), CallID: fmt.Sprint(i), Direction: calls.Incoming,
			State: calls.Ringing, Remote: fmt.Sprint("+4930901820", i), Start: t0})
	}
	e.m.CloseAll()
	if len(e.m.spare) != maxSpare {
		t.Errorf("%d spare windows, want %d", len(e.m.spare), maxSpare)
	}
}
