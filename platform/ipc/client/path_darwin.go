package client

import (
	"os"
	"path/filepath"
	"strconv"
)

// sunPathMax is the room for a socket path on macOS (sun_path is 104
// bytes including the terminating NUL).
const sunPathMax = 103

// DefaultPath is deskcti/deskcti.sock in the user's cache directory, or
// under TMPDIR (itself per user on macOS) when that path is too long for
// a socket address.
func DefaultPath() (string, error) {
	if d, err := os.UserCacheDir(); err == nil {
		if p := filepath.Join(d, "deskcti", "deskcti.sock"); len(p) <= sunPathMax {
			return p, nil
		}
	}
	return filepath.Join(os.TempDir(), "deskcti-"+strconv.Itoa(os.Getuid()), "deskcti.sock"), nil
}
