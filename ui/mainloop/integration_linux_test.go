//go:build linux

package mainloop

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/platform/xshot"
)

// helperWait bounds each wait for the helper app (Fyne's start-up under
// Xvfb and -race); a guard against hangs, no speed requirement.
const helperWait = 2 * time.Minute

// TestRealLoopNaps runs a real Fyne app under Xvfb whose naps last an
// hour: the loop naps once its window is hidden; Do and DoAndWait wake it;
// with the window shown it does not nap, and the window is drawn; hidden
// again, it naps again; and it quits from a nap.
func TestRealLoopNaps(t *testing.T) {
	display := xshot.StartXvfb(t)
	h := startHelper(t, display)
	h.want(t, "READY")
	h.waitNaps(t, 1)

	h.send(t, "known")
	h.want(t, "KNOWN true") // else Fyne changed and naps never happen
	h.waitNaps(t, 2)        // napping again once quiet

	h.send(t, "show")
	h.want(t, "SHOWN")
	x, err := xshot.Dial(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	win, err := x.Find(helperTitle, helperWait)
	if err != nil {
		t.Fatal(err)
	}
	// Drawn pixels prove the loop runs (a napping loop draws nothing).
	if img, err := x.CaptureDrawn(win, helperWait); err != nil || xshot.Blank(img) {
		t.Fatalf("the shown window was not drawn (err %v)", err)
	}
	before := h.naps(t)
	time.Sleep(3 * Quiet)
	if after := h.naps(t); after != before {
		t.Fatalf("%d naps with the window on screen", after-before)
	}

	h.send(t, "hide")
	h.want(t, "HIDDEN")
	h.waitNaps(t, before+1)

	h.send(t, "quit")
	select {
	case <-h.done:
		if h.err != nil {
			t.Fatalf("helper exited with %v; its log:\n%s", h.err, h.log())
		}
	case <-time.After(helperWait):
		t.Fatalf("the helper did not quit from a nap; its log:\n%s", h.log())
	}
}

type helper struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string
	done   chan struct{}
	err    error
	stderr string
}

func startHelper(t *testing.T, display string) *helper {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = []string{helperEnv + "=1", "DISPLAY=" + display, "HOME=" + home, "XDG_RUNTIME_DIR=" + home,
		"PATH=" + os.Getenv("PATH"), "LANG=en_GB.UTF-8"}
	h := &helper{cmd: cmd, lines: make(chan string, 64), done: make(chan struct{}), stderr: filepath.Join(home, "stderr.log")}
	logFile, err := os.Create(h.stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd.Stderr = logFile
	if h.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start helper: %v", err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
		close(h.lines)
		h.err = cmd.Wait()
		close(h.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		for range h.lines {
		}
		<-h.done
	})
	return h
}

func (h *helper) log() string {
	b, _ := os.ReadFile(h.stderr)
	return string(b)
}

func (h *helper) send(t *testing.T, cmd string) {
	t.Helper()
	if _, err := fmt.Fprintln(h.stdin, cmd); err != nil {
		t.Fatalf("send %q: %v", cmd, err)
	}
}

// want reads the helper's output up to the line line.
func (h *helper) want(t *testing.T, line string) {
	t.Helper()
	deadline := time.After(helperWait)
	for {
		select {
		case got, ok := <-h.lines:
			if !ok {
				t.Fatalf("helper ended before printing %q; its log:\n%s", line, h.log())
			}
			if got == line {
				return
			}
			if strings.Fields(got)[0] == strings.Fields(line)[0] {
				t.Fatalf("helper printed %q, want %q", got, line)
			}
		case <-deadline:
			t.Fatalf("helper did not print %q; its log:\n%s", line, h.log())
		}
	}
}

// naps asks the helper how many naps its loop has begun.
func (h *helper) naps(t *testing.T) int64 {
	t.Helper()
	h.send(t, "naps")
	deadline := time.After(helperWait)
	for {
		select {
		case got, ok := <-h.lines:
			if !ok {
				t.Fatalf("helper ended; its log:\n%s", h.log())
			}
			var n int64
			if _, err := fmt.Sscanf(got, "NAPS %d", &n); err == nil {
				return n
			}
		case <-deadline:
			t.Fatalf("helper did not answer naps; its log:\n%s", h.log())
		}
	}
}

// waitNaps waits until the helper's loop has begun at least n naps.
func (h *helper) waitNaps(t *testing.T, n int64) {
	t.Helper()
	for end := time.Now().Add(helperWait); h.naps(t) < n; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the loop did not nap %d times; its log:\n%s", n, h.log())
		}
	}
}
