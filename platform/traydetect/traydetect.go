// Package traydetect decides, before deskcti asks Fyne for a system tray
// icon, whether one can work on this desktop.
//
// Fyne (through fyne.io/systray) shows its tray icon on Linux and the BSDs
// as a StatusNotifierItem on the DBus session bus, which only appears if a
// StatusNotifierWatcher (the panel's tray host, or GNOME's AppIndicator
// extension) owns the name org.kde.StatusNotifierWatcher. Without a session
// bus Fyne 2.7.1 even crashes with a nil pointer when the app quits, and
// without a watcher the icon is simply invisible: in both cases the user
// would be left with an app they cannot reach. Check tells which case
// applies, so that deskcti opens its main window instead and says why.
//
// Windows and macOS always have a tray (notification area, menu bar).
package traydetect

// Result is what Check found out.
type Result struct {
	// Available says a tray icon will be shown.
	Available bool
	// Reason explains in English, for the log, why there is no tray; empty
	// when Available.
	Reason string
	// Code names the outcome for translation and tests: one of the Code*
	// constants.
	Code string
	// Desktop is XDG_CURRENT_DESKTOP (e.g. "KDE", "ubuntu:GNOME"), for the
	// log and for advice; empty on Windows and macOS.
	Desktop string
	// GnomeHint is set when the desktop is GNOME and no watcher runs: GNOME
	// has no tray of its own, the user needs the "AppIndicator and
	// KStatusNotifierItem Support" extension.
	GnomeHint bool
}

// The outcomes of Check, stable strings for translation keys and logs.
const (
	// CodeOK: a tray icon will be shown.
	CodeOK = "ok"
	// CodeNoSessionBus: DBUS_SESSION_BUS_ADDRESS is unset and there is no
	// user bus socket either.
	CodeNoSessionBus = "no-session-bus"
	// CodeBusUnreachable: a session bus address is known but connecting to
	// it failed.
	CodeBusUnreachable = "bus-unreachable"
	// CodeBusError: the bus was reachable but did not answer the name query.
	CodeBusError = "bus-error"
	// CodeNoWatcher: nobody owns org.kde.StatusNotifierWatcher, so no panel
	// would show the icon.
	CodeNoWatcher = "no-watcher"
	// CodeNoHost: a watcher runs but says no tray host (panel) is
	// registered with it.
	CodeNoHost = "no-host"
	// CodeUnsupported: an operating system without a tray deskcti knows.
	CodeUnsupported = "unsupported-os"
)

// Codes lists every Code* value, for the packages that translate them.
var Codes = []string{CodeOK, CodeNoSessionBus, CodeBusUnreachable, CodeBusError, CodeNoWatcher, CodeNoHost, CodeUnsupported}

// WatcherName is the well-known bus name of the StatusNotifierWatcher and
// WatcherPath its object path, as fyne.io/systray calls them.
const (
	WatcherName      = "org.kde.StatusNotifierWatcher"
	WatcherPath      = "/StatusNotifierWatcher"
	WatcherInterface = "org.kde.StatusNotifierWatcher"
)

// fail is r with Available false and the code and reason set.
func (r Result) fail(code, reason string) Result {
	r.Available, r.Code, r.Reason = false, code, reason
	return r
}
