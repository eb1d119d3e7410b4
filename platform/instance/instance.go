// Package instance keeps deskcti's desktop app to one instance per user:
// a second start finds the lock taken. The lock is an operating-system
// file lock, so it goes away with the process, however it ends — no stale
// lock after a crash. (Forwarding the second start's arguments to the
// running app is issue 6.)
package instance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrRunning means another instance holds the lock.
var ErrRunning = errors.New("deskcti is already running")

// Lock is a held instance lock.
type Lock struct{ f *os.File }

// Acquire takes the lock file path (created with its directory), or
// returns ErrRunning when another process has it.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("instance lock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("instance lock: %w", err)
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	// The PID helps a user who looks; the lock itself is what counts.
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return &Lock{f: f}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing releases the lock
	l.f = nil
	return err
}

// DefaultPath is the lock file in the user's configuration directory.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("instance lock: %w", err)
	}
	return filepath.Join(dir, "deskcti", "app.lock"), nil
}
