//go:build windows

package selection

import (
	"context"
	"fmt"
	"runtime"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")

	procOpenClipboard              = user32.NewProc("OpenClipboard")
	procCloseClipboard             = user32.NewProc("CloseClipboard")
	procEmptyClipboard             = user32.NewProc("EmptyClipboard")
	procGetClipboardData           = user32.NewProc("GetClipboardData")
	procSetClipboardData           = user32.NewProc("SetClipboardData")
	procIsClipboardFormatAvailable = user32.NewProc("IsClipboardFormatAvailable")
	procGetClipboardSequenceNumber = user32.NewProc("GetClipboardSequenceNumber")
	procSendInput                  = user32.NewProc("SendInput")
	procGetAsyncKeyState           = user32.NewProc("GetAsyncKeyState")

	procGlobalAlloc  = kernel32.NewProc("GlobalAlloc")
	procGlobalFree   = kernel32.NewProc("GlobalFree")
	procGlobalLock   = kernel32.NewProc("GlobalLock")
	procGlobalUnlock = kernel32.NewProc("GlobalUnlock")
	procGlobalSize   = kernel32.NewProc("GlobalSize")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002

	inputKeyboard  = 1
	keyeventfKeyUp = 0x0002

	vkShift   = 0x10
	vkControl = 0x11
	vkMenu    = 0x12 // Alt
	vkLWin    = 0x5B
	vkRWin    = 0x5C
	vkC       = 0x43
)

// text copies the selection with a simulated Ctrl+C and reads it from the
// clipboard, putting the clipboard's previous text back afterwards.
// Windows has no system-wide "selected text" to ask for.
func text(ctx context.Context) (string, error) {
	// The clipboard is opened per thread: open and close on the same one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	saved, hadText, err := readClipboard(ctx)
	if err != nil {
		return "", err
	}
	before := sequence()
	if err := sendCtrlC(); err != nil {
		return "", err
	}
	if err := waitForCopy(ctx, func() bool { return sequence() != before }); err != nil {
		return "", err
	}
	s, _, err := readClipboard(ctx)
	// Restore even when reading failed: the user's clipboard matters
	// more than our selection.
	if rerr := restoreClipboard(ctx, saved, hadText); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		return "", err
	}
	return copied(s)
}

func sequence() uint32 {
	n, _, _ := procGetClipboardSequenceNumber.Call()
	return uint32(n)
}

// openClipboard retries while another program holds the clipboard open,
// which clipboard managers do for a moment after every change.
func openClipboard(ctx context.Context) error {
	for {
		r, _, err := procOpenClipboard.Call(0)
		if r != 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("selection: open clipboard: %v: %w", err, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// readClipboard returns the clipboard's text; ok is false when it holds
// no text.
func readClipboard(ctx context.Context) (s string, ok bool, err error) {
	if err := openClipboard(ctx); err != nil {
		return "", false, err
	}
	defer procCloseClipboard.Call()
	if r, _, _ := procIsClipboardFormatAvailable.Call(cfUnicodeText); r == 0 {
		return "", false, nil
	}
	h, _, err := procGetClipboardData.Call(cfUnicodeText)
	if h == 0 {
		return "", false, fmt.Errorf("selection: get clipboard text: %w", err)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		return "", false, fmt.Errorf("selection: lock clipboard text: %w", err)
	}
	defer procGlobalUnlock.Call(h)
	size, _, _ := procGlobalSize.Call(h)
	// Bound the read by the block's size: a program may have put text
	// without its terminating NUL on the clipboard.
	u := unsafe.Slice((*uint16)(toPointer(p)), size/2)
	for i, c := range u {
		if c == 0 {
			u = u[:i]
			break
		}
	}
	return windows.UTF16ToString(u), true, nil
}

// restoreClipboard puts back the text saved before the copy, or empties
// the clipboard if it held no text.
func restoreClipboard(ctx context.Context, s string, hadText bool) error {
	if err := openClipboard(ctx); err != nil {
		return err
	}
	defer procCloseClipboard.Call()
	if r, _, err := procEmptyClipboard.Call(); r == 0 {
		return fmt.Errorf("selection: restore clipboard: empty: %w", err)
	}
	if !hadText {
		return nil
	}
	u, err := windows.UTF16FromString(s)
	if err != nil {
		return fmt.Errorf("selection: restore clipboard: %w", err)
	}
	n := uintptr(len(u)) * 2
	h, _, err := procGlobalAlloc.Call(gmemMoveable, n)
	if h == 0 {
		return fmt.Errorf("selection: restore clipboard: alloc: %w", err)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("selection: restore clipboard: lock: %w", err)
	}
	copy(unsafe.Slice((*uint16)(toPointer(p)), len(u)), u)
	procGlobalUnlock.Call(h)
	// On success the clipboard owns the memory; on failure we still do.
	if r, _, err := procSetClipboardData.Call(cfUnicodeText, h); r == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("selection: restore clipboard: set: %w", err)
	}
	return nil
}

// toPointer turns an address returned by a system call into a pointer.
// The memory is a locked global block that Go's collector does not manage;
// the indirection keeps vet's unsafeptr check, meant for Go memory, quiet.
func toPointer(p uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&p))
}

// keyboardInput is the Win32 INPUT structure for a key event. The union
// in INPUT is aligned like a pointer (so keybdInput, which holds one,
// starts at offset 8 on 64-bit Windows) and sized by its largest member,
// MOUSEINPUT, which is 8 bytes longer than KEYBDINPUT on 32- and 64-bit
// Windows alike: 40 bytes in all on amd64 and arm64, 28 on 386.
type keyboardInput struct {
	typ uint32
	ki  keybdInput
	_   [8]byte
}

// keybdInput is the Win32 KEYBDINPUT structure.
type keybdInput struct {
	vk    uint16
	scan  uint16
	flags uint32
	time  uint32
	extra uintptr
}

// key is one key event for SendInput.
func key(vk uint16, flags uint32) keyboardInput {
	return keyboardInput{typ: inputKeyboard, ki: keybdInput{vk: vk, flags: flags}}
}

// sendCtrlC presses Ctrl+C in the focused program. The hotkey's own
// modifiers (Shift, Alt, Win) may still be held down; they are released
// first, or the program would see Ctrl+Shift+C (a different command in
// terminals and browsers) instead of a copy.
func sendCtrlC() error {
	var in []keyboardInput
	for _, vk := range []uint16{vkShift, vkControl, vkMenu, vkLWin, vkRWin} {
		if r, _, _ := procGetAsyncKeyState.Call(uintptr(vk)); r&0x8000 != 0 {
			in = append(in, key(vk, keyeventfKeyUp))
		}
	}
	in = append(in,
		key(vkControl, 0),
		key(vkC, 0),
		key(vkC, keyeventfKeyUp),
		key(vkControl, keyeventfKeyUp),
	)
	n, _, err := procSendInput.Call(uintptr(len(in)), uintptr(unsafe.Pointer(&in[0])), unsafe.Sizeof(in[0]))
	if int(n) != len(in) {
		return fmt.Errorf("selection: send Ctrl+C (blocked by a program running as administrator, or by the lock screen?): %w", err)
	}
	return nil
}
