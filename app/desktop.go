package app

import (
	"fmt"
	"os"
	"path/filepath"

	"deskcti/platform/desktopintegration"
)

// DesktopOptions names this program for the desktop: link handlers and
// start at login run the executable that is running now.
func DesktopOptions() (desktopintegration.Options, error) {
	exe, err := os.Executable()
	if err != nil {
		return desktopintegration.Options{}, fmt.Errorf("this program's path: %w", err)
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	return desktopintegration.Options{Exe: exe, Name: "deskcti"}, nil
}
