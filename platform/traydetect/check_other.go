//go:build !((linux && !android) || freebsd || openbsd || netbsd || windows || darwin)

package traydetect

import (
	"context"
	"runtime"
)

// Check reports no tray on systems fyne.io/systray does not support.
func Check(ctx context.Context) Result {
	return Result{}.fail(CodeUnsupported, "no system tray support for "+runtime.GOOS)
}
