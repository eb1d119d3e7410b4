//go:build linux || freebsd || netbsd || openbsd || dragonfly

package hotkey

import (
	"slices"

	"github.com/jezek/xgb/xproto"
)

// X keysyms (X11/keysymdef.h) this package needs.
const (
	xkPause      xproto.Keysym = 0xff13
	xkScrollLock xproto.Keysym = 0xff14
	xkInsert     xproto.Keysym = 0xff63
	xkF1         xproto.Keysym = 0xffbe // F2..F35 follow.
	xkNumLock    xproto.Keysym = 0xff7f
	xkAltL       xproto.Keysym = 0xffe9
	xkAltR       xproto.Keysym = 0xffea
	xkSuperL     xproto.Keysym = 0xffeb
	xkSuperR     xproto.Keysym = 0xffec
)

// The core X modifier masks that never move.
const (
	xShiftMask   uint16 = xproto.ModMaskShift
	xLockMask    uint16 = xproto.ModMaskLock
	xControlMask uint16 = xproto.ModMaskControl
	// Alt and Super live on Mod1..Mod5 as the modifier mapping says;
	// these are the usual places, used when the mapping names neither.
	xMod1Mask uint16 = xproto.ModMask1
	xMod4Mask uint16 = xproto.ModMask4
)

// keysyms returns the X keysyms of k. Letters are listed lower case (the
// unshifted level the keyboard mapping has) and upper case (layouts that
// list only one).
func keysyms(k Key) []xproto.Keysym {
	switch {
	case k == KeyPause:
		return []xproto.Keysym{xkPause}
	case k == KeyScrollLock:
		return []xproto.Keysym{xkScrollLock}
	case k == KeyInsert:
		return []xproto.Keysym{xkInsert}
	case k >= KeyF1 && k <= KeyF24:
		return []xproto.Keysym{xkF1 + xproto.Keysym(k-KeyF1)}
	case k >= KeyA && k <= KeyZ:
		return []xproto.Keysym{xproto.Keysym('a' + (k - KeyA)), xproto.Keysym('A' + (k - KeyA))}
	case k >= Key0 && k <= Key9:
		return []xproto.Keysym{xproto.Keysym('0' + (k - Key0))}
	}
	return nil
}

// keymap is the server's keyboard mapping (GetKeyboardMapping): perCode
// keysyms for each keycode from first on.
type keymap struct {
	first   xproto.Keycode
	perCode int
	syms    []xproto.Keysym
}

// keycodes returns, in ascending order, every keycode whose first group's
// unshifted or shifted level is one of want. A keysym can sit on several
// keys (two Alt keys, Pause on both the Pause key and a laptop Fn combo),
// and a grab must cover each: the user may press any of them.
func (km keymap) keycodes(want ...xproto.Keysym) []xproto.Keycode {
	var out []xproto.Keycode
	if km.perCode <= 0 {
		return nil
	}
	levels := min(km.perCode, 2)
	for i := 0; i+km.perCode <= len(km.syms); i += km.perCode {
		for _, s := range km.syms[i : i+levels] {
			if s != 0 && slices.Contains(want, s) {
				out = append(out, km.first+xproto.Keycode(i/km.perCode))
				break
			}
		}
	}
	return out
}

// modMask returns the modifier mask (Shift, Lock, Control, Mod1..Mod5 are
// rows 0..7 of GetModifierMapping's table) that one of codes is bound to,
// or 0 when none is a modifier.
func modMask(perMod int, table []xproto.Keycode, codes []xproto.Keycode) uint16 {
	for row := 0; row < 8 && (row+1)*perMod <= len(table); row++ {
		for _, kc := range table[row*perMod : (row+1)*perMod] {
			if kc != 0 && slices.Contains(codes, kc) {
				return 1 << row
			}
		}
	}
	return 0
}

// xmods are the masks of one server's modifier mapping.
type xmods struct {
	alt, super uint16
	// locks are the lock modifiers (CapsLock, NumLock, ScrollLock) that
	// must not stop the hotkey: X matches a grab's modifiers exactly.
	locks []uint16
}

// readMods finds Alt, Super, NumLock and ScrollLock in the modifier
// mapping; NumLock's modifier differs between servers (usually Mod2).
func readMods(km keymap, perMod int, table []xproto.Keycode) xmods {
	find := func(fallback uint16, syms ...xproto.Keysym) uint16 {
		if m := modMask(perMod, table, km.keycodes(syms...)); m != 0 {
			return m
		}
		return fallback
	}
	return xmods{
		alt:   find(xMod1Mask, xkAltL, xkAltR),
		super: find(xMod4Mask, xkSuperL, xkSuperR),
		locks: []uint16{xLockMask, find(0, xkNumLock), find(0, xkScrollLock)},
	}
}

// mask translates m to X modifier bits.
func (xm xmods) mask(m Mod) uint16 {
	var out uint16
	for _, p := range []struct {
		m Mod
		x uint16
	}{{ModCtrl, xControlMask}, {ModShift, xShiftMask}, {ModAlt, xm.alt}, {ModSuper, xm.super}} {
		if m&p.m != 0 {
			out |= p.x
		}
	}
	return out
}

// lockCombos returns every combination of the lock masks (each subset
// OR-ed together, 0 first), skipping zero, repeated masks and masks in
// exclude (a lock that shares a bit with a wanted modifier). One grab per
// combination makes the hotkey work whichever locks are on.
func lockCombos(exclude uint16, locks ...uint16) []uint16 {
	var uniq []uint16
	for _, l := range locks {
		if l != 0 && l&exclude == 0 && !slices.Contains(uniq, l) {
			uniq = append(uniq, l)
		}
	}
	out := make([]uint16, 0, 1<<len(uniq))
	for set := 0; set < 1<<len(uniq); set++ {
		var m uint16
		for i, l := range uniq {
			if set&(1<<i) != 0 {
				m |= l
			}
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// repeatGap is the longest pause between two auto-repeat presses, in X
// server milliseconds. A press later than that after the previous one is a
// new press even though no release was seen (a lost release must not
// silence the key for good). Repeat delays are 200-660 ms by default.
const repeatGap = 1000

// keyState tracks one keycode to tell real presses from auto-repeat.
type keyState struct {
	down        bool
	lastPress   xproto.Timestamp
	lastRelease xproto.Timestamp
	released    bool
}

// repeatFilter turns the X server's key events into presses. X
// auto-repeat sends Release+Press pairs with the same timestamp (or, with
// detectable auto-repeat, Presses without Releases); neither is a press.
type repeatFilter map[xproto.Keycode]*keyState

// press reports whether a KeyPress of kc at time t is a new press.
func (f repeatFilter) press(kc xproto.Keycode, t xproto.Timestamp) bool {
	s := f[kc]
	if s == nil {
		s = &keyState{}
		f[kc] = s
	}
	isNew := !s.down && !(s.released && t == s.lastRelease)
	if s.down && t-s.lastPress > repeatGap {
		isNew = true
	}
	s.down, s.lastPress = true, t
	return isNew
}

// release records a KeyRelease of kc at time t.
func (f repeatFilter) release(kc xproto.Keycode, t xproto.Timestamp) {
	s := f[kc]
	if s == nil {
		s = &keyState{}
		f[kc] = s
	}
	s.down, s.lastRelease, s.released = false, t, true
}
