//go:build unix && !darwin

package open

import (
	"context"
	"fmt"
	"os/exec"
)

// launchers are tried in order; the first one installed is used. xdg-open
// (xdg-utils) knows the desktop's default for every scheme; gio (GLib) is
// there on GNOME systems without xdg-utils; sensible-browser (Debian)
// at least gets web pages to a browser.
var launchers = [][]string{
	{"xdg-open"},
	{"gio", "open"},
	{"sensible-browser"},
}

// system hands u to the first launcher found in PATH. Only a missing
// launcher moves on to the next: a launcher that ran and failed may
// already have shown something, and a second attempt could open the URL
// twice.
func system(ctx context.Context, u string) error {
	for _, l := range launchers {
		path, err := exec.LookPath(l[0])
		if err != nil {
			continue
		}
		return start(ctx, path, append(l[1:], u)...)
	}
	return fmt.Errorf("%w: none of xdg-open, gio or sensible-browser is installed; install xdg-utils (Debian/Ubuntu: apt install xdg-utils)", ErrNoLauncher)
}
