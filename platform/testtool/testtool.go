// Package testtool finds the system programs that tests start or drive
// (slapd, radicale, Xvfb, xdotool, ...).
//
// A developer without them gets a skipped test that says which Debian
// package to install. Under `make test` and CI, which install them first,
// the variable DESKCTI_REQUIRE_TOOLS=1 turns a missing program into a
// failure, so that a broken install can never pass as a green run of
// skipped tests.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RequireEnv is the environment variable that makes a missing tool fatal.
const RequireEnv = "DESKCTI_REQUIRE_TOOLS"

// Find returns the path of program name, looking in PATH and in the sbin
// directories a non-root PATH lacks (Debian installs slapd in /usr/sbin).
// It reports ok false when the program is not installed.
func Find(name string) (path string, ok bool) {
	if p, err := exec.LookPath(name); err == nil {
		return p, true
	}
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, true
		}
	}
	return "", false
}

// Need returns the path of program name or ends the test: skipped when
// tools are optional, failed when RequireEnv is set. pkg names the Debian
// package that provides the program.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	if p, ok := Find(name); ok {
		return p
	}
	msg := name + " is not installed; `make test` installs it (Debian package " + pkg + ")"
	if os.Getenv(RequireEnv) != "" {
		t.Fatal(msg + "; " + RequireEnv + " is set, so a missing tool is a failure")
	}
	t.Skip(msg)
	return ""
}
