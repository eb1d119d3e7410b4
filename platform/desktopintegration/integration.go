// Package desktopintegration registers deskcti with the desktop, per
// user and without administrator rights: as the handler of tel:, callto:
// and sip: links (so a click in the browser dials), and as a program that
// starts at login (hidden, in the tray).
//
// Linux and the BSDs use the freedesktop.org files (a .desktop entry,
// mimeapps.list, the autostart directory), Windows the HKCU registry,
// macOS a LaunchAgent; macOS link handlers come from the app bundle.
package desktopintegration

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Options name the program to register.
type Options struct {
	// Exe is the absolute path of the deskcti executable.
	Exe string
	// Name is the registration's name: the .desktop file id, the registry
	// value; "" means "deskcti".
	Name string
}

// Schemes are the URL schemes deskcti handles.
var Schemes = []string{"tel", "callto", "sip"}

// ErrUnsupported is returned where an operating system offers no per-user
// way to do what was asked.
var ErrUnsupported = errors.New("not supported on this operating system")

// check validates o and fills in the default name. The name becomes part
// of file names and registry paths, so it is kept to a safe alphabet.
func (o Options) check() (Options, error) {
	if o.Name == "" {
		o.Name = "deskcti"
	}
	if !filepath.IsAbs(o.Exe) {
		return o, fmt.Errorf("desktop integration: executable %q is not an absolute path", o.Exe)
	}
	if strings.ContainsAny(o.Exe, "\x00\n\r") {
		return o, fmt.Errorf("desktop integration: executable path contains a control character")
	}
	for _, r := range o.Name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return o, fmt.Errorf("desktop integration: name %q: only letters, digits, '-', '_' and '.'", o.Name)
		}
	}
	return o, nil
}
