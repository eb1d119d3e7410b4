//go:build !unix && !windows

package selection

import (
	"context"
	"fmt"
	"runtime"
)

// text has no implementation on this system.
func text(context.Context) (string, error) {
	return "", fmt.Errorf("%w: no implementation for %s", ErrUnsupported, runtime.GOOS)
}
