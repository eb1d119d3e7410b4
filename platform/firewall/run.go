package firewall

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// RunError is a program that ran and exited non-zero.
type RunError struct {
	Name     string // base name of the program
	ExitCode int
	Stderr   string // trimmed
}

func (e *RunError) Error() string {
	msg := fmt.Sprintf("%s exited with status %d", e.Name, e.ExitCode)
	if first, _, _ := strings.Cut(e.Stderr, "\n"); first != "" {
		msg += ": " + first
	}
	return msg
}

// runCommand is System.Run on a real computer.
func runCommand(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	prepareCmd(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A child that forks a helper which keeps the pipes open would make
	// Wait hang past the kill; WaitDelay closes the pipes after a second.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	base := filepath.Base(name)
	if err != nil && ctx.Err() != nil {
		return stdout.Bytes(), fmt.Errorf("%s: %w", base, ctx.Err())
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return stdout.Bytes(), &RunError{Name: base, ExitCode: ee.ExitCode(), Stderr: strings.TrimSpace(stderr.String())}
	}
	if err != nil {
		return stdout.Bytes(), fmt.Errorf("run %s: %w", base, err)
	}
	return stdout.Bytes(), nil
}

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func getenv(key string) string { return os.Getenv(key) }

// result is one read-only command as Check sees it.
type result struct {
	out     string
	missing bool // not installed
	denied  bool // ran, but the user lacks the rights
	err     error
}

func (r result) ok() bool { return r.err == nil }

// query runs a read-only command with the per-command timeout.
func (s *System) query(ctx context.Context, name string, args ...string) result {
	path, err := s.LookPath(name)
	if err != nil {
		return result{missing: true, err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	out, err := s.Run(ctx, path, args...)
	r := result{out: string(out), err: err}
	if err == nil {
		return r
	}
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		r.missing = true
	}
	var re *RunError
	if errors.As(err, &re) && deniedMessage(re.Stderr+"\n"+r.out) {
		r.denied = true
	}
	return r
}

// deniedMessage recognises the ways the tools say "you are not root":
// ufw "You need to be root", nft "Operation not permitted", iptables
// "Permission denied (you must be root)", firewall-cmd "Authorization
// failed" (polkit), netsh "requires elevation" / "erfordert erhöhte".
func deniedMessage(s string) bool {
	s = strings.ToLower(s)
	for _, m := range []string{"permission denied", "operation not permitted", "must be root", "need to be root",
		"authorization failed", "not authorized", "requires elevation", "erhöhte", "access is denied", "zugriff verweigert"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
