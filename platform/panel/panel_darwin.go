//go:build darwin

package panel

import (
	"context"
	"os/exec"
	"strings"
	"time"
)

// detect asks for the global AppleInterfaceStyle, which is "Dark" in dark
// mode and absent (defaults exits 1) in light mode; the menu bar follows
// it. Untested on a Mac: deskcti's CI has none.
func detect() Shade {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "defaults", "read", "-g", "AppleInterfaceStyle").Output()
	if err != nil {
		if _, ok := err.(*exec.ExitError); ok {
			return Light
		}
		return Unknown
	}
	if strings.EqualFold(strings.TrimSpace(string(out)), "dark") {
		return Dark
	}
	return Light
}
