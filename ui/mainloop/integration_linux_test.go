//go:build linux

package mainloop

import (
	"fmt"
	"os"
	"testing"
	"time"

	"deskcti/platform/xshot"
	"deskcti/ui/internal/helperproc"
)

// TestRealLoopNaps runs a real Fyne app under Xvfb whose naps last an
// hour: the loop naps once its window is hidden; Do and DoAndWait wake it;
// with the window shown it does not nap, and the window is drawn; hidden
// again, it naps again; and it quits from a nap.
func TestRealLoopNaps(t *testing.T) {
	display := xshot.StartXvfb(t)
	h := startHelper(t, display)
	h.WaitLine(t, "READY")
	h.waitNaps(t, 1)

	h.Send(t, "known")
	h.WaitLine(t, "KNOWN true") // else Fyne changed and naps never happen
	h.waitNaps(t, 2)            // napping again once quiet

	h.Send(t, "show")
	h.WaitLine(t, "SHOWN")
	x, err := xshot.Dial(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	win, err := x.Find(helperTitle, helperproc.WaitLimit)
	if err != nil {
		t.Fatal(err)
	}
	// Drawn pixels prove the loop runs (a napping loop draws nothing).
	if img, err := x.CaptureDrawn(win, helperproc.WaitLimit); err != nil || xshot.Blank(img) {
		t.Fatalf("the shown window was not drawn (err %v)", err)
	}
	before := h.naps(t)
	time.Sleep(3 * Quiet)
	if after := h.naps(t); after != before {
		t.Fatalf("%d naps with the window on screen", after-before)
	}

	h.Send(t, "hide")
	h.WaitLine(t, "HIDDEN")
	h.waitNaps(t, before+1)

	h.Send(t, "quit")
	h.WaitExit(t)
}

// helper is the running helper app.
type helper struct{ *helperproc.Proc }

func startHelper(t *testing.T, display string) *helper {
	t.Helper()
	home := t.TempDir()
	// No session bus, and none autolaunched: dbus-launch, which godbus
	// inside Fyne runs without one, would leave a dbus-daemon behind.
	return &helper{helperproc.Start(t, home, []string{helperEnv + "=1", "DISPLAY=" + display, "HOME=" + home,
		"XDG_RUNTIME_DIR=" + home, "PATH=" + os.Getenv("PATH"), "LANG=en_GB.UTF-8", "DBUS_SESSION_BUS_ADDRESS=disabled:"})}
}

// naps asks the helper how many naps its loop has begun.
func (h *helper) naps(t *testing.T) int64 {
	t.Helper()
	h.Send(t, "naps")
	deadline := time.After(helperproc.WaitLimit)
	for {
		select {
		case got, ok := <-h.Lines():
			if !ok {
				t.Fatalf("helper ended; its log:\n%s", h.Log())
			}
			var n int64
			if _, err := fmt.Sscanf(got, "NAPS %d", &n); err == nil {
				return n
			}
		case <-deadline:
			t.Fatalf("helper did not answer naps; its log:\n%s", h.Log())
		}
	}
}

// waitNaps waits until the helper's loop has begun at least n naps.
func (h *helper) waitNaps(t *testing.T, n int64) {
	t.Helper()
	for end := time.Now().Add(helperproc.WaitLimit); h.naps(t) < n; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the loop did not nap %d times; its log:\n%s", n, h.Log())
		}
	}
}
