package firewall

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reply is what the fake answers to one command line.
type reply struct {
	file   string // testdata file with the standard output
	out    string // or the output itself
	code   int    // exit status; non-zero yields a *RunError
	stderr string
}

// fakeOS is a computer made of testdata: commands keyed by "prog args",
// files keyed by path. A program counts as installed when some command of
// it has a reply.
type fakeOS struct {
	t     *testing.T
	goos  string
	cmds  map[string]reply
	files map[string]string // path -> testdata file
	env   map[string]string
	admin bool
	ran   []string
}

func (f *fakeOS) system() *System {
	return &System{
		GOOS:         f.goos,
		Run:          f.run,
		ReadFile:     f.readFile,
		LookPath:     f.lookPath,
		IsAdmin:      func() bool { return f.admin },
		Getenv:       func(k string) string { return f.env[k] },
		Timeout:      time.Second,
		ApplyTimeout: time.Second,
	}
}

func (f *fakeOS) installed(name string) bool {
	for k := range f.cmds {
		if strings.HasPrefix(k, name+" ") {
			return true
		}
	}
	return false
}

func (f *fakeOS) lookPath(name string) (string, error) {
	if !f.installed(name) {
		return "", fmt.Errorf("%s: %w", name, exec.ErrNotFound)
	}
	if filepath.IsAbs(name) {
		return name, nil
	}
	return "/usr/sbin/" + name, nil
}

func (f *fakeOS) run(ctx context.Context, path string, args ...string) ([]byte, error) {
	if _, ok := ctx.Deadline(); !ok {
		f.t.Errorf("%s run without a deadline", path)
	}
	name := path
	if strings.HasPrefix(path, "/usr/sbin/") {
		name = filepath.Base(path)
	}
	line := strings.Join(append([]string{name}, args...), " ")
	f.ran = append(f.ran, line)
	r, ok := f.cmds[line]
	if !ok {
		f.t.Errorf("unexpected command %q", line)
		return nil, &RunError{Name: name, ExitCode: 1, Stderr: "unexpected"}
	}
	out := []byte(r.out)
	if r.file != "" {
		out = readTestdata(f.t, r.file)
	}
	if r.code != 0 {
		return out, &RunError{Name: filepath.Base(name), ExitCode: r.code, Stderr: r.stderr}
	}
	return out, nil
}

func (f *fakeOS) readFile(name string) ([]byte, error) {
	if file, ok := f.files[name]; ok {
		return readTestdata(f.t, file), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("testdata: %v", err)
	}
	return b
}

func check(t *testing.T, f *fakeOS, port int, program string) Status {
	t.Helper()
	st, err := f.system().Check(context.Background(), port, program)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return st
}

// wantStatus compares the parts of a Status that tests pin; detail is a
// substring the English description must contain. Every note must carry a
// listed key with the values its text takes.
func wantStatus(t *testing.T, st Status, firewall string, active bool, v Verdict, detail string, fix ...string) {
	t.Helper()
	desc := st.Describe(english(t))
	if st.Firewall != firewall || st.Active != active || st.Open != v {
		t.Errorf("got %q active=%v %v; want %q active=%v %v\n(detail: %s)", st.Firewall, st.Active, st.Open, firewall, active, v, desc)
	}
	if !strings.Contains(desc, detail) {
		t.Errorf("detail %q does not contain %q", desc, detail)
	}
	if len(st.Notes) == 0 {
		t.Error("no notes")
	}
	checkNotes(t, st.Notes)
	if strings.Join(st.Fix, "\n") != strings.Join(fix, "\n") {
		t.Errorf("fix:\n%s\nwant:\n%s", strings.Join(st.Fix, "\n"), strings.Join(fix, "\n"))
	}
	if len(st.Commands) != len(st.Fix) {
		t.Errorf("%d commands for %d fix lines", len(st.Commands), len(st.Fix))
	}
	if st.NeedsAdmin != (len(st.Fix) > 0) {
		t.Errorf("NeedsAdmin %v with %d fix lines", st.NeedsAdmin, len(st.Fix))
	}
}
