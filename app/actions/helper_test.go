package actions

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperArg, as the first argument, makes the test binary act as the
// program actions start: the tests run it (os.Executable) as a real child
// process, with no shell in between, so that what it receives in os.Args
// is exactly what exec gave. (An argument, not an environment variable,
// so that go test's own re-executions, fuzz workers, stay tests.)
const helperArg = "deskcti-actions-helper"

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == helperArg {
		// syscall.Exit, not os.Exit: under -race a clean os.Exit waits a
		// second for late race reports, which every helper run would pay.
		syscall.Exit(helper(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// helper is the child's main. Modes:
//
//	argv FILE ARGS...   write ARGS as JSON to FILE
//	fail                print to stdout and stderr, exit 3
//	sleep FILE          write the pid to FILE, then sleep ten minutes
//	chatty              write 1 MiB to stdout
func helper(args []string) int {
	if len(args) == 0 {
		return 2
	}
	switch args[0] {
	case "argv":
		b, _ := json.Marshal(args[2:])
		if err := os.WriteFile(args[1], b, 0o644); err != nil {
			return 4
		}
	case "fail":
		fmt.Println("some output")
		fmt.Fprint(os.Stderr, "\n  first problem  \nsecond problem\n")
		return 3
	case "sleep":
		writeAtomic(args[1], strconv.Itoa(os.Getpid()))
		time.Sleep(10 * time.Minute)
	case "chatty":
		os.Stdout.WriteString(strings.Repeat("x", 1<<20))
	default:
		return 2
	}
	return 0
}

// writeAtomic writes via a rename so that a reader never sees half a file.
func writeAtomic(path, s string) {
	_ = os.WriteFile(path+".tmp", []byte(s), 0o644)
	_ = os.Rename(path+".tmp", path)
}

// helperAction is an action that runs the helper in mode with args.
func helperAction(t *testing.T, on string, mode string, args ...string) Action {
	t.Helper()
	p, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Action{On: []string{on}, Run: p, Args: append([]string{helperArg, mode}, args...)}
}

// readArgs returns what the argv helper received.
func readArgs(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the program did not run: %v", err)
	}
	var got []string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// waitPID waits for the sleep helper to write its pid.
func waitPID(t *testing.T, file string) int {
	t.Helper()
	for range 2000 {
		if b, err := os.ReadFile(file); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the program never wrote %s", filepath.Base(file))
	return 0
}

// noFiles fails when any of names exists in dir: evidence of a shell.
func noFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s exists: the caller's data was executed", n)
		}
	}
}
