//go:build unix && !darwin

package open

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeLauncher writes an executable script dir/name that records its
// arguments NUL-separated in dir/name.argv, writes stderr and exits with
// code. It returns the argv file's path.
func fakeLauncher(t *testing.T, dir, name string, code int, stderr string) string {
	t.Helper()
	argv := filepath.Join(dir, name+".argv")
	script := fmt.Sprintf("#!/bin/sh\n: > '%s'\nfor a in \"$@\"; do printf '%%s\\0' \"$a\" >> '%s'; done\n", argv, argv)
	if stderr != "" {
		script += fmt.Sprintf("echo '%s' >&2\n", stderr)
	}
	script += fmt.Sprintf("exit %d\n", code)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return argv
}

// readArgv returns the arguments a fake launcher recorded.
func readArgv(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the launcher did not run: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

func TestURLPassesOneArgumentUnchanged(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // a shell, if one were involved, would create PWNED here
	argv := fakeLauncher(t, dir, "xdg-open", 0, "")
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	for _, u := range []string{
		"https://crm.example/search?q=Anna Müller",
		`https://crm.example/a b "c" 'd';touch PWNED;$(touch PWNED)` + "`touch PWNED`&x=|y>z",
		"mailto:anna@example.com?subject=Hi; $(touch PWNED)",
		"tel:+49 221 1234-567",
	} {
		if err := URL(context.Background(), u); err != nil {
			t.Fatalf("URL(%q): %v", u, err)
		}
		if got := readArgv(t, argv); !slices.Equal(got, []string{u}) {
			t.Errorf("xdg-open got %q; want exactly [%q]", got, u)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Fatal("a shell interpreted the URL: PWNED exists")
	}
}

func TestURLRefusedStartsNothing(t *testing.T) {
	dir := t.TempDir()
	argv := fakeLauncher(t, dir, "xdg-open", 0, "")
	t.Setenv("PATH", dir)
	prog := filepath.Join(dir, "tool")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"javascript:alert(1)", prog, "file://" + prog, "file:///tmp/x.desktop", "data:,x"} {
		if err := URL(context.Background(), u); !errors.Is(err, ErrRefused) {
			t.Errorf("URL(%q) = %v; want ErrRefused", u, err)
		}
	}
	if _, err := os.Stat(argv); err == nil {
		t.Fatalf("a refused URL reached the launcher: %q", readArgv(t, argv))
	}
}

func TestURLOpensDocumentFile(t *testing.T) {
	dir := t.TempDir()
	argv := fakeLauncher(t, dir, "xdg-open", 0, "")
	t.Setenv("PATH", dir)
	doc := filepath.Join(dir, "offer.pdf")
	if err := os.WriteFile(doc, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := URL(context.Background(), "file://"+doc); err != nil {
		t.Fatal(err)
	}
	if got := readArgv(t, argv); !slices.Equal(got, []string{"file://" + doc}) {
		t.Fatalf("xdg-open got %q", got)
	}
}

func TestURLFallsBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"gio", []string{"open", "https://crm.example/"}},
		{"sensible-browser", []string{"https://crm.example/"}},
	} {
		dir := t.TempDir()
		argv := fakeLauncher(t, dir, tc.name, 0, "")
		t.Setenv("PATH", dir) // no xdg-open
		if err := URL(context.Background(), "https://crm.example/"); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := readArgv(t, argv); !slices.Equal(got, tc.want) {
			t.Errorf("%s got %q; want %q", tc.name, got, tc.want)
		}
	}
}

func TestURLNoLauncher(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := URL(context.Background(), "https://crm.example/")
	if !errors.Is(err, ErrNoLauncher) || !strings.Contains(err.Error(), "xdg-utils") {
		t.Fatalf("URL without launchers = %v; want ErrNoLauncher naming xdg-utils", err)
	}
}

func TestURLLauncherFails(t *testing.T) {
	dir := t.TempDir()
	fakeLauncher(t, dir, "xdg-open", 4, "xdg-open: no method available for opening this")
	t.Setenv("PATH", dir)
	err := URL(context.Background(), "https://crm.example/c?token=s3cret")
	if err == nil || !strings.Contains(err.Error(), "exit status 4: xdg-open: no method available") {
		t.Fatalf("URL with a failing xdg-open = %v; want its exit status and stderr", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("the error shows the URL's query: %v", err)
	}
}

func TestURLLeavesSlowLauncherRunning(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	// Like xdg-open's generic mode, which runs the browser in the
	// foreground until the user closes it.
	script := "#!/bin/sh\necho $$ > '" + pidFile + ".tmp'\nmv '" + pidFile + ".tmp' '" + pidFile + "'\nexec sleep 600\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- URL(ctx, "https://crm.example/") }()
	pid := waitPID(t, pidFile)
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("URL with a launcher still running = %v; want nil", err)
	}
	proc, err := os.FindProcess(pid)
	if err != nil {
		t.Fatal(err)
	}
	defer proc.Kill()
	if err := proc.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("the launcher was stopped with the caller's context: %v", err)
	}
}

// waitPID waits for a fake launcher to write its process id.
func waitPID(t *testing.T, file string) int {
	t.Helper()
	for range 1000 {
		if b, err := os.ReadFile(file); err == nil {
			var pid int
			if _, err := fmt.Sscan(string(b), &pid); err == nil {
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the launcher never started")
	return 0
}
