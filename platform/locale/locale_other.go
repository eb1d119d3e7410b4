//go:build !windows && !darwin

package locale

// osPreferred has nothing beyond the environment on Linux and BSD desktops,
// which export LANG and friends into every session.
func osPreferred() []string { return nil }
