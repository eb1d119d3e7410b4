//go:build unix

package ipc

import (
	"context"
	"deskcti/platform/ipc/client"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// echo answers with the arguments joined, so a test sees its request
// arrived intact.
func echo(r Request) Reply { return Reply{OK: true, Message: strings.Join(r.Args, "|")} }

func startServer(t testing.TB, handle func(Request) Reply) *Server {
	t.Helper()
	s, err := Listen(filepath.Join(t.TempDir(), "d", "deskcti.sock"), handle)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestRoundTrip(t *testing.T) {
	s := startServer(t, echo)
	args := []string{"dial", "030 1234 \"x\"\n", "tel:+49301234", "ümlaut"}
	rep, err := Send(context.Background(), s.Path(), Request{Args: args})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(args, "|"); !rep.OK || rep.Message != want {
		t.Fatalf("reply %+v; want OK %q", rep, want)
	}
}

func TestNotRunning(t *testing.T) {
	_, err := Send(context.Background(), filepath.Join(t.TempDir(), "none.sock"), Request{Args: []string{"dial", "1"}})
	if !errors.Is(err, ErrNotRunning) {
		t.Fatalf("err = %v; want ErrNotRunning", err)
	}
}

// A request that went out but got no answer is ErrNoReply, never
// ErrNotRunning: the app may have dialled, and the caller must not again.
func TestNoReply(t *testing.T) {
	got := make(chan Request, 1)
	s := startServer(t, func(r Request) Reply {
		got <- r
		time.Sleep(2 * time.Second)
		return Reply{OK: true}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := Send(ctx, s.Path(), Request{Args: []string{"dial", "1"}})
	if !errors.Is(err, ErrNoReply) || errors.Is(err, ErrNotRunning) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v; want ErrNoReply with the deadline", err)
	}
	if r := <-got; r.Args[1] != "1" {
		t.Fatalf("the app got %v", r.Args)
	}
}

func TestCloseRemovesSocketAndStopsAnswering(t *testing.T) {
	s := startServer(t, echo)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Send(context.Background(), s.Path(), Request{}); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("after Close: err = %v; want ErrNotRunning", err)
	}
}

func TestSecondListenIsErrRunning(t *testing.T) {
	s := startServer(t, echo)
	if s2, err := Listen(s.Path(), echo); !errors.Is(err, ErrRunning) {
		if s2 != nil {
			s2.Close()
		}
		t.Fatalf("second Listen: err = %v; want ErrRunning", err)
	}
	// The probe must not have disturbed the first server.
	if rep, err := Send(context.Background(), s.Path(), Request{Args: []string{"x"}}); err != nil || rep.Message != "x" {
		t.Fatalf("first server after probe: %+v, %v", rep, err)
	}
}

func TestStaleSocketReplaced(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	path := filepath.Join(dir, "deskcti.sock")
	if err := ensurePrivateDir(dir); err != nil {
		t.Fatal(err)
	}
	// A crashed app leaves its socket file behind: bound, never unlinked.
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
	s, err := Listen(path, echo)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	defer s.Close()
	if rep, err := Send(context.Background(), path, Request{Args: []string{"ok"}}); err != nil || rep.Message != "ok" {
		t.Fatalf("Send: %+v, %v", rep, err)
	}
}

func TestOversizedRequestRefused(t *testing.T) {
	var called atomic.Bool
	s := startServer(t, func(r Request) Reply { called.Store(true); return echo(r) })
	big := Request{Args: []string{strings.Repeat("9", MaxMessageSize)}}
	if _, err := Send(context.Background(), s.Path(), big); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Send of a big request: err = %v; want ErrTooLarge", err)
	}
	// A client that ignores the limit gets a refusal, not a handler call.
	c, err := net.Dial("unix", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go c.Write([]byte(`{"args":["` + strings.Repeat("9", 2*MaxMessageSize) + `"]}` + "\n"))
	var rep Reply
	if err := client.Read(c, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.OK || !strings.Contains(rep.Message, "too large") {
		t.Fatalf("reply %+v; want a too-large refusal", rep)
	}
	if called.Load() {
		t.Fatal("handler ran for an oversized request")
	}
}

func TestMalformedRequestRefused(t *testing.T) {
	s := startServer(t, echo)
	c, err := net.Dial("unix", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("not json\n"))
	var rep Reply
	if err := client.Read(c, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.OK || !strings.Contains(rep.Message, "bad request") {
		t.Fatalf("reply %+v; want bad request", rep)
	}
}

func TestSlowHandlerDoesNotBlockOthers(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{})
	s := startServer(t, func(r Request) Reply {
		if r.Args[0] == "slow" {
			close(entered)
			<-release
		}
		return echo(r)
	})
	slow := make(chan error, 1)
	go func() {
		_, err := Send(context.Background(), s.Path(), Request{Args: []string{"slow"}})
		slow <- err
	}()
	<-entered
	// The slow handler holds its connection; a second one must still be served.
	rep, err := Send(context.Background(), s.Path(), Request{Args: []string{"fast"}})
	if err != nil || rep.Message != "fast" {
		t.Fatalf("fast request while a slow one runs: %+v, %v", rep, err)
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatalf("slow request: %v", err)
	}
}

func TestSendHonoursContext(t *testing.T) {
	release := make(chan struct{})
	s := startServer(t, func(r Request) Reply { <-release; return echo(r) })
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := Send(ctx, s.Path(), Request{Args: []string{"x"}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v; want DeadlineExceeded", err)
	}
}

func TestHandlerPanicBecomesFailedReply(t *testing.T) {
	s := startServer(t, func(Request) Reply { panic("boom") })
	rep, err := Send(context.Background(), s.Path(), Request{})
	if err != nil || rep.OK {
		t.Fatalf("reply %+v, %v; want a failed reply", rep, err)
	}
}

func BenchmarkSend(b *testing.B) {
	s := startServer(b, echo)
	req := Request{Args: []string{"dial", "+49 30 1234567"}}
	for b.Loop() {
		if _, err := Send(context.Background(), s.Path(), req); err != nil {
			b.Fatal(err)
		}
	}
}
