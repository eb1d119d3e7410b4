// Package tray is deskcti's system tray icon and its menu: dial, journal,
// do-not-disturb, settings, the connection test, quit (and, in the demo,
// a simulated call). The icon shows the phone's state.
//
// The same menu serves as the main-window menu when no tray can be shown:
// Install says whether it could, based on platform/traydetect, because
// asking Fyne for a tray where none works leaves the user with an invisible
// app (or, without a DBus session bus, a crash when it quits).
//
// Preview for screenshots: New(a, Handlers{}) with any fyne.App, then
// SetState, then Menu() (e.g. in a window's main menu), needs no backend.
package tray

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/systray"

	"deskcti/app/i18n"
	"deskcti/platform/panel"
	"deskcti/platform/traydetect"
)

// State is what the icon shows about the phone.
type State int

// The states, in the order deskcti passes through them.
const (
	// Starting: deskcti has not reached the phone yet.
	Starting State = iota
	// Connected: the phone answers.
	Connected
	// Unreachable: the phone does not answer.
	Unreachable
	// DND: the phone is reachable and in do-not-disturb.
	DND
)

// key names the state in icon files and translation keys.
func (s State) key() string {
	switch s {
	case Connected:
		return "connected"
	case Unreachable:
		return "unreachable"
	case DND:
		return "dnd"
	}
	return "starting"
}

// String is the state's name for logs.
func (s State) String() string { return s.key() }

// Handlers are what the menu items do. A nil handler disables its item,
// except SimulateCall, whose item is hidden (it exists only in the demo),
// and Quit, which then falls back to Fyne's own quit.
type Handlers struct {
	Dial, Journal, Settings, Test, Quit func()
	// SetDND switches do-not-disturb on the phone. It is called on its own
	// goroutine (it is a phone request) and its error is shown to the user.
	SetDND func(on bool) error
	// SimulateCall fakes an incoming call (demo only).
	SimulateCall func()
}

// Tray is the tray icon's state and menu. Its methods run on the Fyne
// goroutine.
type Tray struct {
	app  fyne.App
	h    Handlers
	menu *fyne.Menu
	// desk is set once Install has given the menu to the system tray.
	desk desktop.App

	status, dnd *fyne.MenuItem
	labels      map[*fyne.MenuItem]string // item → translation key

	state   State
	panel   panel.Shade
	dndOn   bool // do-not-disturb as last confirmed by the phone
	dndBusy bool // a SetDND request is on its way

	// tooltip sets the tray icon's hover text; Fyne has no API for it.
	tooltip func(string)
	// afterDND, when set (tests), runs on the Fyne goroutine after a
	// SetDND request has finished and the menu shows its outcome.
	afterDND func(error)
}

// New builds the menu for app a (a desktop.App for a real tray) in the
// current language, in state Starting.
func New(a fyne.App, h Handlers) *Tray {
	t := &Tray{app: a, h: h, tooltip: systray.SetTooltip, labels: map[*fyne.MenuItem]string{}}
	t.menu = t.buildMenu()
	t.apply()
	return t
}

// Menu is the tray's menu: for tests, and for the main window when Install
// returned false (the same items, kept up to date by SetState).
func (t *Tray) Menu() *fyne.Menu { return t.menu }

// Icon is the icon of the current state for the panel's shade (a PNG).
func (t *Tray) Icon() fyne.Resource { return iconFor(t.panel, shown(t.state, t.dndOn)) }

// SetPanel shows the icons drawn for a panel of shade p from now on.
func (t *Tray) SetPanel(p panel.Shade) {
	if p == t.panel {
		return
	}
	t.panel = p
	t.apply()
}

// Install puts the icon and menu into the system tray if detect says a tray
// works and a is a desktop app. It returns false otherwise, without asking
// Fyne for a tray at all, so that the caller opens the main window instead.
func (t *Tray) Install(detect traydetect.Result) (installed bool) {
	if !detect.Available {
		return false
	}
	d, ok := t.app.(desktop.App)
	if !ok {
		return false
	}
	t.desk = d
	t.apply() // icon first: systray shows it as soon as the menu starts it
	d.SetSystemTrayMenu(t.menu)
	return true
}

// SetState shows state s and the phone's do-not-disturb setting: the icon,
// the status line and tooltip, and the check mark of "Do not disturb".
// State DND implies dnd; Connected with dnd shows the DND icon.
func (t *Tray) SetState(s State, dnd bool) {
	t.state, t.dndOn = s, dnd || s == DND
	t.apply()
}

// shown is the icon state: a reachable phone in do-not-disturb shows DND.
func shown(s State, dnd bool) State {
	if s == Connected && dnd {
		return DND
	}
	return s
}

// apply brings the menu, icon and tooltip in line with the state.
func (t *Tray) apply() {
	st := shown(t.state, t.dndOn)
	t.status.Label = i18n.T("tray.state." + st.key())
	if !t.dndBusy {
		t.dnd.Checked = t.dndOn
	}
	if t.desk != nil {
		if icon := t.Icon(); icon != nil {
			t.desk.SetSystemTrayIcon(icon)
		}
		t.tooltip(i18n.T("tray.tooltip", t.status.Label))
	}
	t.menu.Refresh()
}
