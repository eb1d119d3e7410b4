//go:build !windows && !darwin && !linux && !freebsd && !netbsd && !openbsd && !dragonfly

package hotkey

import (
	"fmt"
	"runtime"
)

// defaultKey is Pause, as on the PC platforms.
const defaultKey = KeyPause

// register fails: there is no implementation for this operating system.
func register(k Key, m Mod) (*Hotkey, error) {
	return nil, fmt.Errorf("hotkey %s: %w on %s; %s", Format(k, m), ErrUnsupported, runtime.GOOS, errInstead)
}
