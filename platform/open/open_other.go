//go:build !unix && !windows

package open

import (
	"context"
	"errors"
)

// system has no launcher on systems without a desktop (wasm, Plan 9).
func system(context.Context, string) error {
	return errors.ErrUnsupported
}

func isExecutable(string) bool { return false }
