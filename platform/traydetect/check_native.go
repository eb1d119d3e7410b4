//go:build windows || darwin

package traydetect

import "context"

// Check reports the tray available: Windows has the notification area and
// macOS the menu bar, both always present and driven by systray directly.
func Check(ctx context.Context) Result {
	return Result{Available: true, Code: CodeOK}
}
