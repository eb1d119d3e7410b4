//go:build unix

// The crash test kills a writing process with SIGKILL, which is Unix. On
// Windows, Process.Kill is TerminateProcess, just as abrupt, and SQLite's
// WAL recovery is the same code; the test is not run there only because
// deskcti's CI is Linux. A power cut cannot be simulated in a test: that
// guarantee rests on synchronous=FULL (see doc.go).

package journal

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"deskcti/app/calls"
)

// The helper process's settings: the journal to write and the round, which
// keeps the calls of different rounds apart.
const (
	helperPathEnv  = "DESKCTI_JOURNAL_CRASH_PATH"
	helperRoundEnv = "DESKCTI_JOURNAL_CRASH_ROUND"
)

// crashCall is call seq as the helper first saves it (ringing) and, when
// final, as it saves it second (ended, with contact and times).
func crashCall(seq int, final bool) calls.Call {
	c := calls.Call{
		Key: "id:" + strconv.Itoa(seq), CallID: strconv.Itoa(seq), Phone: "192.0.2.10",
		Direction: calls.Incoming, State: calls.Ringing,
		Remote: fmt.Sprintf("0221%07d", seq), RemoteE164: fmt.Sprintf("+49221%07d", seq),
		Display: fmt.Sprintf("Anrufer Nr. %d – Grüße", seq),
		Start:   t0.Add(time.Duration(seq) * time.Second),
		Note:    strings.Repeat("Notiz ", seq%40),
	}
	if final {
		c.State = calls.Ended
		c.Answer, c.End = c.Start.Add(time.Second), c.Start.Add(time.Duration(2+seq%100)*time.Second)
		c.Contact = &calls.Contact{Name: fmt.Sprintf("Jörg %d", seq), Company: "Größe AG",
			Source: "vcard:x", Match: "exact", Extension: strconv.Itoa(seq % 100)}
		c.TransferredTo = "20" + strconv.Itoa(seq%10)
	}
	return c
}

// TestHelperWriter is not a test: run by TestCrashKill as a child process,
// it saves calls as fast as it can (each inserted ringing, then updated to
// its final form) and prints "saved ID SEQ" / "final ID SEQ" to stdout only
// after the Save returned, i.e. after the commit, until it is killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperPathEnv)
	if path == "" {
		t.Skip("helper process of TestCrashKill")
	}
	round, _ := strconv.Atoi(os.Getenv(helperRoundEnv))
	j, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx := context.Background()
	// The bound only stops a helper whose parent died; the parent kills it
	// long before.
	for n := range 1_000_000 {
		seq := round*1_000_000 + n
		c := crashCall(seq, false)
		if err := j.Save(ctx, &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Printf("saved %d %d\n", c.ID, seq)
		f := crashCall(seq, true)
		f.ID = c.ID
		if err := j.Save(ctx, &f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Printf("final %d %d\n", f.ID, seq)
	}
	os.Exit(3)
}

// printed is what the helper said it committed: the call's sequence number
// and whether its final form was committed too.
type printed struct {
	seq   int
	final bool
}

func TestCrashKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), FileName)
	committed := map[int64]printed{}
	// Kill after this many lines: at the first commit, a few, many.
	for round, killAfter := range []int{1, 2, 17, 60, 250} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperPathEnv+"="+path, helperRoundEnv+"="+strconv.Itoa(round))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines, killed := 0, false
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var kind string
			var id int64
			var seq int
			if _, err := fmt.Sscanf(sc.Text(), "%s %d %d", &kind, &id, &seq); err != nil {
				continue // the testing package's own output
			}
			committed[id] = printed{seq: seq, final: kind == "final"}
			lines++
			if lines == killAfter && !killed {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
			// Keep reading: lines already in the pipe are commits too.
		}
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: helper ended with %v, not by SIGKILL; stderr:\n%s", round, err, stderr.String())
		}
		if lines < killAfter {
			t.Fatalf("round %d: helper printed %d lines before dying, want %d", round, lines, killAfter)
		}
		t.Logf("round %d: killed after %d commits printed (%d lines read)", round, killAfter, lines)
		verifyAfterCrash(t, path, committed)
	}
}

// verifyAfterCrash opens the journal like a restarted deskcti: every call
// the helper reported must be there in the form reported (or later), the
// file must be intact, and a new Save must work.
func verifyAfterCrash(t *testing.T, path string, committed map[int64]printed) {
	t.Helper()
	j, err := Open(path)
	if err != nil {
		t.Fatalf("Open after kill: %v", err)
	}
	defer j.Close()
	ctx := context.Background()
	if err := j.Check(ctx); err != nil {
		t.Fatalf("integrity_check after kill: %v", err)
	}
	var result string
	if err := j.r.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q, %v", result, err)
	}
	for id, p := range committed {
		got, err := j.Get(ctx, id)
		if err != nil {
			t.Fatalf("call %d (seq %d) reported committed: %v", id, p.seq, err)
		}
		want := crashCall(p.seq, true)
		if !p.final && got.State != calls.Ended {
			// The update may or may not have committed before the kill.
			want = crashCall(p.seq, false)
		}
		want.ID = id
		sameCall(t, got, want)
	}
	c := crashCall(999_999_999, true)
	if err := j.Save(ctx, &c); err != nil {
		t.Fatalf("Save after kill: %v", err)
	}
	if err := j.Delete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
}
