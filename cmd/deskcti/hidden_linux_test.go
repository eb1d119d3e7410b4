//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/platform/xshot"
)

// TestHiddenAppSleepsAndWakes runs the real app hidden (as autostart
// starts it): its main thread, where Fyne's loop runs, must sleep instead
// of waking sixty times a second; and the dial key must still bring up the
// confirmation window at once, drawn, which needs that loop awake.
func TestHiddenAppSleepsAndWakes(t *testing.T) {
	a := startDesktopApp(t, true, func(c *config.Config) { c.UI.ConfirmDial = true })

	// Awake, Fyne's loop switches its thread out at least 60 times a
	// second (its event tick); napping, about 12 (a nap ends every 250 ms).
	// Start-up work and the first probe of the phone keep it awake for 2 s
	// after they end.
	const window, awakeAtLeast = 2 * time.Second, 60
	time.Sleep(5 * time.Second)
	if n := mainThreadSwitches(t, a.cmd.Process.Pid, window); n >= awakeAtLeast*int(window/time.Second)/2 {
		t.Fatalf("the hidden app's main thread was woken %d times in %v: it does not sleep\napp output:\n%s", n, window, a.out)
	}

	sel := exec.Command(a.xclip, "-selection", "primary", "-loops", "0")
	sel.Env = a.env
	sel.Stdin = strings.NewReader("Rückruf: 0221 555 0123")
	if err := sel.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sel.Process.Kill(); sel.Wait() })
	x, err := xshot.Dial(a.display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	title := i18n.In(i18n.English, "ui.confirm.title")
	// The key grab may need a moment after start: press until the window
	// shows.
	var win xshot.Window
	for i := 0; ; i++ {
		key := exec.Command(a.xdotool, "key", "Pause")
		key.Env = a.env
		if out, err := key.CombinedOutput(); err != nil {
			t.Fatalf("xdotool: %v %s", err, out)
		}
		if win, err = x.Find(title, 2*time.Second); err == nil {
			break
		}
		if i == 10 {
			t.Fatalf("no confirmation window after the dial key: %v\napp output:\n%s", err, a.out)
		}
	}
	if img, err := x.CaptureDrawn(win, time.Minute); err != nil || xshot.Blank(img) {
		t.Fatalf("the confirmation window was not drawn (err %v)", err)
	}
	if got := a.sim.LastDialed(); got != "" {
		t.Fatalf("dialled %q before the user confirmed", got)
	}
}

// mainThreadSwitches counts how often the main thread of process pid gave
// up the CPU of its own accord (it slept) during d.
func mainThreadSwitches(t *testing.T, pid int, d time.Duration) int {
	t.Helper()
	read := func() int {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/status", pid, pid))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "voluntary_ctxt_switches:"); ok {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
		}
		t.Fatalf("no voluntary_ctxt_switches in /proc/%d/task/%d/status", pid, pid)
		return 0
	}
	before := read()
	time.Sleep(d)
	return read() - before
}
