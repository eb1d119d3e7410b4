//go:build linux || freebsd || netbsd || openbsd || dragonfly

package hotkey

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// defaultKey is Pause: every PC keyboard has it and no program uses it.
const defaultKey = KeyPause

// register grabs on $DISPLAY.
func register(k Key, m Mod) (*Hotkey, error) {
	return registerOn(os.Getenv("DISPLAY"), k, m)
}

// quietXgb stops xgb logging to stderr (it complains about a missing
// ~/.Xauthority, which local servers do not need).
var quietXgb sync.Once

// grab is one passive key grab on the root window.
type grab struct {
	code xproto.Keycode
	mods uint16
}

// registerOn grabs k+m on the root window of display (":0") over a
// connection of its own, so that its events never mix with the toolkit's.
func registerOn(display string, k Key, m Mod) (*Hotkey, error) {
	name := Format(k, m)
	wayland := os.Getenv("WAYLAND_DISPLAY") != ""
	if display == "" {
		if wayland {
			return nil, fmt.Errorf("hotkey %s: %w: global hotkeys need X11 or XWayland and this Wayland session has no X display; %s", name, ErrUnsupported, errInstead)
		}
		return nil, fmt.Errorf("hotkey %s: %w: no X display (DISPLAY is not set); %s", name, ErrUnsupported, errInstead)
	}
	quietXgb.Do(func() { xgb.Logger = log.New(io.Discard, "", 0) })
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		if wayland {
			return nil, fmt.Errorf("hotkey %s: %w: global hotkeys need X11 or XWayland, and X display %q does not answer (%v); %s", name, ErrUnsupported, display, err, errInstead)
		}
		return nil, fmt.Errorf("hotkey %s: connect to X display %q: %w", name, display, err)
	}
	grabs, err := grabKey(c, k, m)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("hotkey %s on X display %q: %w", name, display, err)
	}
	h := newHotkey(k, m)
	done := make(chan struct{})
	go xLoop(c, h, done)
	h.release = func() error {
		root := xproto.Setup(c).DefaultScreen(c).Root
		var errs []error
		for _, g := range grabs {
			if err := xproto.UngrabKeyChecked(c, g.code, root, g.mods).Check(); err != nil {
				errs = append(errs, err)
			}
		}
		c.Close()
		<-done
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("hotkey %s: ungrab on X display %q: %w", name, display, err)
		}
		return nil
	}
	return h, nil
}

// grabKey reads the keyboard and modifier mappings and grabs every keycode
// of k with m under every combination of lock modifiers. On failure it
// releases what it grabbed; a BadAccess (someone else's grab) is ErrTaken.
func grabKey(c *xgb.Conn, k Key, m Mod) ([]grab, error) {
	setup := xproto.Setup(c)
	root := setup.DefaultScreen(c).Root
	count := int(setup.MaxKeycode) - int(setup.MinKeycode) + 1
	kmr, err := xproto.GetKeyboardMapping(c, setup.MinKeycode, byte(count)).Reply()
	if err != nil {
		return nil, fmt.Errorf("read keyboard mapping: %w", err)
	}
	mmr, err := xproto.GetModifierMapping(c).Reply()
	if err != nil {
		return nil, fmt.Errorf("read modifier mapping: %w", err)
	}
	km := keymap{first: setup.MinKeycode, perCode: int(kmr.KeysymsPerKeycode), syms: kmr.Keysyms}
	codes := km.keycodes(keysyms(k)...)
	if len(codes) == 0 {
		return nil, fmt.Errorf("%w: key %s is not on this keyboard layout", ErrUnsupported, k)
	}
	xm := readMods(km, int(mmr.KeycodesPerModifier), mmr.Keycodes)
	base := xm.mask(m)
	var grabs []grab
	var cookies []xproto.GrabKeyCookie
	for _, code := range codes {
		for _, locks := range lockCombos(base, xm.locks...) {
			g := grab{code: code, mods: base | locks}
			grabs = append(grabs, g)
			// Send all grabs first, then check: one round trip, not dozens.
			cookies = append(cookies, xproto.GrabKeyChecked(c, false, root, g.mods, g.code, xproto.GrabModeAsync, xproto.GrabModeAsync))
		}
	}
	var first error
	for _, ck := range cookies {
		if err := ck.Check(); err != nil && first == nil {
			first = err
		}
	}
	if first == nil {
		return grabs, nil
	}
	// Ungrabbing a combination we do not hold is harmless, so release all.
	for _, g := range grabs {
		xproto.UngrabKey(c, g.code, root, g.mods)
	}
	if errors.As(first, new(xproto.AccessError)) {
		return nil, ErrTaken
	}
	return nil, fmt.Errorf("grab key: %w", first)
}

// xLoop turns the connection's key events into presses until the
// connection is closed, then closes done.
func xLoop(c *xgb.Conn, h *Hotkey, done chan<- struct{}) {
	defer close(done)
	f := repeatFilter{}
	for {
		ev, xerr := c.WaitForEvent()
		if ev == nil && xerr == nil {
			return // closed
		}
		switch e := ev.(type) {
		case xproto.KeyPressEvent:
			if f.press(e.Detail, e.Time) {
				h.fire()
			}
		case xproto.KeyReleaseEvent:
			f.release(e.Detail, e.Time)
		}
		// X errors here come from unchecked requests (the ungrabs of a
		// failed registration); there is nobody to report them to.
	}
}
