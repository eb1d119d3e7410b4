//go:build (linux && !android) || freebsd || openbsd || netbsd

package traydetect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// defaultTimeout bounds Check when ctx has no deadline: a hung bus must not
// keep deskcti from starting at all.
const defaultTimeout = 3 * time.Second

// env is what Check reads from the system, replaceable in tests.
type env struct {
	getenv func(string) string
	// runtimeDir is where a systemd user bus lives (/run/user/UID); godbus,
	// and so fyne.io/systray, connects there when the variable is unset.
	runtimeDir string
}

// Check asks the DBus session bus whether a StatusNotifierWatcher runs. It
// never starts a bus (no dbus-launch autolaunch): a freshly started bus has
// no tray host anyway.
func Check(ctx context.Context) Result {
	return check(ctx, env{getenv: os.Getenv, runtimeDir: fmt.Sprintf("/run/user/%d", os.Getuid())})
}

func check(ctx context.Context, e env) Result {
	r := Result{Desktop: e.getenv("XDG_CURRENT_DESKTOP")}
	addr := sessionAddress(e)
	if addr == "" {
		return r.fail(CodeNoSessionBus, "DBUS_SESSION_BUS_ADDRESS is not set and there is no user bus in "+e.runtimeDir)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultTimeout)
		defer cancel()
	}
	// A private connection: the shared one of dbus.SessionBus() is the one
	// systray and Fyne use later, and must not be closed here.
	conn, err := dbus.Connect(addr, dbus.WithContext(ctx))
	if err != nil {
		return r.fail(CodeBusUnreachable, fmt.Sprintf("connect to the DBus session bus at %s: %v", addr, err))
	}
	defer conn.Close()

	var owned bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, WatcherName).Store(&owned)
	if err != nil {
		return r.fail(CodeBusError, fmt.Sprintf("ask the session bus for %s: %v", WatcherName, err))
	}
	if !owned {
		r = r.fail(CodeNoWatcher, "no StatusNotifierWatcher ("+WatcherName+") on the session bus: the desktop shows no tray icons")
		if isGNOME(r.Desktop) {
			r.GnomeHint = true
			r.Reason += "; GNOME needs the \"AppIndicator and KStatusNotifierItem Support\" extension"
		}
		return r
	}
	if host, known := hostRegistered(ctx, conn); known && !host {
		return r.fail(CodeNoHost, "the StatusNotifierWatcher reports no tray host (panel) registered")
	}
	r.Available, r.Code = true, CodeOK
	return r
}

// hostRegistered reads the watcher's IsStatusNotifierHostRegistered. A
// watcher that cannot say is given the benefit of the doubt (known false).
func hostRegistered(ctx context.Context, conn *dbus.Conn) (host, known bool) {
	var v dbus.Variant
	err := conn.Object(WatcherName, WatcherPath).CallWithContext(ctx,
		"org.freedesktop.DBus.Properties.Get", 0, WatcherInterface, "IsStatusNotifierHostRegistered").Store(&v)
	if err != nil {
		return false, false
	}
	b, ok := v.Value().(bool)
	return b, ok
}

// sessionAddress finds the session bus the way godbus does for systray:
// the variable first, then the user bus socket or the address file in the
// runtime directory. "autolaunch:" counts as unset, as godbus treats it.
func sessionAddress(e env) string {
	if a := e.getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return a
	}
	if e.runtimeDir == "" {
		return ""
	}
	sock := filepath.Join(e.runtimeDir, "bus")
	if _, err := os.Stat(sock); err == nil {
		return "unix:path=" + dbus.EscapeBusAddressValue(sock)
	}
	data, err := os.ReadFile(filepath.Join(e.runtimeDir, "dbus-session"))
	if err != nil {
		return ""
	}
	if a, ok := strings.CutPrefix(string(data), "DBUS_SESSION_BUS_ADDRESS="); ok {
		return strings.TrimRight(a, "\r\n")
	}
	return ""
}
