//go:build unix && !darwin

package selection

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/jezek/xgb"
)

// text reads the X11 selection: PRIMARY (what is highlighted right now),
// then CLIPBOARD (what was copied last) when PRIMARY has no owner or no
// text, so that a user who pressed Ctrl+C before the hotkey is served too.
func text(ctx context.Context) (string, error) {
	display := os.Getenv("DISPLAY")
	if display == "" {
		if os.Getenv("WAYLAND_DISPLAY") != "" {
			return "", fmt.Errorf("%w: Wayland session without XWayland ($DISPLAY is empty); Wayland lets no program read another program's selection", ErrUnsupported)
		}
		return "", fmt.Errorf("%w: no X display ($DISPLAY is empty)", ErrUnsupported)
	}
	x, err := dialX(ctx, display)
	if err != nil {
		return "", err
	}
	// Closing the connection when ctx ends makes every pending Reply and
	// event wait return, so a stuck owner or server cannot outlive ctx.
	stop := context.AfterFunc(ctx, x.Close)
	defer stop()
	r, err := newX11Reader(x)
	if err != nil {
		x.Close()
		return "", withCtx(ctx, fmt.Errorf("selection: set up X window: %w", err))
	}
	defer r.close()
	s, err := r.read(ctx)
	return s, withCtx(ctx, err)
}

// dialX connects to display, giving up when ctx ends: connecting includes
// a handshake that a wedged X server would never finish.
func dialX(ctx context.Context, display string) (*xgb.Conn, error) {
	type result struct {
		x   *xgb.Conn
		err error
	}
	ch := make(chan result, 1)
	go func() {
		x, err := xgb.NewConnDisplay(display)
		ch <- result{x, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, fmt.Errorf("selection: connect to X display %q: %w", display, r.err)
		}
		return r.x, nil
	case <-ctx.Done():
		go func() {
			if r := <-ch; r.err == nil {
				r.x.Close()
			}
		}()
		return nil, fmt.Errorf("selection: connect to X display %q: %w", display, ctx.Err())
	}
}

// withCtx makes sure an error caused by ctx ending (the connection closed
// under a request) says so and wraps ctx.Err(), whatever the failing
// request reported.
func withCtx(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	if cerr := ctx.Err(); !errors.Is(err, cerr) {
		return fmt.Errorf("%v: %w", err, cerr)
	}
	return err
}
