package phonesim

import (
	"net/http"
	"strings"
	"testing"

	"deskcti/phone"
)

func TestDigestAuth(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, User: "admin", Password: "s3cret"})

	c := newClient(t, s, "admin", "s3cret")
	c.mustGet("/command.htm?key=CANCEL", http.StatusFound)
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Status != 401 || reqs[0].Authorized || reqs[1].Status != 302 || !reqs[1].Authorized {
		t.Fatalf("requests = %+v, want a 401 challenge then an authorized 302", reqs)
	}
	if len(s.Actions()) != 1 {
		t.Errorf("actions = %d, want 1", len(s.Actions()))
	}

	// The challenge as phones.md describes it.
	resp := c.send(http.MethodGet, "/command.htm?key=CANCEL", "", "", "")
	resp.Body.Close()
	ch := resp.Header.Get("WWW-Authenticate")
	for _, want := range []string{`Digest `, `realm="snom"`, `qop="auth"`, `nonce="`, `algorithm=MD5`} {
		if !strings.Contains(ch, want) {
			t.Errorf("challenge %q lacks %q", ch, want)
		}
	}

	// A wrong password gets a fresh challenge, never access.
	bad := newClient(t, s, "admin", "wrong")
	status, h, _ := bad.get("/command.htm?number=123")
	if status != http.StatusUnauthorized || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Digest ") {
		t.Fatalf("wrong password: status %d, challenge %q", status, h.Get("WWW-Authenticate"))
	}
	if s.LastDialed() != "" {
		t.Errorf("dialed %q with a wrong password", s.LastDialed())
	}
	wrongUser := newClient(t, s, "root", "s3cret")
	if status, _, _ := wrongUser.get("/settings.xml"); status != http.StatusUnauthorized {
		t.Errorf("wrong user: status %d, want 401", status)
	}
}

func TestDigestNonceReuseAndReplay(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, User: "admin", Password: "pw"})
	c := newClient(t, s, "admin", "pw")
	resp := c.send(http.MethodGet, "/settings.xml", "", "", "")
	resp.Body.Close()
	nonce := challengeParam.FindAllStringSubmatch(resp.Header.Get("WWW-Authenticate"), -1)
	var n string
	for _, m := range nonce {
		if m[1] == "nonce" {
			n = m[2]
		}
	}
	if n == "" {
		t.Fatal("no nonce in challenge")
	}
	send := func(uri string, nc int, pass string) int {
		r := c.send(http.MethodGet, uri, "", "", digestHeader("admin", pass, "snom", n, "GET", uri, nc, "abcdef"))
		r.Body.Close()
		return r.StatusCode
	}
	if got := send("/settings.xml", 1, "pw"); got != 200 {
		t.Fatalf("first use of nonce: %d", got)
	}
	if got := send("/settings.xml", 1, "pw"); got != 401 {
		t.Errorf("replayed nc: %d, want 401", got)
	}
	if got := send("/settings.xml", 2, "pw"); got != 200 {
		t.Errorf("next nc on same nonce: %d, want 200", got)
	}
	if got := send("/settings.xml", 3, "nope"); got != 401 {
		t.Errorf("wrong password with valid nonce: %d, want 401", got)
	}
	// The response covers the URI: a header made for another URI fails.
	r := c.send(http.MethodGet, "/command.htm?number=666", "", "", digestHeader("admin", "pw", "snom", n, "GET", "/settings.xml", 4, "x"))
	r.Body.Close()
	if r.StatusCode != 401 || s.LastDialed() != "" {
		t.Errorf("digest for another uri: %d, dialed %q", r.StatusCode, s.LastDialed())
	}
	// An unknown nonce with a correct response is stale.
	r = c.send(http.MethodGet, "/settings.xml", "", "", digestHeader("admin", "pw", "snom", "deadbeef", "GET", "/settings.xml", 1, "x"))
	r.Body.Close()
	if r.StatusCode != 401 || !strings.Contains(r.Header.Get("WWW-Authenticate"), "stale=true") {
		t.Errorf("unknown nonce: %d %q, want 401 stale", r.StatusCode, r.Header.Get("WWW-Authenticate"))
	}
	// Basic credentials do not open a Digest phone.
	basic := c.send(http.MethodGet, "/settings.xml", "", "", "Basic YWRtaW46cHc=")
	basic.Body.Close()
	if basic.StatusCode != 401 {
		t.Errorf("basic on digest phone: %d", basic.StatusCode)
	}
}

func TestBasicAuth(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  Options
		realm string
	}{
		{"snom", Options{Vendor: phone.Snom, Auth: AuthBasic, User: "admin", Password: "pw"}, `Basic realm="snom"`},
		{"yealink", Options{Vendor: phone.Yealink, User: "admin", Password: "pw"}, `Basic realm="Yealink"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, tc.opts)
			anon := newClient(t, s, "", "")
			status, h, _ := anon.get("/")
			if status != 401 || h.Get("WWW-Authenticate") != tc.realm {
				t.Fatalf("no credentials: %d %q, want 401 %q", status, h.Get("WWW-Authenticate"), tc.realm)
			}
			if status, _, _ := newClient(t, s, "admin", "wrong").get("/"); status != 401 {
				t.Errorf("wrong password: %d, want 401", status)
			}
			if status, _, _ := newClient(t, s, "admin", "pw").get("/"); status != 200 {
				t.Errorf("right password: %d, want 200", status)
			}
			digest := newClient(t, s, "admin", "pw").send(http.MethodGet, "/", "", "",
				digestHeader("admin", "pw", "snom", "n", "GET", "/", 1, "c"))
			digest.Body.Close()
			if digest.StatusCode != 401 {
				t.Errorf("digest on a basic phone: %d, want 401", digest.StatusCode)
			}
		})
	}
}

func TestNoPasswordNoChallenge(t *testing.T) {
	s := snomOpen(t)
	newClient(t, s, "", "").mustGet("/command.htm?key=DND", http.StatusFound)
	if r := s.Requests(); len(r) != 1 || !r[0].Authorized || !s.DND() {
		t.Fatalf("factory-reset phone: requests %+v, DND %v", r, s.DND())
	}
}
