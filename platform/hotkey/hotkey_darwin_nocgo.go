//go:build darwin && !cgo

package hotkey

import "fmt"

// register fails: Carbon hot keys need cgo, and this binary was built
// without it.
func register(k Key, m Mod) (*Hotkey, error) {
	return nil, fmt.Errorf("hotkey %s: %w: this build has no cgo, which macOS hot keys need; %s", Format(k, m), ErrUnsupported, errInstead)
}
