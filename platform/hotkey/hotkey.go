package hotkey

import (
	"errors"
	"fmt"
	"sync"
)

// ErrTaken means another program already holds the combination (an X
// passive grab, a Windows RegisterHotKey, a macOS hot key). The user has to
// pick another key or quit the other program.
var ErrTaken = errors.New("the hotkey is already taken by another program")

// ErrUnsupported means this session cannot have global hotkeys at all (a
// Wayland session without XWayland, macOS built without cgo, an operating
// system without an implementation) or the key does not exist here (Pause
// on macOS). The error text says what to use instead.
var ErrUnsupported = errors.New("global hotkeys are not supported here")

// errInstead is appended to ErrUnsupported messages: the other ways to dial.
const errInstead = "dial with tel: links or the dial box instead"

// eventBuffer is how many unread presses Events holds. Presses beyond it
// are dropped so that a stuck consumer never blocks the platform's event
// loop, and a burst of presses never turns into a burst of calls later.
const eventBuffer = 4

// Hotkey is one registered global key combination. Create it with Register
// and release it with Unregister.
type Hotkey struct {
	key    Key
	mod    Mod
	events chan struct{}
	// release undoes the registration and returns once the platform's
	// event loop has stopped: nothing sends on events after it returns.
	release func() error

	once   sync.Once
	relErr error
}

// Register makes k with modifiers m a global hotkey: pressing it anywhere
// on the desktop sends a value on Events. It fails with ErrTaken when
// another program holds the combination and ErrUnsupported when the
// session cannot have global hotkeys.
//
// On Linux, Register opens its own X connection and does round trips to
// the X server: call it from a goroutine of its own or at start-up, never
// from inside a Fyne callback on the UI thread.
func Register(k Key, m Mod) (*Hotkey, error) {
	if !k.valid() {
		return nil, fmt.Errorf("hotkey register: invalid key %v", k)
	}
	if m&^(ModCtrl|ModShift|ModAlt|ModSuper) != 0 {
		return nil, fmt.Errorf("hotkey register %s: invalid modifiers %#x", k, uint32(m))
	}
	return register(k, m)
}

// Default returns the key the app uses when the user has chosen none:
// Pause, or F15 on macOS, whose keyboards have no Pause key.
func Default() (Key, Mod) { return defaultKey, 0 }

// newHotkey returns a Hotkey whose platform part the caller fills in.
func newHotkey(k Key, m Mod) *Hotkey {
	return &Hotkey{key: k, mod: m, events: make(chan struct{}, eventBuffer)}
}

// Key returns the registered key.
func (h *Hotkey) Key() Key { return h.key }

// Mod returns the registered modifiers.
func (h *Hotkey) Mod() Mod { return h.mod }

// String returns the combination, e.g. "Ctrl+Alt+D".
func (h *Hotkey) String() string { return Format(h.key, h.mod) }

// Events delivers one value per key press: not on release, and held-down
// auto-repeat counts as one press. It is closed by Unregister.
func (h *Hotkey) Events() <-chan struct{} { return h.events }

// fire reports one press without ever blocking the platform's loop.
func (h *Hotkey) fire() {
	select {
	case h.events <- struct{}{}:
	default:
	}
}

// Unregister releases the combination for other programs, stops the event
// loop and closes Events. Calling it again returns the first result.
func (h *Hotkey) Unregister() error {
	h.once.Do(func() {
		h.relErr = h.release()
		close(h.events)
	})
	return h.relErr
}
