package receiver

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"deskcti/phone"
)

// wait bounds how long a test waits for something that normally takes
// milliseconds; it is a hang guard, not a timing assertion.
const wait = 10 * time.Second

// start runs a receiver on 127.0.0.1 at a port the system picks.
func start(t *testing.T, cfg Config) *Receiver {
	t.Helper()
	return startQueue(t, cfg, QueueSize)
}

func startQueue(t *testing.T, cfg Config, queue int) *Receiver {
	t.Helper()
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	r, err := listen(cfg, queue)
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

// clientFrom is an HTTP client whose connections come from the loopback
// address ip, as a phone on another address would. It opens a new
// connection per request, as phones do. Systems that route only 127.0.0.1
// (macOS) skip the test.
func clientFrom(t *testing.T, ip string) *http.Client {
	t.Helper()
	local := &net.TCPAddr{IP: net.ParseIP(ip)}
	probe, err := net.ListenTCP("tcp", local)
	if err != nil {
		if errors.Is(err, syscall.EADDRNOTAVAIL) {
			t.Skipf("loopback address %s not usable here: %v", ip, err)
		}
		t.Fatalf("bind %s: %v", ip, err)
	}
	probe.Close()
	d := &net.Dialer{LocalAddr: local, Timeout: wait}
	return &http.Client{
		Timeout: wait,
		Transport: &http.Transport{
			Proxy:             nil,
			DialContext:       d.DialContext,
			DisableKeepAlives: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// get sends a GET and returns status and body.
func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, c, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) (int, string) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	return resp.StatusCode, string(body)
}

// mustStatus GETs url and fails the test unless it answers want.
func mustStatus(t *testing.T, c *http.Client, url string, want int) string {
	t.Helper()
	code, body := get(t, c, url)
	if code != want {
		t.Fatalf("GET %s = %d %q, want %d", url, code, body, want)
	}
	return body
}

// nextEvent takes one event off the receiver's queue.
func nextEvent(t *testing.T, r *Receiver) phone.Event {
	t.Helper()
	select {
	case ev, ok := <-r.Events():
		if !ok {
			t.Fatal("Events closed")
		}
		return ev
	case <-time.After(wait):
		t.Fatal("no event")
	}
	return phone.Event{}
}

// noEvent checks that nothing was queued. A request is queued before it is
// answered, so once the answer is in the queue's length is final.
func noEvent(t *testing.T, r *Receiver) {
	t.Helper()
	if n := len(r.Events()); n != 0 {
		t.Fatalf("%d events queued, want none: %+v", n, <-r.Events())
	}
}

// peerStats returns the Stats line of addr.
func peerStats(t *testing.T, r *Receiver, addr string) PeerStats {
	t.Helper()
	a := netip.MustParseAddr(addr)
	for _, p := range r.Stats().Peers {
		if p.Addr == a {
			return p
		}
	}
	t.Fatalf("no stats for %s in %+v", addr, r.Stats().Peers)
	return PeerStats{}
}

func prefixes(t *testing.T, ss ...string) []netip.Prefix {
	t.Helper()
	var out []netip.Prefix
	for _, s := range ss {
		p, err := ParsePrefix(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// freeze makes r use a clock the test controls.
func freeze(r *Receiver) *fakeClock {
	c := &fakeClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	r.mu.Lock()
	r.now = c.Now
	r.mu.Unlock()
	return c
}

// logBuffer collects a receiver's log output at debug level.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// decodeQuery is decodeParams into url.Values, the shape Parse takes.
func decodeQuery(raw string, into url.Values) {
	for _, p := range decodeParams(raw, nil) {
		into[p.key] = append(into[p.key], p.value)
	}
}
