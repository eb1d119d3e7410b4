//go:build linux || freebsd || netbsd || openbsd || dragonfly

package hotkey

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jezek/xgb/xproto"
)

// testKeymap has 2 keysyms per keycode from keycode 8:
//
//	8: a A   9: Pause Break   10: Num_Lock   11: Alt_L Meta_L
//	12: (empty)   13: Pause   14: F1   15: Super_L   16: x Pause(level 3)
func testKeymap() keymap {
	return keymap{first: 8, perCode: 3, syms: []xproto.Keysym{
		'a', 'A', 0,
		xkPause, 0xff6b, 0,
		xkNumLock, 0, 0,
		xkAltL, 0xffe7, 0,
		0, 0, 0,
		xkPause, 0, 0,
		xkF1, 0, 0,
		xkSuperL, 0, 0,
		'x', 'X', xkPause,
	}}
}

func TestKeycodes(t *testing.T) {
	km := testKeymap()
	for _, tc := range []struct {
		key  Key
		want []xproto.Keycode
	}{
		{KeyPause, []xproto.Keycode{9, 13}}, // not 16: level 3 needs AltGr
		{KeyA, []xproto.Keycode{8}},
		{KeyF1, []xproto.Keycode{14}},
		{KeyA + 23, []xproto.Keycode{16}}, // x
		{KeyF2, nil},
		{Key0, nil},
	} {
		if got := km.keycodes(keysyms(tc.key)...); !slices.Equal(got, tc.want) {
			t.Errorf("keycodes(%v) = %v, want %v", tc.key, got, tc.want)
		}
	}
	// An upper-case-only layout still finds the letter.
	upper := keymap{first: 20, perCode: 1, syms: []xproto.Keysym{'Q'}}
	if got := upper.keycodes(keysyms(KeyA + 16)...); !slices.Equal(got, []xproto.Keycode{20}) {
		t.Errorf("upper-case layout: %v", got)
	}
	if got := (keymap{first: 8}).keycodes(xkPause); got != nil {
		t.Errorf("empty keymap: %v", got)
	}
}

func TestKeysyms(t *testing.T) {
	if got := keysyms(KeyPause); !slices.Equal(got, []xproto.Keysym{0xff13}) {
		t.Errorf("Pause = %#x", got)
	}
	if got := keysyms(KeyF24); !slices.Equal(got, []xproto.Keysym{0xffd5}) {
		t.Errorf("F24 = %#x", got)
	}
	if got := keysyms(Key0 + 5); !slices.Equal(got, []xproto.Keysym{'5'}) {
		t.Errorf("5 = %#x", got)
	}
	for k := KeyPause; k <= Key9; k++ {
		if len(keysyms(k)) == 0 {
			t.Errorf("no keysym for %v", k)
		}
	}
}

func TestReadMods(t *testing.T) {
	km := testKeymap()
	// 2 keycodes per modifier row: Shift, Lock, Control, Mod1..Mod5.
	table := []xproto.Keycode{
		50, 62, // Shift
		66, 0, // Lock
		37, 0, // Control
		0, 0, // Mod1: nothing (Alt is on Mod3 here)
		10, 0, // Mod2: Num_Lock
		11, 0, // Mod3: Alt_L
		0, 15, // Mod4: Super_L
		0, 0, // Mod5
	}
	xm := readMods(km, 2, table)
	if xm.alt != xproto.ModMask3 || xm.super != xproto.ModMask4 {
		t.Errorf("alt %#x super %#x, want Mod3 Mod4", xm.alt, xm.super)
	}
	if !slices.Equal(xm.locks, []uint16{xproto.ModMaskLock, xproto.ModMask2, 0}) {
		t.Errorf("locks = %#x", xm.locks)
	}
	if got := xm.mask(ModCtrl | ModAlt); got != xproto.ModMaskControl|xproto.ModMask3 {
		t.Errorf("mask(Ctrl+Alt) = %#x", got)
	}
	if got := xm.mask(ModShift | ModSuper); got != xproto.ModMaskShift|xproto.ModMask4 {
		t.Errorf("mask(Shift+Super) = %#x", got)
	}
	// A mapping without Alt, Super or NumLock: the usual masks, no NumLock.
	bare := readMods(km, 1, []xproto.Keycode{50, 66, 37, 0, 0, 0, 0, 0})
	if bare.alt != xproto.ModMask1 || bare.super != xproto.ModMask4 || bare.locks[1] != 0 {
		t.Errorf("fallbacks: %+v", bare)
	}
}

func TestLockCombos(t *testing.T) {
	lock, num, scroll := uint16(xproto.ModMaskLock), uint16(xproto.ModMask2), uint16(xproto.ModMask5)
	got := lockCombos(0, lock, num, scroll)
	want := []uint16{0, lock, num, lock | num, scroll, lock | scroll, num | scroll, lock | num | scroll}
	if !slices.Equal(got, want) {
		t.Errorf("all three: %#x, want %#x", got, want)
	}
	// No ScrollLock modifier (0), NumLock listed twice.
	if got := lockCombos(0, lock, num, 0, num); !slices.Equal(got, []uint16{0, lock, num, lock | num}) {
		t.Errorf("dedup: %#x", got)
	}
	// A lock sharing a bit with a wanted modifier is left out.
	if got := lockCombos(num, lock, num); !slices.Equal(got, []uint16{0, lock}) {
		t.Errorf("exclude: %#x", got)
	}
	if got := lockCombos(0); !slices.Equal(got, []uint16{0}) {
		t.Errorf("none: %#x", got)
	}
}

func TestRepeatFilter(t *testing.T) {
	f := repeatFilter{}
	const kc = 127
	steps := []struct {
		press bool
		t     xproto.Timestamp
		want  bool
	}{
		{true, 1000, true},   // press
		{false, 1500, false}, // classic auto-repeat: release+press, same time
		{true, 1500, false},
		{false, 1530, false},
		{true, 1530, false},
		{false, 1600, false}, // real release
		{true, 1700, true},   // next real press
		{true, 1730, false},  // detectable auto-repeat: presses only
		{true, 1760, false},
		{true, 3000, true}, // release lost: a press long after counts
		{false, 3100, false},
		{true, 3100 + 1, true},
	}
	for i, s := range steps {
		if s.press {
			if got := f.press(kc, s.t); got != s.want {
				t.Errorf("step %d: press at %d = %v, want %v", i, s.t, got, s.want)
			}
		} else {
			f.release(kc, s.t)
		}
	}
	// Keys are tracked apart: another keycode's press is new.
	if !f.press(128, 3101) {
		t.Error("other keycode's press not new")
	}
}

func TestRegisterWithoutX(t *testing.T) {
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	_, err := registerOn("", KeyPause, 0)
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "XWayland") || !strings.Contains(err.Error(), "tel: links") {
		t.Errorf("Wayland without X: %v", err)
	}
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", "")
	if _, err := Register(KeyPause, 0); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "DISPLAY") {
		t.Errorf("no display: %v", err)
	}
}
