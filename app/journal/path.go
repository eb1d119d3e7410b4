package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"
)

// FileName is the journal's name inside the data directory.
const FileName = "journal.db"

// DefaultPath is where the journal lives, in the OS data directory (not the
// config directory: it is data the user did not write and may be large):
//
//   - Linux and other Unix: $XDG_DATA_HOME/deskcti/journal.db, by default
//     ~/.local/share/deskcti/journal.db
//   - Windows: %LocalAppData%\deskcti\journal.db (local, not roaming: a
//     database must not be copied around by a roaming profile)
//   - macOS: ~/Library/Application Support/deskcti/journal.db
//
// It creates the directory with mode 0700.
func DefaultPath() (string, error) {
	dir, err := dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
	if err != nil {
		return "", fmt.Errorf("find the call journal's directory: %w", err)
	}
	dir = filepath.Join(dir, "deskcti")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the call journal's directory: %w", err)
	}
	return filepath.Join(dir, FileName), nil
}

// dataDir is the per-user data directory of goos; the environment and home
// directory are passed in so that every OS's rule is testable anywhere.
func dataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%LocalAppData% is not set")
	case "darwin", "ios":
		h, err := home()
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "Library", "Application Support"), nil
	}
	// The XDG spec ignores a relative XDG_DATA_HOME.
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	h, err := home()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, ".local", "share"), nil
}

// Recover moves a broken journal at path aside to path.broken-<time>,
// together with its -wal, -shm and -journal files (the WAL may hold the
// last calls, and a stale one must never be replayed into a new journal),
// and returns the new name. The next Open starts an empty journal. Call it
// only when the user agreed, and only while no deskcti has the file open.
func Recover(path string) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("move broken call journal aside: %w", err)
	}
	base := path + ".broken-" + time.Now().Format("20060102-150405")
	dest := base
	for n := 2; exists(dest); n++ {
		dest = base + "-" + strconv.Itoa(n)
	}
	if err := os.Rename(path, dest); err != nil {
		return "", fmt.Errorf("move broken call journal aside: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		err := os.Rename(path+suffix, dest+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return dest, fmt.Errorf("move broken call journal aside: %w", err)
		}
	}
	return dest, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
