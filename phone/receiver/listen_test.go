package receiver

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
)

// occupy listens on 127.0.0.1:port (0: any) until the test ends and
// returns the port; ok is false when the port is taken already.
func occupy(t *testing.T, port int) (int, bool) {
	t.Helper()
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return 0, false
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().(*net.TCPAddr).Port, true
}

func TestPortFallback(t *testing.T) {
	port, _ := occupy(t, 0)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	r, err := Listen(Config{Listen: addr, FallbackPorts: 3})
	if err != nil {
		t.Fatalf("Listen with fallback: %v", err)
	}
	defer r.Close()
	got := int(r.Addr().Port())
	if !r.FellBack() || got <= port || got > port+3 {
		t.Fatalf("Addr %v FellBack %v, want a port after %d", r.Addr(), r.FellBack(), port)
	}
	if !strings.Contains(r.BaseURL("127.0.0.1"), fmt.Sprintf(":%d", got)) || !r.Stats().FellBack {
		t.Errorf("BaseURL %q / Stats do not follow the fallback", r.BaseURL("127.0.0.1"))
	}
	mustStatus(t, clientFrom(t, "127.0.0.1"), r.BaseURL("127.0.0.1")+"/", http.StatusOK)

	_, err = Listen(Config{Listen: addr, FallbackPorts: -1})
	if err == nil || !strings.Contains(err.Error(), "in use") || !errors.Is(err, syscall.EADDRINUSE) {
		t.Errorf("Listen without fallback on a taken port: %v", err)
	}
	r2, err := Listen(Config{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if r2.FellBack() || r2.Addr().Port() == 0 {
		t.Errorf("port 0: %v fell back %v", r2.Addr(), r2.FellBack())
	}
}

func TestPortFallbackNextPort(t *testing.T) {
	// The usual case: the next port is free and is the one taken (the
	// default is one fallback port).
	port, _ := occupy(t, 0)
	next, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+1))
	if err != nil {
		t.Skipf("port %d is taken by someone else", port+1)
	}
	next.Close()
	r, err := Listen(Config{Listen: fmt.Sprintf("127.0.0.1:%d", port)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if int(r.Addr().Port()) != port+1 || !r.FellBack() {
		t.Errorf("Addr %v, want port %d", r.Addr(), port+1)
	}

	// Both taken: the error names the range.
	p2, _ := occupy(t, 0)
	if _, ok := occupy(t, p2+1); !ok {
		t.Skipf("port %d is taken by someone else", p2+1)
	}
	_, err = Listen(Config{Listen: fmt.Sprintf("127.0.0.1:%d", p2)})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("ports %d to %d are all in use", p2, p2+1)) {
		t.Errorf("both ports taken: %v", err)
	}
}

func TestListenErrors(t *testing.T) {
	for addr, hint := range map[string]string{
		"8080":                   "host:port",
		"127.0.0.1:99999":        "0 to 65535",
		"127.0.0.1:http":         "0 to 65535",
		"192.0.2.1:0":            "not one of this computer's", // TEST-NET-1
		"no-such-host.invalid:0": "resolve",
	} {
		_, err := Listen(Config{Listen: addr})
		if err == nil || !strings.Contains(err.Error(), hint) {
			t.Errorf("Listen(%q) = %v, want an error mentioning %q", addr, err, hint)
		}
	}
}

func TestListenErrorAdvice(t *testing.T) {
	// Permissions cannot be provoked as root; the advice is checked on the
	// error the system gives.
	eacces := &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", syscall.EACCES)}
	if err := listenError("0.0.0.0:80", 80, eacces); !strings.Contains(err.Error(), "below 1024") ||
		!strings.Contains(err.Error(), "CAP_NET_BIND_SERVICE") {
		t.Errorf("port 80: %v", err)
	}
	if err := listenError("0.0.0.0:8080", 8080, eacces); strings.Contains(err.Error(), "below 1024") ||
		!strings.Contains(err.Error(), "permission denied") {
		t.Errorf("port 8080: %v", err)
	}
}
