//go:build windows

package hotkey

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/windows"
)

// defaultKey is Pause (VK_PAUSE).
const defaultKey = KeyPause

var (
	user32               = windows.NewLazySystemDLL("user32.dll")
	procRegisterHotKey   = user32.NewProc("RegisterHotKey")
	procUnregisterHotKey = user32.NewProc("UnregisterHotKey")
	procGetMessageW      = user32.NewProc("GetMessageW")
	procPeekMessageW     = user32.NewProc("PeekMessageW")
	procPostThreadMessW  = user32.NewProc("PostThreadMessageW")
)

// Win32 constants (WinUser.h, winerror.h).
const (
	wmQuit      = 0x0012
	wmHotkey    = 0x0312
	wmUser      = 0x0400
	pmNoRemove  = 0x0000
	modAlt      = 0x0001
	modControl  = 0x0002
	modShift    = 0x0004
	modWin      = 0x0008
	modNoRepeat = 0x4000 // Windows 7+: holding the key sends one WM_HOTKEY.

	vkPause  = 0x13
	vkScroll = 0x91
	vkInsert = 0x2D
	vkF1     = 0x70 // VK_F2..VK_F24 follow.

	errorHotkeyAlreadyRegistered = windows.Errno(1409)
)

// msg is the Win32 MSG structure.
type msg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
}

// nextID numbers registrations: ids must differ within the process.
var nextID atomic.Int32

// vk returns the Windows virtual-key code of k.
func vk(k Key) uintptr {
	switch {
	case k == KeyPause:
		return vkPause
	case k == KeyScrollLock:
		return vkScroll
	case k == KeyInsert:
		return vkInsert
	case k >= KeyF1 && k <= KeyF24:
		return vkF1 + uintptr(k-KeyF1)
	case k >= KeyA && k <= KeyZ:
		return 'A' + uintptr(k-KeyA)
	case k >= Key0 && k <= Key9:
		return '0' + uintptr(k-Key0)
	}
	return 0
}

// winMods translates m to RegisterHotKey's fsModifiers.
func winMods(m Mod) uintptr {
	out := uintptr(modNoRepeat)
	if m&ModCtrl != 0 {
		out |= modControl
	}
	if m&ModShift != 0 {
		out |= modShift
	}
	if m&ModAlt != 0 {
		out |= modAlt
	}
	if m&ModSuper != 0 {
		out |= modWin
	}
	return out
}

// register runs RegisterHotKey on a goroutine locked to its own OS
// thread: WM_HOTKEY goes to the message queue of the thread that
// registered, so that thread must also run the message loop, and
// UnregisterHotKey must be called from it too.
func register(k Key, m Mod) (*Hotkey, error) {
	name := Format(k, m)
	h := newHotkey(k, m)
	id := uintptr(nextID.Add(1))
	type started struct {
		tid uint32
		err error
	}
	ready := make(chan started)
	stopped := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		// The thread is not unlocked: it ends with the goroutine, and
		// with it any state a failed call may have left.
		tid := windows.GetCurrentThreadId()
		var mg msg
		// Create the thread's message queue before anyone posts to it.
		procPeekMessageW.Call(uintptr(unsafe.Pointer(&mg)), 0, wmUser, wmUser, pmNoRemove)
		r, _, err := procRegisterHotKey.Call(0, id, winMods(m), vk(k))
		if r == 0 {
			if errors.Is(err, errorHotkeyAlreadyRegistered) {
				err = ErrTaken
			}
			ready <- started{err: err}
			return
		}
		ready <- started{tid: tid}
		for {
			r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&mg)), 0, 0, 0)
			if int32(r) <= 0 { // 0: WM_QUIT; -1: error
				break
			}
			if mg.message == wmHotkey && mg.wParam == id {
				h.fire()
			}
		}
		var uerr error
		if r, _, err := procUnregisterHotKey.Call(0, id); r == 0 {
			uerr = err
		}
		stopped <- uerr
	}()
	st := <-ready
	if st.err != nil {
		return nil, fmt.Errorf("hotkey %s: RegisterHotKey: %w", name, st.err)
	}
	h.release = func() error {
		if r, _, err := procPostThreadMessW.Call(uintptr(st.tid), wmQuit, 0, 0); r == 0 {
			return fmt.Errorf("hotkey %s: stop message loop: %w", name, err)
		}
		if err := <-stopped; err != nil {
			return fmt.Errorf("hotkey %s: UnregisterHotKey: %w", name, err)
		}
		return nil
	}
	return h, nil
}
