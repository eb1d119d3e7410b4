package selection

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// This file holds what the copy-and-restore implementations (Windows,
// macOS) share. The X11 implementation uses isBlank only.

// copyWait bounds the wait for the focused program to answer the
// simulated copy key. A program with nothing selected copies nothing, so
// this wait is what "nothing selected" costs.
const copyWait = 300 * time.Millisecond

// isBlank reports whether s has nothing but white space: such a selection
// holds nothing to dial and counts as nothing selected.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// waitForCopy polls changed (the clipboard's change counter moved) every
// 10 ms for at most copyWait. It returns ErrEmpty when nothing was copied
// in that time, and ctx's error when ctx ended first.
func waitForCopy(ctx context.Context, changed func() bool) error {
	wait, cancel := context.WithTimeout(ctx, copyWait)
	defer cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !changed() {
		select {
		case <-wait.Done():
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("selection: wait for the copy: %w", err)
			}
			return ErrEmpty
		case <-tick.C:
		}
	}
	return nil
}

// copied checks text that came through the clipboard the way the X11
// path checks a selection: not blank, not over MaxBytes.
func copied(s string) (string, error) {
	if len(s) > MaxBytes {
		return "", fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(s), MaxBytes)
	}
	if isBlank(s) {
		return "", ErrEmpty
	}
	return s, nil
}
