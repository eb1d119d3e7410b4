//go:build unix

package actions

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"deskcti/phone"
	"deskcti/platform/open"
)

// The pattern the validation message recommends: sh -c with the caller's
// data as a positional parameter, never inside the code.
func TestRunShellWithPositionalData(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out := filepath.Join(dir, "out")
	r := newRunner(t, nil, Action{On: []string{"incoming"}, Run: "/bin/sh",
		Args: []string{"-c", `printf '%s' "$1" > "$2"`, "sh", "{name}", out}})
	for _, p := range payloads(dir) {
		r.Fire(context.Background(), phone.EventIncoming, Vars{Name: p})
		r.Wait()
		if b, err := os.ReadFile(out); err != nil || string(b) != p {
			t.Errorf("sh received %q (%v); want %q", b, err, p)
		}
	}
	if errs := drain(r); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	noFiles(t, dir, pwned...)
}

func TestFireDoesNotBlock(t *testing.T) {
	dir := t.TempDir()
	rec := &open.Recorder{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Waited for with the default 30 s timeout: it would hold Fire if
	// Fire ran it.
	r := newRunner(t, rec.Open,
		helperAction(t, "incoming", "sleep", filepath.Join(dir, "pid")),
		Action{On: []string{"outgoing"}, Open: "https://crm.example/"})
	r.Fire(ctx, phone.EventIncoming, Vars{})
	pid := waitPID(t, filepath.Join(dir, "pid"))
	// Another event's actions run while the first event's program sleeps.
	r.Fire(ctx, phone.EventOutgoing, Vars{})
	for len(rec.URLs()) == 0 {
		time.Sleep(time.Millisecond)
	}
	if err := syscall.Kill(pid, 0); err != nil {
		t.Fatalf("the program is gone before its timeout: %v", err)
	}
	cancel()
	r.Wait()
	errs := drain(r)
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("errors = %v; want the sleeper stopped by the cancelled context", errs)
	}
}

func TestWaitFalseLeavesProgramRunning(t *testing.T) {
	dir := t.TempDir()
	a := helperAction(t, "incoming", "sleep", filepath.Join(dir, "pid"))
	a.Wait = bptr(false)
	rec := &open.Recorder{}
	r := newRunner(t, rec.Open, a, Action{On: []string{"incoming"}, Open: "https://crm.example/"})
	r.Fire(context.Background(), phone.EventIncoming, Vars{})
	r.Wait() // returns although the program sleeps for minutes
	if got := rec.URLs(); len(got) != 1 {
		t.Fatalf("the action after a wait = false program did not run: %q", got)
	}
	pid := waitPID(t, filepath.Join(dir, "pid"))
	if err := syscall.Kill(pid, 0); err != nil {
		t.Fatalf("the detached program is not running: %v", err)
	}
	// Killed from outside, the reaper reports it.
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-r.Errors(); !strings.Contains(err.Error(), "signal: killed") {
		t.Fatalf("reaped error = %v; want the kill reported", err)
	}
}

func TestTimeoutKillsWhatTheProgramStarted(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	// A script whose child would keep running if only the script died.
	r := newRunner(t, nil, Action{On: []string{"incoming"}, Run: "/bin/sh", Timeout: "300ms",
		Args: []string{"-c", `sleep 600 & echo $! > "$1.tmp"; mv "$1.tmp" "$1"; wait`, "sh", pidFile}})
	r.Fire(context.Background(), phone.EventIncoming, Vars{})
	r.Wait()
	if errs := drain(r); len(errs) != 1 || !errors.Is(errs[0], ErrTimeout) {
		t.Fatalf("errors = %v; want ErrTimeout", errs)
	}
	pid := waitPID(t, pidFile)
	for alive(pid) {
		time.Sleep(10 * time.Millisecond) // SIGKILL is asynchronous; the test's deadline bounds this
	}
}

// alive reports whether pid runs (a zombie, killed but not yet reaped by an
// init that does not reap, counts as dead).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return true // no /proc (BSD, macOS): trust kill(0)
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(f) == 0 || f[0] != "Z"
}
