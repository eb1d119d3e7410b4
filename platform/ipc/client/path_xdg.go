//go:build unix && !darwin

package client

import (
	"os"
	"path/filepath"
	"strconv"
)

// DefaultPath is $XDG_RUNTIME_DIR/deskcti.sock (a per-user 0700 tmpfs
// that the session manager cleans), else deskcti.sock in a directory
// named by the uid under os.TempDir(), which Listen creates with mode 0700.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		return filepath.Join(d, "deskcti.sock"), nil
	}
	return filepath.Join(os.TempDir(), "deskcti-"+strconv.Itoa(os.Getuid()), "deskcti.sock"), nil
}
