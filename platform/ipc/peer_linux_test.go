package ipc

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"deskcti/platform/testtool"
)

// clientEnv makes the test binary act as a plain client (see
// TestHelperClient), so the other-user test can run it under setpriv.
const clientEnv = "DESKCTI_IPC_TEST_CLIENT"

// TestHelperClient is not a test: run with clientEnv set to a socket path,
// it sends one request and prints the outcome.
func TestHelperClient(t *testing.T) {
	path := os.Getenv(clientEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	rep, err := Send(context.Background(), path, Request{Args: []string{"dial", "666"}})
	fmt.Printf("RESULT uid=%d ok=%v msg=%q err=%v\n", os.Getuid(), rep.OK, rep.Message, err)
}

// TestOtherUserRefused runs a client as uid 65534 against a socket that
// the test opened to everyone, so that only the SO_PEERCRED check stands
// in the way.
func TestOtherUserRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to start a client as another user")
	}
	setpriv := testtool.Need(t, "setpriv", "util-linux")
	var called atomic.Bool
	s := startServer(t, func(r Request) Reply { called.Store(true); return echo(r) })

	// The test binary may sit in a 0700 build directory: copy it where
	// nobody can run it, and open the path to the socket.
	pub := t.TempDir()
	bin := filepath.Join(pub, "ipc.test")
	copyFile(t, os.Args[0], bin)
	for _, p := range []string{pub, filepath.Dir(pub), filepath.Dir(s.Path()), filepath.Dir(filepath.Dir(s.Path()))} {
		os.Chmod(p, 0o755)
	}
	os.Chmod(filepath.Dir(s.Path()), 0o777)
	os.Chmod(s.Path(), 0o777)

	run := func(args ...string) string {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), clientEnv+"="+s.Path())
		cmd.Dir = "/"
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	client := []string{bin, "-test.run=^TestHelperClient$", "-test.count=1"}

	out := run(append([]string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"}, client...)...)
	if !strings.Contains(out, "RESULT uid=65534 ok=false") || strings.Contains(out, "err=<nil>") {
		t.Fatalf("other user's client was not refused:\n%s", out)
	}
	if called.Load() {
		t.Fatal("handler ran for another user's request")
	}
	// The same binary as this user is served: the refusal is about the uid.
	out = run(client...)
	if !strings.Contains(out, `RESULT uid=0 ok=true msg="dial|666" err=<nil>`) {
		t.Fatalf("own client was not served:\n%s", out)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
