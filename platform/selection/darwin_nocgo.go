//go:build darwin && !cgo

package selection

import (
	"context"
	"fmt"
)

// text needs cgo on macOS: the accessibility and pasteboard APIs are
// Objective-C and C only.
func text(context.Context) (string, error) {
	return "", fmt.Errorf("%w: this macOS build was made without cgo, which reading the selection needs", ErrUnsupported)
}
