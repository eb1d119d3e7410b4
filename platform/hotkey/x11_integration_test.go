//go:build linux

package hotkey

import (
	"errors"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"deskcti/platform/testtool"
	"deskcti/platform/xshot"
)

// xdo runs xdotool against display.
func xdo(t *testing.T, display string, args ...string) {
	t.Helper()
	cmd := exec.Command(testtool.Need(t, "xdotool", "xdotool"), args...)
	cmd.Env = append(cmd.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}

// expectPresses waits for n events.
func expectPresses(t *testing.T, h *Hotkey, n int, what string) {
	t.Helper()
	for i := 0; i < n; i++ {
		select {
		case _, ok := <-h.Events():
			if !ok {
				t.Fatalf("%s: Events closed", what)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: got %d of %d presses", what, i, n)
		}
	}
}

// expectNone checks that h has no event pending, by pressing F12 (the
// marker hotkey) and waiting for it: the X server sends events in order,
// so anything from earlier presses has been sent by then.
func expectNone(t *testing.T, display string, h, marker *Hotkey, what string) {
	t.Helper()
	xdo(t, display, "key", "F12")
	expectPresses(t, marker, 1, what+" (marker)")
	// The marker came over another connection, whose reader may have run
	// first: allow h's reader a moment to pass on anything already sent.
	select {
	case <-h.Events():
		t.Fatalf("%s: an extra event", what)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestX11HotkeyPresses(t *testing.T) {
	display := xshot.StartXvfb(t)
	testtool.Need(t, "xdotool", "xdotool")
	before := runtime.NumGoroutine()

	h, err := registerOn(display, KeyPause, 0)
	if err != nil {
		t.Fatal(err)
	}
	marker, err := registerOn(display, KeyF12, 0)
	if err != nil {
		t.Fatal(err)
	}

	xdo(t, display, "key", "Pause")
	expectPresses(t, h, 1, "NumLock off")
	xdo(t, display, "key", "Num_Lock")
	xdo(t, display, "key", "Pause", "Pause")
	expectPresses(t, h, 2, "NumLock on")
	xdo(t, display, "key", "Caps_Lock")
	xdo(t, display, "key", "Pause")
	expectPresses(t, h, 1, "NumLock and CapsLock on")
	xdo(t, display, "key", "Num_Lock", "Caps_Lock")
	expectNone(t, display, h, marker, "after presses")

	// Held down long enough for the server's auto-repeat: still one press.
	xdo(t, display, "keydown", "Pause", "sleep", "1.5", "keyup", "Pause")
	expectPresses(t, h, 1, "held down")
	expectNone(t, display, h, marker, "held down")

	// A modifier combination is not the plain key.
	xdo(t, display, "key", "ctrl+Pause")
	expectNone(t, display, h, marker, "Ctrl+Pause")

	// Another X connection (another program) cannot take it.
	if _, err := registerOn(display, KeyPause, 0); !errors.Is(err, ErrTaken) {
		t.Fatalf("second Register: err = %v, want ErrTaken", err)
	}

	if err := h.Unregister(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-h.Events(); ok {
		t.Fatal("Events not closed by Unregister")
	}
	if err := h.Unregister(); err != nil {
		t.Fatalf("second Unregister: %v", err)
	}

	// Released: registering again works and gets the presses, this time
	// through the public API and $DISPLAY.
	t.Setenv("DISPLAY", display)
	h2, err := Register(KeyPause, 0)
	if err != nil {
		t.Fatalf("Register after Unregister: %v", err)
	}
	xdo(t, display, "key", "Pause")
	expectPresses(t, h2, 1, "after re-Register")
	if err := h2.Unregister(); err != nil {
		t.Fatal(err)
	}
	if err := marker.Unregister(); err != nil {
		t.Fatal(err)
	}

	// Every goroutine (ours and xgb's) is gone.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after Unregister, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
