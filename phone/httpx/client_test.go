package httpx

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"deskcti/phone"
)

func TestRawQueryReachesThePhoneByteExact(t *testing.T) {
	p := newTestPhone(t, false, nil)
	c := p.client(t, nil)
	cases := []struct{ path, query string }{
		{"/command.htm", "number=%2A21%23"},
		{"/command.htm", "number=0221%2A5&outgoing_uri=201%40pbx.example"},
		{"/command.htm", "key=TRANSFER;1;2;%23;ENTER"},
		{"/command.htm", "key=F_HOLD,500,200"},
		{"/command.htm", "RELEASE_ALL_CALLS"},
		{"/servlet", "key=number=0221&outgoing_uri=201@pbx"},
		{"/servlet", "key=phonecfg=get&accounts=1&dnd=1&fw=1"},
		{"/servlet", "z=1&a=2&m=%2a%2B+"}, // order and case of escapes kept, '+' not turned into a space
		{"/dummy.htm", "settings=save&a=http%3A%2F%2Fpc%3A8080%2F%3Fx%3D1%26y%3D%24remote"},
		{"/servlet", "key=OK"},
		{"/settings.xml", ""},
	}
	for _, tc := range cases {
		p.reset()
		resp, err := c.Get(context.Background(), "test", tc.path, tc.query)
		if err != nil {
			t.Fatalf("Get %s?%s: %v", tc.path, tc.query, err)
		}
		if resp.Status != http.StatusOK || string(resp.Body) != "ok" {
			t.Fatalf("Get %s?%s: answer %d %q", tc.path, tc.query, resp.Status, resp.Body)
		}
		reqs := p.requests()
		if len(reqs) != 1 {
			t.Fatalf("Get %s?%s: phone saw %d requests, want 1", tc.path, tc.query, len(reqs))
		}
		if reqs[0].RawQuery != tc.query || reqs[0].Path != tc.path {
			t.Errorf("on the wire: path %q query %q, want %q %q", reqs[0].Path, reqs[0].RawQuery, tc.path, tc.query)
		}
		want := tc.path
		if tc.query != "" {
			want += "?" + tc.query
		}
		if reqs[0].RequestURI != want {
			t.Errorf("request target %q, want %q", reqs[0].RequestURI, want)
		}
	}
}

func TestMalformedTargetIsRefusedBeforeSending(t *testing.T) {
	p := newTestPhone(t, false, nil)
	c := p.client(t, nil)
	for _, tc := range []struct{ path, query string }{
		{"/command.htm", "number=*21#"},
		{"/command.htm", "number=1 2"},
		{"/command.htm", "number=%2"},
		{"/command.htm", "number=%zz"},
		{"command.htm", "number=1"},
		{"/comm and.htm", ""},
		{"/command.htm", "number=\u00e41"},
	} {
		_, err := c.Get(context.Background(), "dial", tc.path, tc.query)
		if err == nil {
			t.Errorf("Get %q %q: no error", tc.path, tc.query)
		}
	}
	if n := len(p.requests()); n != 0 {
		t.Errorf("phone saw %d requests, want none", n)
	}
}

func TestRedirectIsReturnedNotFollowed(t *testing.T) {
	var index atomic.Int32
	p := newTestPhone(t, false, func(p *testPhone) {
		p.handle = func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/index.htm" {
				index.Add(1)
				return
			}
			http.Redirect(w, r, "/index.htm", http.StatusFound)
		}
	})
	c := p.client(t, nil)
	resp, err := c.Get(context.Background(), "dial", "/command.htm", "number=123")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if resp.Status != http.StatusFound || resp.Header.Get("Location") != "/index.htm" {
		t.Errorf("answer %d Location %q, want 302 /index.htm", resp.Status, resp.Header.Get("Location"))
	}
	if index.Load() != 0 || len(p.requests()) != 1 {
		t.Errorf("redirect followed: index.htm %d times, %d requests", index.Load(), len(p.requests()))
	}
}

func TestStatusKinds(t *testing.T) {
	for _, tc := range []struct {
		status int
		kind   phone.Kind
	}{
		{http.StatusForbidden, phone.KindForbidden},
		{http.StatusNotFound, phone.KindBadResponse},
		{http.StatusInternalServerError, phone.KindBadResponse},
		{http.StatusBadRequest, phone.KindBadResponse},
	} {
		p := newTestPhone(t, false, func(p *testPhone) {
			p.handle = func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, "body of the refusal")
			}
		})
		c := p.client(t, func(o *Options) { o.Vendor = phone.Yealink })
		resp, err := c.Get(context.Background(), "dial", "/servlet", "key=OK")
		var pe *phone.Error
		if !errors.As(err, &pe) {
			t.Fatalf("status %d: error %v, want *phone.Error", tc.status, err)
		}
		if pe.Kind != tc.kind || pe.Status != tc.status || pe.Vendor != phone.Yealink || pe.Op != "dial" {
			t.Errorf("status %d: got %+v", tc.status, pe)
		}
		// The answer comes with the error so that drivers can interpret it.
		if resp == nil || resp.Status != tc.status || string(resp.Body) != "body of the refusal" {
			t.Errorf("status %d: response %+v", tc.status, resp)
		}
	}
}

func TestTimeoutSendsExactlyOnce(t *testing.T) {
	release := make(chan struct{})
	p := newTestPhone(t, false, func(p *testPhone) {
		p.handle = func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}
	})
	defer close(release)
	c := p.client(t, func(o *Options) { o.Timeout = 300 * time.Millisecond })
	_, err := c.Get(context.Background(), "dial", "/command.htm", "number=123")
	if !phone.IsKind(err, phone.KindTimeout) {
		t.Fatalf("error %v, want timeout", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if n := len(p.requests()); n != 1 {
		t.Errorf("phone saw %d requests, want exactly 1", n)
	}
}

func TestCallerDeadlineIsHonoured(t *testing.T) {
	release := make(chan struct{})
	p := newTestPhone(t, false, func(p *testPhone) {
		p.handle = func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}
	})
	defer close(release)
	c := p.client(t, func(o *Options) { o.Timeout = time.Minute })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Get(ctx, "dial", "/command.htm", "number=1")
	if !phone.IsKind(err, phone.KindTimeout) {
		t.Fatalf("error %v, want timeout", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = c.Get(ctx, "dial", "/command.htm", "number=1")
	if !errors.Is(err, context.Canceled) || phone.KindOf(err) != phone.KindOther {
		t.Errorf("cancelled: error %v kind %v, want context.Canceled, other", err, phone.KindOf(err))
	}
}

// A phone that drops the connection after reading the request may have
// acted on it; net/http would replay a GET on a reused connection, the
// client must not.
func TestDroppedConnectionIsNotReplayed(t *testing.T) {
	var n atomic.Int32
	p := newTestPhone(t, false, func(p *testPhone) {
		p.handle = func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				_, _ = io.WriteString(w, "first")
				return
			}
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
		}
	})
	c := p.client(t, nil)
	if _, err := c.Get(context.Background(), "probe", "/settings.xml", ""); err != nil {
		t.Fatalf("first Get: %v", err)
	}
	_, err := c.Get(context.Background(), "dial", "/command.htm", "number=1")
	if err == nil {
		t.Fatal("second Get: no error for a dropped connection")
	}
	if got := n.Load(); got != 2 {
		t.Errorf("phone handled %d requests, want 2 (the dropped one must not be replayed)", got)
	}
}

func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := New(Options{Vendor: phone.Snom, BaseURL: addr, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "dial", "/command.htm", "number=1")
	var pe *phone.Error
	if !errors.As(err, &pe) || pe.Kind != phone.KindUnreachable || pe.Vendor != phone.Snom || pe.Op != "dial" || pe.Status != 0 {
		t.Fatalf("error %#v, want unreachable", err)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("cause not wrapped: %v", err)
	}
}

func TestClassify(t *testing.T) {
	dialTimeout := &net.OpError{Op: "dial", Net: "tcp", Err: timeoutErr{}}
	readTimeout := &net.OpError{Op: "read", Net: "tcp", Err: timeoutErr{}}
	for _, tc := range []struct {
		name string
		err  error
		kind phone.Kind
	}{
		{"dns", &net.DNSError{Err: "no such host", Name: "phone.invalid", IsNotFound: true}, phone.KindUnreachable},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}, phone.KindUnreachable},
		{"connect timeout", dialTimeout, phone.KindUnreachable},
		{"read timeout", readTimeout, phone.KindTimeout},
		{"deadline", context.DeadlineExceeded, phone.KindTimeout},
		{"canceled", context.Canceled, phone.KindOther},
		{"changed", &certError{kind: phone.KindFingerprintChanged, presented: "AA"}, phone.KindFingerprintChanged},
		{"untrusted", &certError{kind: phone.KindUntrustedCertificate, presented: "AA"}, phone.KindUntrustedCertificate},
		{"plain http", errors.New("http: server gave HTTP response to HTTPS client"), phone.KindBadResponse},
		{"eof", io.EOF, phone.KindOther},
	} {
		pe := classify(phone.Yealink, "probe", tc.err)
		if pe.Kind != tc.kind || pe.Vendor != phone.Yealink || pe.Op != "probe" {
			t.Errorf("%s: %+v, want kind %v", tc.name, pe, tc.kind)
		}
		if !errors.Is(pe, tc.err) {
			t.Errorf("%s: cause not wrapped", tc.name)
		}
		if tc.kind == phone.KindFingerprintChanged && pe.Fingerprint != "AA" {
			t.Errorf("%s: fingerprint %q", tc.name, pe.Fingerprint)
		}
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestPostSendsBody(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) {
		p.handle = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"ret":"ok","ct":"`+r.Header.Get("Content-Type")+`"}`)
		}
	})
	c := p.client(t, nil)
	resp, err := c.Post(context.Background(), "probe", "/api/common/info", "p=Login", "application/json", []byte(`{"idlist":["wui"]}`))
	if err != nil {
		t.Fatal(err)
	}
	reqs := p.requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Body != `{"idlist":["wui"]}` || reqs[0].RawQuery != "p=Login" {
		t.Errorf("phone saw %+v", reqs)
	}
	if !strings.Contains(string(resp.Body), `"ct":"application/json"`) {
		t.Errorf("content type not sent: %s", resp.Body)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{
		{BaseURL: ""},
		{BaseURL: "ftp://phone"},
		{BaseURL: "http://"},
		{BaseURL: "http://admin:s3cret@phone"},
		{BaseURL: "http://phone/index.htm"},
		{BaseURL: "phone", Fingerprint: "AB:CD"},
	} {
		_, err := New(o)
		if err == nil {
			t.Errorf("New(%+v): no error", o)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("error repeats the password: %v", err)
		}
	}
}
