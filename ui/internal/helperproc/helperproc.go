//go:build unix

// Package helperproc runs a test binary again as a helper app and reads
// what it prints, line by line. A real Fyne app needs the main goroutine,
// which only TestMain has, so UI tests that need one (the tray over DBus,
// the napping loop) start their own binary with an environment variable
// that TestMain turns into the app, and talk to it over stdin and stdout.
package helperproc

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// WaitLimit bounds every wait for a helper: Fyne's start-up under Xvfb
// and -race on a busy machine takes a while. It guards against hangs and
// is no speed requirement.
const WaitLimit = 2 * time.Minute

// Proc is a running helper app.
type Proc struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	lines   chan string
	done    chan struct{} // closed when the helper has exited
	waitErr error         // its exit status, once done
	stderr  string        // file with the helper's log
}

// Start runs the test binary with exactly env (plus nothing inherited)
// as a helper, its stderr in a file under dir, and kills and reaps it when
// the test ends: nothing outlives the test.
func Start(t testing.TB, dir string, env []string) *Proc {
	t.Helper()
	// -test.run names no test: TestMain turns the binary into the app
	// before any test would run.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = env
	p := &Proc{cmd: cmd, lines: make(chan string, 64), done: make(chan struct{}), stderr: filepath.Join(dir, "stderr.log")}
	logFile, err := os.Create(p.stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd.Stderr = logFile
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start helper app: %v", err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // fails harmlessly once it has exited
		for range p.lines {
		}
		<-p.done
	})
	return p
}

// Pid is the helper's process ID.
func (p *Proc) Pid() int { return p.cmd.Process.Pid }

// Lines are the helper's stdout lines not yet read by a wait; closed when
// its stdout ends.
func (p *Proc) Lines() <-chan string { return p.lines }

// Send writes one line to the helper's stdin.
func (p *Proc) Send(t testing.TB, line string) {
	t.Helper()
	if _, err := fmt.Fprintln(p.stdin, line); err != nil {
		t.Fatalf("send %q to the helper: %v", line, err)
	}
}

// Log is the helper's stderr so far. When the helper still runs, it is
// first sent SIGQUIT, so that the log ends with the stacks of all its
// goroutines: a failed wait is then diagnosable from the test output.
func (p *Proc) Log() string {
	select {
	case <-p.done:
	default:
		if p.cmd.Process.Signal(syscall.SIGQUIT) == nil {
			select {
			case <-p.done:
			case <-time.After(10 * time.Second):
			}
		}
	}
	b := []byte(p.RawLog())
	const max = 64 << 10
	if len(b) > max {
		b = append([]byte("…"), b[len(b)-max:]...)
	}
	return string(b)
}

// RawLog is the helper's stderr so far.
func (p *Proc) RawLog() string {
	b, _ := os.ReadFile(p.stderr)
	return string(b)
}

// WaitLine reads the helper's output up to the line want. A line that
// starts with the same word but says something else fails the test (the
// helper answered otherwise); other lines are skipped.
func (p *Proc) WaitLine(t testing.TB, want string) {
	t.Helper()
	p.WaitLineUnless(t, want, nil)
}

// WaitLineUnless is WaitLine that gives up, returning false, as soon as
// unless (polled) reports true.
func (p *Proc) WaitLineUnless(t testing.TB, want string, unless func() bool) bool {
	t.Helper()
	deadline := time.After(WaitLimit)
	poll := time.NewTicker(100 * time.Millisecond)
	defer poll.Stop()
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("helper ended before printing %q; its log:\n%s", want, p.Log())
			}
			if line == want {
				return true
			}
			if First(line) == First(want) {
				t.Fatalf("helper printed %q, want %q; its log:\n%s", line, want, p.Log())
			}
		case <-poll.C:
			if unless != nil && unless() {
				return false
			}
		case <-deadline:
			t.Fatalf("helper did not print %q; its log:\n%s", want, p.Log())
		}
	}
}

// WaitExit waits for the helper to end and wants exit code 0.
func (p *Proc) WaitExit(t testing.TB) {
	t.Helper()
	select {
	case <-p.done:
		if p.waitErr != nil {
			t.Fatalf("helper exited with %v; its log:\n%s", p.waitErr, p.Log())
		}
	case <-time.After(WaitLimit):
		t.Fatalf("helper did not exit; its log:\n%s", p.Log())
	}
}

// First is the first word of a helper line ("INSTALLED", "NAPS").
func First(line string) string {
	w, _, _ := strings.Cut(line, " ")
	return w
}
