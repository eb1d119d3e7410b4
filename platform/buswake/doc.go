// Package buswake tells deskcti's UI that a desktop panel has just talked
// to its tray icon over DBus, so that a main loop that naps while every
// window is hidden can wake before a tray click's action is queued.
//
// On Linux and the BSDs fyne.io/systray serves the StatusNotifierItem and
// its dbusmenu on godbus's shared session-bus connection (the one
// dbus.SessionBus returns). A panel calls AboutToShow and GetLayout when it
// opens the menu, Event when an item is clicked and Activate when the icon
// is clicked; Fyne then queues the action for its main loop, where deskcti
// has no hook. Watch sees those calls without touching systray: it opens a
// second, private connection to the same bus and turns it into a bus
// monitor (org.freedesktop.DBus.Monitoring.BecomeMonitor) for method calls
// addressed to the shared connection. The rule names the shared
// connection's unique name; dbus-daemon matches it against the connection a
// call is delivered to, so calls addressed to a well-known name it owns
// (systray's org.kde.StatusNotifierItem-PID-1) match too, including names
// it acquires after Watch started. dbus-broker (Fedora, Arch and others)
// ignores destination in a monitor's rules and copies every method call on
// the session bus; Watch then checks each call's destination against the
// shared connection's names itself, which costs a wake-up of Watch's
// goroutine (not of the caller) per method call on the bus. Only the fact
// that a call arrived is reported, never what it carried.
//
// Both buses let only a client of the bus owner's uid (or root) become a
// monitor; that is the normal case for a desktop session, but a sandbox
// (Flatpak's xdg-dbus-proxy, an AppArmor profile such as a snap's) may
// refuse it, and Watch then returns the error. The caller keeps a fallback
// for that case (deskcti's naps end by themselves after a quarter second).
//
// On Windows and macOS tray clicks do not pass through DBus: Watch returns
// an error wrapping errors.ErrUnsupported there.
package buswake
