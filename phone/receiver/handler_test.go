package receiver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"
)

// serve runs one request through the handler in-process (for what needs
// many peer addresses or none of the network).
func serve(r *Receiver, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	return rec
}

func TestTestPage(t *testing.T) {
	r := start(t, Config{})
	c := clientFrom(t, "127.0.0.1")
	resp, err := c.Get(r.BaseURL("") + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<TAPI>Receive OK</TAPI>") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET / = %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if !strings.Contains(string(body), "127.0.0.1") {
		t.Errorf("test page does not show the peer address: %q", body)
	}
	req, _ := http.NewRequest(http.MethodHead, r.BaseURL("")+"/", nil)
	if code, _ := do(t, c, req); code != 200 {
		t.Errorf("HEAD / = %d", code)
	}
	req, _ = http.NewRequest(http.MethodPost, r.BaseURL("")+"/", nil)
	if code, _ := do(t, c, req); code != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d", code)
	}
	noEvent(t, r)
}

func TestMalformedAndUnknown(t *testing.T) {
	r := start(t, Config{})
	base := r.BaseURL("")
	c := clientFrom(t, "127.0.0.1")
	for _, path := range []string{"/event/ringing?call_id=1", "/event/", "/event/incoming/extra", "/event/INCOMING"} {
		body := mustStatus(t, c, base+path, http.StatusBadRequest)
		if !strings.Contains(body, "unknown event kind") || len(body) > 200 {
			t.Errorf("GET %s: body %q", path, body)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/event/incoming", strings.NewReader(`{"remote":"1"}`))
	req.Header.Set("Content-Type", "application/json")
	if code, body := do(t, c, req); code != http.StatusBadRequest {
		t.Errorf("JSON POST: %d %q", code, body)
	}
	req, _ = http.NewRequest(http.MethodPut, base+"/event/incoming", nil)
	if code, _ := do(t, c, req); code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d", code)
	}
	ps := peerStats(t, r, "127.0.0.1")
	if ps.Errors != 6 || ps.Received != 0 || !strings.Contains(ps.LastError, "PUT") {
		t.Errorf("stats %+v, want 6 errors", ps)
	}
	for _, path := range []string{"/events/incoming", "/event", "/favicon.ico", "/status/x", "//event/incoming"} {
		mustStatus(t, c, base+path, http.StatusNotFound)
	}
	if ps := peerStats(t, r, "127.0.0.1"); ps.Errors != 6 || ps.Requests != 11 {
		t.Errorf("404s counted as errors: %+v", ps)
	}
	noEvent(t, r)
}

func TestPostForm(t *testing.T) {
	r := start(t, Config{})
	c := clientFrom(t, "127.0.0.1")
	form := "call_id=p1&remote=0221123&display=M%FCller&remote=ignored"
	for _, ct := range []string{"application/x-www-form-urlencoded", ""} {
		req, _ := http.NewRequest(http.MethodPost, r.BaseURL("")+"/event/incoming?v=yealink&call_id=fromquery",
			strings.NewReader(form))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if code, body := do(t, c, req); code != 200 || body != "OK\n" {
			t.Fatalf("POST (%q) = %d %q", ct, code, body)
		}
		ev := nextEvent(t, r)
		if ev.CallID != "fromquery" || ev.Remote != "0221123" || ev.Display != "Müller" || ev.Vendor != "yealink" {
			t.Errorf("POST (%q) event %+v", ct, ev)
		}
	}
}

func TestRateLimit(t *testing.T) {
	r := start(t, Config{RatePerPeer: 1}) // burst 2
	clk := freeze(r)
	c := clientFrom(t, "127.0.0.1")
	url := r.BaseURL("") + incoming
	mustStatus(t, c, url, http.StatusOK)
	mustStatus(t, c, url, http.StatusOK)
	mustStatus(t, c, url, http.StatusTooManyRequests)
	mustStatus(t, c, r.BaseURL("")+"/", http.StatusTooManyRequests) // every request counts
	mustStatus(t, clientFrom(t, "127.0.0.2"), url, http.StatusOK)   // per peer
	ps := peerStats(t, r, "127.0.0.1")
	if ps.Received != 2 || ps.Refused != 2 || !strings.Contains(ps.LastError, "rate") {
		t.Errorf("stats %+v", ps)
	}
	clk.Add(time.Second) // one token back
	mustStatus(t, c, url, http.StatusOK)
	mustStatus(t, c, url, http.StatusTooManyRequests)
	mustStatus(t, c, r.BaseURL("")+"/status", http.StatusOK) // not limited
	if n := len(r.Events()); n != 4 {
		t.Errorf("%d events queued, want 4", n)
	}
}

func TestNoRateLimit(t *testing.T) {
	r := start(t, Config{RatePerPeer: -1})
	freeze(r)
	c := clientFrom(t, "127.0.0.1")
	for range 300 {
		mustStatus(t, c, r.BaseURL("")+incoming, http.StatusOK)
	}
}

func TestOversizedRequests(t *testing.T) {
	r := start(t, Config{})
	c := clientFrom(t, "127.0.0.1")
	base := r.BaseURL("")
	// Over the limit but within http.Server's slack: the handler refuses.
	mustStatus(t, c, base+incoming+"&x="+strings.Repeat("a", 17<<10), http.StatusRequestHeaderFieldsTooLarge)
	if ps := peerStats(t, r, "127.0.0.1"); ps.Errors != 1 || !strings.Contains(ps.LastError, "limit") {
		t.Errorf("stats %+v", ps)
	}
	// Far over: http.Server answers 431 before the handler and closes the
	// connection; the unread rest of the request may make the system reset
	// it before the client reads the answer. Either way it is refused.
	resp, err := c.Get(base + incoming + "&x=" + strings.Repeat("a", 64<<10))
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("64 KiB URL: %d", resp.StatusCode)
		}
	} else if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("64 KiB URL: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, base+incoming, nil)
	req.Header.Set("X-Big", strings.Repeat("b", 17<<10))
	if code, _ := do(t, c, req); code != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("big header: %d", code)
	}
	for _, chunked := range []bool{false, true} {
		var body io.Reader = bytes.NewReader(bytes.Repeat([]byte("a"), 20<<10))
		if chunked {
			body = io.MultiReader(body) // unknown length: sent chunked
		}
		req, _ = http.NewRequest(http.MethodPost, base+"/event/incoming", body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if code, _ := do(t, c, req); code != http.StatusRequestEntityTooLarge {
			t.Errorf("big body (chunked %v): %d", chunked, code)
		}
	}
	noEvent(t, r)
	// Just under the limit is fine.
	mustStatus(t, c, base+incoming+"&x="+strings.Repeat("a", 15<<10), http.StatusOK)
	nextEvent(t, r)
}

func TestFullQueueAnswers503(t *testing.T) {
	r := startQueue(t, Config{}, 2)
	c := clientFrom(t, "127.0.0.1")
	url := r.BaseURL("") + incoming
	mustStatus(t, c, url, http.StatusOK)
	mustStatus(t, c, url, http.StatusOK)
	body := mustStatus(t, c, url, http.StatusServiceUnavailable) // does not wait for a reader
	if !strings.Contains(body, "queue full") {
		t.Errorf("503 body %q", body)
	}
	if ps := peerStats(t, r, "127.0.0.1"); ps.Received != 2 || ps.Errors != 1 {
		t.Errorf("stats %+v", ps)
	}
	if st := r.Stats(); st.Queued != 2 {
		t.Errorf("Stats.Queued = %d", st.Queued)
	}
	nextEvent(t, r)
	mustStatus(t, c, url, http.StatusOK)
}

func TestPeerTableIsBounded(t *testing.T) {
	r := newReceiver(mustDefaults(t, Config{Allow: prefixes(t, "10.0.0.0/8")}), 16)
	request := func(peer, target string) int {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.RemoteAddr = peer + ":5060"
		return serve(r, req).Code
	}
	if code := request("10.0.0.1", incoming); code != 200 {
		t.Fatalf("phone: %d", code)
	}
	// A scan from 400 addresses, half of them outside the allow list.
	for i := range 400 {
		peer := fmt.Sprintf("10.1.%d.%d", i/200, i%200)
		if i%2 == 1 {
			peer = fmt.Sprintf("192.168.%d.%d", i/200, i%200)
		}
		request(peer, "/event/bogus")
	}
	st := r.Stats()
	if len(st.Peers) != MaxPeers || st.PeersDropped != 401-MaxPeers {
		t.Errorf("%d peers kept, %d dropped", len(st.Peers), st.PeersDropped)
	}
	if st.Totals.Requests != 401 || st.Totals.Refused != 200 || st.Totals.Errors != 200 || st.Totals.Received != 1 {
		t.Errorf("totals %+v", st.Totals)
	}
	found := false
	for _, p := range st.Peers {
		found = found || p.Addr == netip.MustParseAddr("10.0.0.1")
	}
	if !found {
		t.Error("the phone was evicted by scanners that never sent an event")
	}
}

func mustDefaults(t *testing.T, cfg Config) Config {
	t.Helper()
	c, err := cfg.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An event URL as phone.EventURL writes it, with every value escaped,
// survives the round trip through the handler.
func TestEscapedRoundTrip(t *testing.T) {
	r := start(t, Config{})
	q := url.Values{"v": {"snom"}, "call_id": {"a&b=c"}, "remote": {"sip:+49 221 123@pbx"}, "display": {"Ünal & Söhne; 100%"}}
	mustStatus(t, clientFrom(t, "127.0.0.1"), r.BaseURL("")+"/event/incoming?"+q.Encode(), http.StatusOK)
	ev := nextEvent(t, r)
	if ev.CallID != "a&b=c" || ev.Remote != "sip:+49 221 123@pbx" || ev.Display != "Ünal & Söhne; 100%" {
		t.Errorf("event %+v", ev)
	}
}
