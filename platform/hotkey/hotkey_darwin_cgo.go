//go:build darwin && cgo

package hotkey

/*
#cgo LDFLAGS: -framework Carbon
#include <Carbon/Carbon.h>

extern void deskctiHotkeyPressed(UInt32 id);

static OSStatus deskctiHandler(EventHandlerCallRef next, EventRef ev, void *data) {
	EventHotKeyID hk;
	OSStatus st = GetEventParameter(ev, kEventParamDirectObject, typeEventHotKeyID, NULL, sizeof(hk), NULL, &hk);
	if (st == noErr) {
		deskctiHotkeyPressed(hk.id);
	}
	return noErr;
}

static OSStatus deskctiInstall(void) {
	EventTypeSpec spec = {kEventClassKeyboard, kEventHotKeyPressed};
	return InstallApplicationEventHandler(NewEventHandlerUPP(deskctiHandler), 1, &spec, NULL, NULL);
}

static OSStatus deskctiRegister(UInt32 code, UInt32 mods, UInt32 id, EventHotKeyRef *ref) {
	EventHotKeyID hk = {0x64637469, id}; // 'dcti'
	return RegisterEventHotKey(code, mods, hk, GetApplicationEventTarget(), 0, ref);
}
*/
import "C"

import (
	"fmt"
	"sync"
)

// Carbon modifier bits (Events.h) and errors (CarbonEvents.h).
const (
	macCmdKey            = 0x0100
	macShiftKey          = 0x0200
	macOptionKey         = 0x0800
	macControlKey        = 0x1000
	eventHotKeyExistsErr = -9878
)

// macHotkeys maps registration ids to hot keys for the Carbon handler.
var (
	macMu      sync.Mutex
	macHotkeys = map[uint32]*Hotkey{}
	macNextID  uint32
	macInstall sync.Once
	macInstErr C.OSStatus
)

// register uses Carbon's RegisterEventHotKey. Its events are dispatched by
// the application's main event loop (Fyne's, in the app): a process
// without one never sees presses. Untested: built only on macOS with cgo.
func register(k Key, m Mod) (*Hotkey, error) {
	name := Format(k, m)
	code, ok := macKey(k)
	if !ok {
		return nil, fmt.Errorf("hotkey %s: %w: a Mac keyboard has no %s key (use F13-F15); %s", name, ErrUnsupported, k, errInstead)
	}
	macInstall.Do(func() { macInstErr = C.deskctiInstall() })
	if macInstErr != C.noErr {
		return nil, fmt.Errorf("hotkey %s: InstallApplicationEventHandler: OSStatus %d", name, int(macInstErr))
	}
	var mods uint32
	for _, p := range []struct {
		m   Mod
		mac uint32
	}{{ModCtrl, macControlKey}, {ModShift, macShiftKey}, {ModAlt, macOptionKey}, {ModSuper, macCmdKey}} {
		if m&p.m != 0 {
			mods |= p.mac
		}
	}
	h := newHotkey(k, m)
	macMu.Lock()
	macNextID++
	id := macNextID
	macHotkeys[id] = h
	macMu.Unlock()
	var ref C.EventHotKeyRef
	st := C.deskctiRegister(C.UInt32(code), C.UInt32(mods), C.UInt32(id), &ref)
	if st != C.noErr {
		macMu.Lock()
		delete(macHotkeys, id)
		macMu.Unlock()
		if st == eventHotKeyExistsErr {
			return nil, fmt.Errorf("hotkey %s: %w", name, ErrTaken)
		}
		return nil, fmt.Errorf("hotkey %s: RegisterEventHotKey: OSStatus %d", name, int(st))
	}
	h.release = func() error {
		// Removed from the map first, under the lock the handler takes:
		// no press is delivered once release returns.
		macMu.Lock()
		delete(macHotkeys, id)
		macMu.Unlock()
		if st := C.UnregisterEventHotKey(ref); st != C.noErr {
			return fmt.Errorf("hotkey %s: UnregisterEventHotKey: OSStatus %d", name, int(st))
		}
		return nil
	}
	return h, nil
}

// macPressed is called by the Carbon handler (hotkey_darwin_export.go).
func macPressed(id uint32) {
	macMu.Lock()
	defer macMu.Unlock()
	if h := macHotkeys[id]; h != nil {
		h.fire()
	}
}
