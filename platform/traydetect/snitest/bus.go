// Package snitest gives tests the parts of a Linux desktop's system tray
// that fyne.io/systray talks to: a private DBus session bus (a real
// dbus-daemon) and a fake StatusNotifierWatcher on it. Tests of
// platform/traydetect and ui/tray share it.
package snitest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"deskcti/platform/testtool"
)

// startTimeout bounds the wait for dbus-daemon to print its address; it is
// a guard against a hung daemon, not a speed requirement.
const startTimeout = 30 * time.Second

// busConfig is a session bus without service activation, so that nothing a
// test's program asks for (portals, notifications) starts a real service.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// Bus starts a private session bus for the test and returns its address.
// The daemon is stopped and its socket removed when the test ends.
func Bus(t testing.TB) string {
	t.Helper()
	// A short directory of our own: t.TempDir() paths can exceed the
	// 108 bytes a unix socket path may have.
	dir, err := os.MkdirTemp("", "snibus")
	if err != nil {
		t.Fatalf("bus directory: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return BusAt(t, filepath.Join(dir, "bus"))
}

// BusAt is Bus listening on the unix socket path socket, e.g. a fake
// /run/user/UID/bus.
func BusAt(t testing.TB, socket string) string {
	t.Helper()
	daemon := testtool.Need(t, "dbus-daemon", "dbus")
	cfg := filepath.Join(filepath.Dir(socket), "session.conf")
	if err := os.WriteFile(cfg, fmt.Appendf(nil, busConfig, socket), 0o600); err != nil {
		t.Fatalf("bus config: %v", err)
	}
	cmd := exec.Command(daemon, "--config-file="+cfg, "--print-address", "--nofork")
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("dbus-daemon stdout: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			t.Fatalf("dbus-daemon printed no address; stderr: %s", stderr.String())
		}
		return addr
	case <-time.After(startTimeout):
		t.Fatalf("dbus-daemon did not print its address; stderr: %s", stderr.String())
	}
	return ""
}

// syncBuffer is a bytes.Buffer a child process writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
