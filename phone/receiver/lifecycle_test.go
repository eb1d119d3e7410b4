package receiver

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestProbe(t *testing.T) {
	r := start(t, Config{Token: "tok", Allow: prefixes(t, "127.0.0.1")})
	path, got := r.ExpectProbe(time.Minute)
	if !strings.HasPrefix(path, "/probe/") || len(path) < len("/probe/")+32 {
		t.Fatalf("probe path %q", path)
	}
	url := r.BaseURL("127.0.0.1") + path
	mustStatus(t, clientFrom(t, "127.0.0.2"), url, http.StatusForbidden) // does not use it up
	mustStatus(t, clientFrom(t, "127.0.0.1"), "http://"+r.Addr().String()+path, http.StatusForbidden)
	mustStatus(t, clientFrom(t, "127.0.0.1"), url, http.StatusOK)
	select {
	case a := <-got:
		if a != netip.MustParseAddr("127.0.0.1") {
			t.Errorf("probe peer %v", a)
		}
	case <-time.After(wait):
		t.Fatal("probe peer not delivered")
	}
	if _, ok := <-got; ok {
		t.Error("probe channel delivered twice")
	}
	mustStatus(t, clientFrom(t, "127.0.0.1"), url, http.StatusNotFound)
	noEvent(t, r)
}

func TestProbeExpires(t *testing.T) {
	r := start(t, Config{})
	path, got := r.ExpectProbe(time.Millisecond)
	select {
	case a, ok := <-got:
		if ok {
			t.Fatalf("expired probe delivered %v", a)
		}
	case <-time.After(wait):
		t.Fatal("expired probe channel not closed")
	}
	mustStatus(t, clientFrom(t, "127.0.0.1"), r.BaseURL("")+path, http.StatusNotFound)
}

func TestCloseEndsEverything(t *testing.T) {
	r, err := Listen(Config{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	mustStatus(t, clientFrom(t, "127.0.0.1"), r.BaseURL("")+incoming, http.StatusOK)
	_, pending := r.ExpectProbe(time.Hour)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, ok := <-r.Events(); !ok {
		t.Error("queued event lost on Close")
	}
	if _, ok := <-r.Events(); ok {
		t.Error("Events not closed")
	}
	if _, ok := <-pending; ok {
		t.Error("pending probe not closed")
	}
	if _, late := r.ExpectProbe(time.Hour); late == nil {
		t.Error("probe after Close: nil channel")
	} else if _, ok := <-late; ok {
		t.Error("probe after Close delivered")
	}
	if _, err := net.Dial("tcp", r.Addr().String()); err == nil {
		t.Error("still listening after Close")
	}
	// A request that reaches the handler after Close is refused, not a panic.
	req := httptest.NewRequest(http.MethodGet, incoming, nil)
	req.RemoteAddr = "127.0.0.1:5060"
	if rec := serve(r, req); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("after Close: %d", rec.Code)
	}
}

func TestConnectionLimitPerPeer(t *testing.T) {
	r := start(t, Config{})
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range MaxConnsPerPeer {
		c, err := net.Dial("tcp", r.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	extra, err := net.Dial("tcp", r.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	_ = extra.SetReadDeadline(time.Now().Add(wait))
	if n, err := extra.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("connection over the limit: read %d, %v; want EOF", n, err)
	}
	if ps := peerStats(t, r, "127.0.0.1"); ps.Refused != 1 || !strings.Contains(ps.LastError, "connections") {
		t.Errorf("stats %+v", ps)
	}
	// Another address is not affected, and a slot comes back on close.
	mustStatus(t, clientFrom(t, "127.0.0.2"), r.BaseURL("")+"/", http.StatusOK)
	conns[0].Close()
	ok := false
	for deadline := time.Now().Add(wait); !ok && time.Now().Before(deadline); {
		// The server notices the close asynchronously; retry until it has.
		resp, err := clientFrom(t, "127.0.0.1").Get(r.BaseURL("") + "/")
		if err == nil {
			resp.Body.Close()
			ok = resp.StatusCode == http.StatusOK
		}
		if !ok {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if !ok {
		t.Error("slot not given back after a connection closed")
	}
}
