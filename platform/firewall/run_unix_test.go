//go:build !windows

package firewall

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/platform/testtool"
)

func TestRunCommandExitStatus(t *testing.T) {
	out, err := runCommand(context.Background(), "/bin/sh", "-c", "echo out; echo err >&2; exit 3")
	var re *RunError
	if !errors.As(err, &re) || re.ExitCode != 3 || re.Stderr != "err" || re.Name != "sh" {
		t.Fatalf("err = %#v", err)
	}
	if string(out) != "out\n" {
		t.Errorf("stdout %q", out)
	}
}

func TestRunCommandTimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := runCommand(ctx, "/bin/sh", "-c", "exec sleep 30")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the deadline", err)
	}
}

// The parsers read English: every command runs in the C locale whatever
// the user's language.
func TestRunCommandCLocale(t *testing.T) {
	t.Setenv("LANG", "de_DE.UTF-8")
	t.Setenv("LANGUAGE", "de:en")
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	out, err := runCommand(context.Background(), "/bin/sh", "-c", `echo "$LC_ALL|$LANG|$LANGUAGE"`)
	if err != nil || string(out) != "C|C|\n" {
		t.Fatalf("environment %q, %v", out, err)
	}
}

func TestLookPathSearchesSbin(t *testing.T) {
	want := testtool.Need(t, "iptables", "iptables")
	t.Setenv("PATH", "/usr/bin:/bin")
	got, err := lookPath("iptables")
	if err != nil || filepath.Base(got) != "iptables" || !strings.Contains(got, "sbin") {
		t.Fatalf("lookPath(iptables) = %q, %v (testtool found %s)", got, err, want)
	}
	if _, err := lookPath("deskcti-no-such-program"); err == nil {
		t.Error("found a program that does not exist")
	}
}

func TestQueryClassifiesFailures(t *testing.T) {
	s := Local()
	if r := s.query(context.Background(), "deskcti-no-such-program"); !r.missing || r.ok() {
		t.Errorf("missing program: %+v", r)
	}
	r := s.query(context.Background(), "sh", "-c", `echo "Permission denied (you must be root)" >&2; exit 4`)
	if !r.denied || r.missing || r.ok() {
		t.Errorf("denied: %+v", r)
	}
	if r := s.query(context.Background(), "sh", "-c", "exit 1"); r.denied || r.missing || r.ok() {
		t.Errorf("plain failure: %+v", r)
	}
}
