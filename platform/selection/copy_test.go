package selection

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWaitForCopyNothingCopied(t *testing.T) {
	err := waitForCopy(context.Background(), func() bool { return false })
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("waitForCopy = %v, want ErrEmpty", err)
	}
}

func TestWaitForCopyChanged(t *testing.T) {
	n := 0
	err := waitForCopy(context.Background(), func() bool { n++; return n > 3 })
	if err != nil || n != 4 {
		t.Fatalf("waitForCopy = %v after %d polls, want nil after 4", err, n)
	}
}

func TestWaitForCopyDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := waitForCopy(ctx, func() bool { return false })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waitForCopy = %v, want the deadline, not ErrEmpty", err)
	}
}

func TestCopied(t *testing.T) {
	if s, err := copied(" +49 221 555 0123\n"); err != nil || s != " +49 221 555 0123\n" {
		t.Fatalf("copied = %q, %v; want the text unchanged", s, err)
	}
	if _, err := copied(" \t\r\n"); !errors.Is(err, ErrEmpty) {
		t.Fatalf("copied(blank) = %v, want ErrEmpty", err)
	}
	if _, err := copied(strings.Repeat("1", MaxBytes+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("copied(huge) = %v, want ErrTooLarge", err)
	}
}
