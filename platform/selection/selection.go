package selection

import (
	"context"
	"errors"
	"time"
)

// ErrEmpty means nothing is selected (or the selection holds no text).
var ErrEmpty = errors.New("selection: nothing is selected")

// ErrUnsupported means this system (or this session, such as Wayland
// without XWayland) offers no way to read the selection.
var ErrUnsupported = errors.New("selection: reading the selected text is not supported here")

// ErrTooLarge means the selection is bigger than MaxBytes. A phone number
// is short; a huge selection is a mistake, and reading it would only cost
// memory and time.
var ErrTooLarge = errors.New("selection: selected text is too large")

// MaxBytes is the largest selection Text accepts, in bytes as the owner
// sends them.
const MaxBytes = 64 << 10

// DefaultTimeout bounds Text when ctx has no deadline, so that a program
// that owns the selection but never answers cannot hang the hotkey.
const DefaultTimeout = time.Second

// Text returns the text currently selected in any program. It returns
// ErrEmpty when nothing is selected and ErrUnsupported where the system
// offers no way to read it. It gives up when ctx is done, after
// DefaultTimeout when ctx has no deadline; the error then wraps ctx.Err().
func Text(ctx context.Context) (string, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	return text(ctx)
}
