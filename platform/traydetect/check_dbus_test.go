//go:build (linux && !android) || freebsd || openbsd || netbsd

package traydetect

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"deskcti/platform/traydetect/snitest"
)

// fakeEnv is an environment with only the given variables and an empty
// runtime directory, so that the machine's own bus never leaks in.
func fakeEnv(t *testing.T, vars map[string]string) env {
	return env{getenv: func(k string) string { return vars[k] }, runtimeDir: t.TempDir()}
}

func TestNoSessionBus(t *testing.T) {
	for _, addr := range []string{"", "autolaunch:"} {
		r := check(context.Background(), fakeEnv(t, map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr, "XDG_CURRENT_DESKTOP": "KDE"}))
		if r.Available || r.Code != CodeNoSessionBus || r.Reason == "" || r.Desktop != "KDE" {
			t.Errorf("address %q: %+v; want unavailable, %s, a reason, desktop KDE", addr, r, CodeNoSessionBus)
		}
	}
}

// The exported Check reads the real environment; with the variable unset
// it must say no and never panic.
func TestCheckWithoutVariable(t *testing.T) {
	if _, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()))); err == nil {
		t.Skip("this machine has a user runtime directory, which may hold a bus")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	if r := Check(context.Background()); r.Available || r.Code != CodeNoSessionBus {
		t.Fatalf("%+v; want %s", r, CodeNoSessionBus)
	}
}

func TestBusUnreachable(t *testing.T) {
	missing := "unix:path=" + filepath.Join(t.TempDir(), "no-bus-here")
	r := check(context.Background(), fakeEnv(t, map[string]string{"DBUS_SESSION_BUS_ADDRESS": missing}))
	if r.Available || r.Code != CodeBusUnreachable || !strings.Contains(r.Reason, "no-bus-here") {
		t.Fatalf("%+v; want %s naming the address", r, CodeBusUnreachable)
	}
}

func TestNoWatcher(t *testing.T) {
	addr := snitest.Bus(t)
	for desktop, hint := range map[string]bool{"KDE": false, "ubuntu:GNOME": true, "": false} {
		r := check(context.Background(), fakeEnv(t, map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr, "XDG_CURRENT_DESKTOP": desktop}))
		if r.Available || r.Code != CodeNoWatcher || r.GnomeHint != hint || r.Desktop != desktop {
			t.Errorf("desktop %q: %+v; want %s with GnomeHint %v", desktop, r, CodeNoWatcher, hint)
		}
		if hint && !strings.Contains(r.Reason, "AppIndicator") {
			t.Errorf("desktop %q: reason %q does not name the extension", desktop, r.Reason)
		}
	}
}

// The exported Check with the variable pointing at a bus without watcher.
func TestCheckNoWatcher(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", snitest.Bus(t))
	if r := Check(context.Background()); r.Available || r.Code != CodeNoWatcher {
		t.Fatalf("%+v; want %s", r, CodeNoWatcher)
	}
}

func TestWatcher(t *testing.T) {
	addr := snitest.Bus(t)
	snitest.NewWatcher(t, addr, true)
	r := check(context.Background(), fakeEnv(t, map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr, "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}))
	if !r.Available || r.Code != CodeOK || r.Reason != "" || r.GnomeHint {
		t.Fatalf("%+v; want available", r)
	}
}

func TestWatcherWithoutHost(t *testing.T) {
	addr := snitest.Bus(t)
	snitest.NewWatcher(t, addr, false)
	r := check(context.Background(), fakeEnv(t, map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr}))
	if r.Available || r.Code != CodeNoHost {
		t.Fatalf("%+v; want %s", r, CodeNoHost)
	}
}

// Without the variable, the user bus in the runtime directory is used, as
// godbus (and so systray) would.
func TestUserBusSocket(t *testing.T) {
	dir, err := os.MkdirTemp("", "snirun")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	addr := snitest.BusAt(t, filepath.Join(dir, "bus"))
	snitest.NewWatcher(t, addr, true)
	r := check(context.Background(), env{getenv: func(string) string { return "" }, runtimeDir: dir})
	if !r.Available {
		t.Fatalf("%+v; want the user bus found and the watcher seen", r)
	}
}

// An address file (dbus-session) in the runtime directory also counts.
func TestUserBusAddressFile(t *testing.T) {
	addr := snitest.Bus(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dbus-session"), []byte("DBUS_SESSION_BUS_ADDRESS="+addr+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := check(context.Background(), env{getenv: func(string) string { return "" }, runtimeDir: dir})
	if r.Code != CodeNoWatcher {
		t.Fatalf("%+v; want the bus from the file reached (%s)", r, CodeNoWatcher)
	}
}

func TestCancelledContext(t *testing.T) {
	addr := snitest.Bus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := check(ctx, fakeEnv(t, map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr}))
	if r.Available {
		t.Fatalf("%+v; a cancelled check must not claim a tray", r)
	}
}
