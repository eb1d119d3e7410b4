//go:build !((linux && !android) || freebsd || openbsd || netbsd)

package buswake

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// Watch is not available here: tray clicks on Windows and macOS reach the
// app through the OS's own message loop, not DBus. It returns a nil channel
// and an error wrapping errors.ErrUnsupported, so that the caller uses its
// fallback.
func Watch(ctx context.Context) (<-chan struct{}, error) {
	return nil, fmt.Errorf("buswake: tray clicks on %s do not pass through DBus: %w", runtime.GOOS, errors.ErrUnsupported)
}
