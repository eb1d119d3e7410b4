//go:build windows

package open

import (
	"context"
	"fmt"
	"runtime"
	"syscall"

	"golang.org/x/sys/windows"
)

// system hands u to ShellExecute with the "open" verb: the URL is one
// string given to the shell's protocol lookup, never part of a command line
// that cmd.exe or rundll32 would parse. ShellExecute returns once the
// handler is started; it runs on its own goroutine so that ctx can stop the
// wait for a slow handler (the call itself cannot be cancelled).
func system(ctx context.Context, u string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(u)
	if err != nil {
		return fmt.Errorf("URL contains a NUL character: %w", err)
	}
	done := make(chan error, 1)
	go func() {
		// Microsoft asks for COM to be initialised before ShellExecute,
		// since handlers may be COM objects; apartment-threaded on a thread
		// of our own.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		// S_FALSE: already initialised on this thread, which still
		// wants its CoUninitialize.
		if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); err == nil || err == syscall.Errno(windows.S_FALSE) {
			defer windows.CoUninitialize()
		}
		done <- windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL)
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("ShellExecute: %w", err)
		}
		return nil
	case <-ctx.Done():
		return nil // the shell goes on; the caller stopped waiting
	}
}

// isExecutable has nothing to add on Windows: what runs is decided by the
// extension, which checkFile has already looked at.
func isExecutable(string) bool { return false }
