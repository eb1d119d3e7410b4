package desktop

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// proc is a program the benchmark started.
type proc struct {
	cmd     *exec.Cmd
	started time.Time // just before the process was created
	logPath string    // its stdout and stderr
	done    chan struct{}
	err     error // its exit status, once done is closed
}

// startProc runs bin with args and exactly the environment env, its
// output going to a file; the process is stopped when the benchmark ends.
func startProc(tb testing.TB, bin string, env []string, args ...string) *proc {
	tb.Helper()
	logFile, err := os.CreateTemp(tb.TempDir(), filepath.Base(bin)+"-*.log")
	if err != nil {
		tb.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	p := &proc{cmd: cmd, logPath: logFile.Name(), done: make(chan struct{})}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start %s: %v", bin, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	tb.Cleanup(func() { p.stop(tb) })
	return p
}

// stop asks the process to end as a user's session would (SIGINT; deskcti
// quits its Fyne loop on it) and kills it when it has not after 10 s.
func (p *proc) stop(tb testing.TB) {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		tb.Logf("%s did not end on SIGINT; killed", p.cmd.Path)
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// exited reports whether the process has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// log is the end of the process's output.
func (p *proc) log() string {
	b, _ := os.ReadFile(p.logPath)
	return "output of " + filepath.Base(p.cmd.Path) + ":\n" + lastLines(string(b), 40)
}
