package receiver

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"deskcti/phone"
)

// FuzzParse feeds arbitrary kinds and raw queries through the handler's
// query decoding and Parse. The seed corpus (testdata/fuzz/FuzzParse)
// holds what phones really send: SIP URIs, anonymous, empty values,
// unexpanded variables, UTF-8 and Latin-1 umlauts, duplicates, huge values.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, kind, raw string) {
		q := url.Values{}
		decodeQuery(raw, q)
		ev, err := Parse(kind, q, testPeer, testTime)
		// The handler parses the pairs in request order without the map:
		// it must read every request exactly as Parse does.
		direct, derr := parseParams(kind, decodeParams(raw, nil), testPeer, testTime)
		if (err == nil) != (derr == nil) || !reflect.DeepEqual(direct, ev) {
			t.Fatalf("handler's parse differs from Parse:\n%+v (%v)\n%+v (%v)", direct, derr, ev, err)
		}
		if err != nil {
			if _, known := phone.ParseEventKind(kind); known {
				t.Fatalf("known kind %q refused: %v", kind, err)
			}
			if msg := err.Error(); len(msg) > 3*MaxKeyBytes || !utf8.ValidString(msg) {
				t.Fatalf("error text not short, valid text: %q", msg)
			}
			return
		}
		fields := map[string]string{
			"call_id": ev.CallID, "remote": ev.Remote, "display": ev.Display, "local": ev.Local,
			"user": ev.User, "caller": ev.Caller, "called": ev.Called, "reason": ev.Reason,
		}
		for name, v := range fields {
			checkClean(t, name, v, MaxValueBytes)
		}
		if len(ev.Extra) > MaxExtra {
			t.Fatalf("%d extras", len(ev.Extra))
		}
		for k, vs := range ev.Extra {
			checkClean(t, "extra name", k, MaxKeyBytes)
			if _, known := fields[k]; known || k == "" || len(vs) != 1 {
				t.Fatalf("extra %q = %q", k, vs)
			}
			checkClean(t, "extra "+k, vs[0], MaxValueBytes)
		}
		// Parsing is idempotent: the event's own values parse to the same
		// event, so consumers may re-serialise events (journal, actions).
		again, err := Parse(kind, eventQuery(ev), testPeer, testTime)
		if err != nil || !reflect.DeepEqual(again, ev) {
			t.Fatalf("re-parse differs:\n%+v\n%+v (%v)", ev, again, err)
		}
	})
}

// checkClean asserts the invariants of one parsed value.
func checkClean(t *testing.T, name, v string, limit int) {
	t.Helper()
	switch {
	case len(v) > limit:
		t.Fatalf("%s: %d bytes, limit %d", name, len(v), limit)
	case !utf8.ValidString(v):
		t.Fatalf("%s: invalid UTF-8 %q", name, v)
	case strings.TrimSpace(v) != v:
		t.Fatalf("%s: not trimmed %q", name, v)
	case strings.ContainsFunc(v, unicode.IsControl):
		t.Fatalf("%s: control character in %q", name, v)
	case name != "extra name" && unexpanded(v):
		t.Fatalf("%s: unexpanded variable %q", name, v)
	}
}

// eventQuery turns an event back into the parameters it came from.
func eventQuery(ev phone.Event) url.Values {
	q := url.Values{}
	for k, v := range ev.Extra {
		q[k] = v
	}
	for k, v := range map[string]string{
		"v": string(ev.Vendor), "call_id": ev.CallID, "remote": ev.Remote, "display": ev.Display,
		"local": ev.Local, "user": ev.User, "caller": ev.Caller, "called": ev.Called, "reason": ev.Reason,
	} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// FuzzHandler sends arbitrary requests through the whole handler
// in-process: it must answer one of the documented status codes, never
// panic or block, and queue exactly one event for each 200 to an event URL.
func FuzzHandler(f *testing.F) {
	for _, seed := range [][3]string{
		{"GET", "/tok/event/incoming?v=snom&call_id=1&remote=sip%3A0221%40pbx&display=M%FCller", ""},
		{"GET", "/tok/event/incoming?remote=$remote&call_id=$call-id", ""},
		{"POST", "/tok/event/connected", "call_id=2&remote=anonymous&remote=x"},
		{"GET", "/event/incoming", ""},
		{"GET", "/", ""},
		{"GET", "/tok/", ""},
		{"GET", "/status", ""},
		{"HEAD", "/tok/probe/00", ""},
		{"GET", "/tok/event/ringing", ""},
		{"PUT", "/tok/event/incoming", "a"},
		{"GET", "/tok/event/incoming?" + strings.Repeat("x=%zz;&", 3000), ""},
		{"POST", "/tok/event/incoming", strings.Repeat("display=a&", 2000)},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	cfg, err := Config{Token: "tok", RatePerPeer: -1}.withDefaults()
	if err != nil {
		f.Fatal(err)
	}
	r := newReceiver(cfg, 1)
	codes := map[int]bool{200: true, 400: true, 403: true, 404: true, 405: true, 413: true, 429: true, 431: true, 503: true}
	f.Fuzz(func(t *testing.T, method, target, body string) {
		raw := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
			"Content-Length: %d\r\n\r\n%s", method, target, len(body), body)
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return // not a request a server would hand to the handler
		}
		req.RemoteAddr = "127.0.0.1:5060"
		rec := serve(r, req)
		if !codes[rec.Code] {
			t.Fatalf("%s %q: status %d %q", method, target, rec.Code, rec.Body)
		}
		queued := len(r.events)
		if queued > 0 {
			<-r.events
		}
		isEvent := rec.Code == 200 && strings.HasPrefix(req.URL.Path, "/tok/event/")
		if isEvent != (queued == 1) {
			t.Fatalf("%s %q: status %d, %d events queued", method, target, rec.Code, queued)
		}
	})
}
