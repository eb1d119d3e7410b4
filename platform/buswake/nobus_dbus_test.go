//go:build linux && !android

package buswake

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/platform/traydetect/snitest"
)

// helperEnv selects a scenario of TestHelperProcess, which runs in a
// process of its own: those scenarios create or lose the process-global
// shared connection, which TestWatch needs for itself.
const helperEnv = "BUSWAKE_TEST_HELPER"

// runHelper runs scenario in a new test process with extra environment
// and fails the test if the scenario fails or hangs.
func runHelper(t *testing.T, scenario string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*guard)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.v")
	cmd.Env = append(os.Environ(), append(env, helperEnv+"="+scenario)...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestHelperProcess") {
		t.Fatalf("scenario %s: %v\n%s", scenario, err, out)
	}
}

// TestHelperProcess is not a test of its own: runHelper starts it.
func TestHelperProcess(t *testing.T) {
	switch os.Getenv(helperEnv) {
	case "":
		t.Skip("runs only as a helper process")
	case "nobus":
		ch, err := Watch(context.Background())
		if err == nil || ch != nil {
			t.Fatalf("Watch without a bus: channel %v, error %v; want an error", ch, err)
		}
		t.Logf("error as wanted: %v", err)
	case "buslost":
		var ch <-chan struct{}
		t.Run("bus", func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", snitest.Bus(t))
			var err error
			// Nobody made the shared connection yet: Watch does.
			if ch, err = Watch(context.Background()); err != nil {
				t.Fatalf("Watch: %v", err)
			}
		}) // the end of the subtest stops the bus
		if ch != nil {
			wantClosed(t, ch)
		}
	default:
		t.Fatalf("unknown scenario %q", os.Getenv(helperEnv))
	}
}

// TestWatchNoBus: a session bus address whose socket nobody listens on
// gives an error, in a process that has no shared connection yet.
func TestWatchNoBus(t *testing.T) {
	sock := filepath.Join(shortDir(t), "bus")
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	l.SetUnlinkOnClose(false)
	l.Close() // the socket file stays, dead
	runHelper(t, "nobus", "DBUS_SESSION_BUS_ADDRESS=unix:path="+sock)
}

// TestWatchBusLost: the channel closes when the bus goes away.
func TestWatchBusLost(t *testing.T) {
	runHelper(t, "buslost")
}

// TestWatchHungBus: a bus that accepts the connection but never answers
// ends Watch after setupTimeout, or when ctx is cancelled, with an error.
func TestWatchHungBus(t *testing.T) {
	sock := filepath.Join(shortDir(t), "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	// The bus side of each connection stays open, silent, until the end.
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	accepted := make(chan struct{}, 8)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			accepted <- struct{}{}
		}
	}()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+sock)

	t.Run("setup timeout", func(t *testing.T) {
		old := setupTimeout
		setupTimeout = 100 * time.Millisecond
		t.Cleanup(func() { setupTimeout = old })
		err := watchErr(t, context.Background())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want one wrapping context.DeadlineExceeded", err)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		for len(accepted) > 0 {
			<-accepted // the earlier subtest's connection
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// Cancel once the bus has the connection: Watch is then waiting.
		go func() {
			<-accepted
			cancel()
		}()
		err := watchErr(t, ctx)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want one wrapping context.Canceled", err)
		}
	})
}

// watchErr runs Watch, which must fail, and returns its error.
func watchErr(t *testing.T, ctx context.Context) error {
	t.Helper()
	type result struct {
		ch  <-chan struct{}
		err error
	}
	done := make(chan result, 1)
	go func() {
		ch, err := Watch(ctx)
		done <- result{ch, err}
	}()
	select {
	case r := <-done:
		if r.err == nil || r.ch != nil {
			t.Fatalf("Watch on a hung bus: channel %v, error %v; want an error", r.ch, r.err)
		}
		t.Logf("error as wanted: %v", r.err)
		return r.err
	case <-time.After(guard):
		t.Fatal("Watch hangs on a bus that does not answer")
		return nil
	}
}

// shortDir is a directory for a unix socket: t.TempDir() paths can exceed
// the 108 bytes a socket path may have.
func shortDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "buswake")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
