//go:build !unix && !windows

package desktopintegration

import "fmt"

// RegisterHandlers is unsupported here.
func RegisterHandlers(Options) error { return fmt.Errorf("desktop integration: %w", ErrUnsupported) }

// UnregisterHandlers is unsupported here.
func UnregisterHandlers(Options) error { return fmt.Errorf("desktop integration: %w", ErrUnsupported) }

// HandlersRegistered is always false here.
func HandlersRegistered(Options) (bool, error) { return false, nil }

// EnableAutostart is unsupported here.
func EnableAutostart(Options) error { return fmt.Errorf("desktop integration: %w", ErrUnsupported) }

// DisableAutostart is unsupported here.
func DisableAutostart(Options) error { return nil }

// AutostartEnabled is always false here.
func AutostartEnabled(Options) (bool, error) { return false, nil }
