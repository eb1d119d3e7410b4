//go:build unix

package open

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// settle is how long start waits for a launcher to exit before leaving it
// running: xdg-open and open exit within milliseconds once the URL is
// handed on, but xdg-open's generic mode runs the browser in the
// foreground until it is closed.
const settle = 2 * time.Second

// start runs the launcher name with args, detached in its own session
// (a Ctrl-C in deskcti's terminal must not close the user's browser), with
// deskcti's environment (DISPLAY, WAYLAND_DISPLAY, DBUS_SESSION_BUS_ADDRESS
// and BROWSER are what the launchers need). It reports a failure that
// happens within settle or before ctx ends; after that the child is reaped
// in the background.
func start(ctx context.Context, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	stderr := &firstBytes{max: 1024}
	cmd.Stderr = stderr
	// A browser started by the launcher inherits the stderr pipe and may
	// hold it for hours; do not let Wait block on it once the launcher is
	// gone.
	cmd.WaitDelay = 100 * time.Millisecond
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(settle)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, exec.ErrWaitDelay) {
			return fmt.Errorf("%s: %w%s", name, err, stderr.firstLine())
		}
		return nil
	case <-timer.C:
		return nil // still running: the browser itself, most likely
	case <-ctx.Done():
		return nil // the caller stopped waiting; the launcher goes on
	}
}

// firstBytes keeps the start of a stream, enough for an error message.
type firstBytes struct {
	max int
	buf bytes.Buffer
}

func (f *firstBytes) Write(p []byte) (int, error) {
	if room := f.max - f.buf.Len(); room > 0 {
		f.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// firstLine is ": " and the first non-empty line written, or "".
func (f *firstBytes) firstLine() string {
	for _, l := range strings.Split(f.buf.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return ": " + l
		}
	}
	return ""
}

// isExecutable reports a regular file with any execute bit: xdg-open and
// open may run it (a script, an ELF binary, a Mach-O without extension).
func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}
