package httpx

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"deskcti/phone"
)

func TestBasicAuthAndPreemptive(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) { p.scheme, p.user, p.pass = "basic", "admin", "pa:ss" })
	c := p.client(t, nil)
	if _, err := c.Get(context.Background(), "probe", "/servlet", "key=OK"); err != nil {
		t.Fatalf("first Get: %v", err)
	}
	reqs := p.requests()
	if len(reqs) != 2 || reqs[0].Authorization != "" || reqs[0].Status != 401 || reqs[1].Status != 200 {
		t.Fatalf("first Get: phone saw %+v, want a 401 then a 200", reqs)
	}
	p.reset()
	for range 3 {
		if _, err := c.Get(context.Background(), "probe", "/servlet", "key=OK"); err != nil {
			t.Fatalf("later Get: %v", err)
		}
	}
	reqs = p.requests()
	if len(reqs) != 3 {
		t.Fatalf("3 later Gets took %d requests, want 3 (pre-emptive Basic)", len(reqs))
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r.Authorization, "Basic ") || r.Status != 200 {
			t.Errorf("later request %+v not authenticated pre-emptively", r)
		}
	}
}

func TestDigestVariants(t *testing.T) {
	for _, tc := range []struct{ name, alg, qop, method string }{
		{"MD5 qop=auth", "MD5", "auth", http.MethodGet},
		{"no algorithm qop=auth", "", "auth", http.MethodGet},
		{"RFC 2069 without qop", "", "", http.MethodGet},
		{"RFC 2069 MD5 without qop", "MD5", "", http.MethodGet},
		{"MD5-sess", "MD5-sess", "auth", http.MethodGet},
		{"SHA-256", "SHA-256", "auth", http.MethodGet},
		{"SHA-256-sess", "SHA-256-sess", "auth", http.MethodGet},
		{"auth-int POST", "MD5", "auth-int", http.MethodPost},
		{"auth or auth-int", "SHA-256", "auth,auth-int", http.MethodPost},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPhone(t, false, func(p *testPhone) {
				p.scheme, p.user, p.pass, p.alg, p.qop = "digest", "admin", `p"a\ss`, tc.alg, tc.qop
			})
			c := p.client(t, nil)
			get := func() error {
				if tc.method == http.MethodPost {
					_, err := c.Post(context.Background(), "save", "/dummy.htm", "settings=save", "application/x-www-form-urlencoded", []byte("a=1&b=2"))
					return err
				}
				_, err := c.Get(context.Background(), "dial", "/command.htm", "number=%2A21%23")
				return err
			}
			if err := get(); err != nil {
				t.Fatalf("first request: %v", err)
			}
			if n := len(p.requests()); n != 2 {
				t.Fatalf("first request took %d round trips, want 2", n)
			}
			p.reset()
			if err := get(); err != nil {
				t.Fatalf("second request: %v", err)
			}
			reqs := p.requests()
			if len(reqs) != 1 || reqs[0].Status != 200 {
				t.Fatalf("second request: phone saw %+v, want one authorised request", reqs)
			}
			if tc.qop != "" && !strings.Contains(reqs[0].Authorization, "nc=00000002") {
				t.Errorf("pre-emptive digest did not count the nonce: %s", reqs[0].Authorization)
			}
		})
	}
}

func TestDigestStaleNonceIsAnsweredOnce(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) {
		p.scheme, p.user, p.pass, p.qop, p.alg, p.staleOnce = "digest", "admin", "secret", "auth", "MD5", true
	})
	c := p.client(t, nil)
	if _, err := c.Get(context.Background(), "dial", "/command.htm", "number=1"); err != nil {
		t.Fatalf("Get: %v", err)
	}
	reqs := p.requests()
	want := []int{401, 401, 200}
	if len(reqs) != len(want) {
		t.Fatalf("phone saw %d requests, want challenge, stale, success", len(reqs))
	}
	for i, r := range reqs {
		if r.Status != want[i] {
			t.Errorf("request %d answered %d, want %d", i, r.Status, want[i])
		}
	}
}

func TestPreemptiveDigestMeetsNewNonce(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) {
		p.scheme, p.user, p.pass, p.qop = "digest", "admin", "secret", "auth"
	})
	c := p.client(t, nil)
	if _, err := c.Get(context.Background(), "probe", "/settings.xml", ""); err != nil {
		t.Fatal(err)
	}
	p.forgetNonce() // the phone rebooted: it answers the old nonce with a plain challenge
	p.reset()
	if _, err := c.Get(context.Background(), "dial", "/command.htm", "number=1"); err != nil {
		t.Fatalf("Get after nonce change: %v", err)
	}
	reqs := p.requests()
	if len(reqs) != 2 || reqs[0].Status != 401 || reqs[1].Status != 200 {
		t.Errorf("phone saw %+v, want the pre-emptive 401 and one answer", reqs)
	}
}

func TestPhoneSwitchesFromDigestToBasic(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) { p.scheme, p.user, p.pass, p.qop = "digest", "admin", "secret", "auth" })
	c := p.client(t, nil)
	if _, err := c.Get(context.Background(), "probe", "/", ""); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.scheme = "basic" // http_scheme switched off on the phone
	p.mu.Unlock()
	p.reset()
	if _, err := c.Get(context.Background(), "probe", "/", ""); err != nil {
		t.Fatalf("Get after scheme change: %v", err)
	}
	if n := len(p.requests()); n != 2 {
		t.Errorf("took %d requests, want 2", n)
	}
}

func TestWrongPassword(t *testing.T) {
	for _, scheme := range []string{"basic", "digest"} {
		t.Run(scheme, func(t *testing.T) {
			p := newTestPhone(t, false, func(p *testPhone) { p.scheme, p.user, p.pass, p.qop = scheme, "admin", "right", "auth" })
			c := p.client(t, func(o *Options) { o.Password = "Wr0ngPassw0rd" })
			for call := range 2 {
				p.reset()
				resp, err := c.Get(context.Background(), "dial", "/command.htm", "number=1")
				var pe *phone.Error
				if !errors.As(err, &pe) || pe.Kind != phone.KindAuth || pe.Status != 401 || pe.Vendor != phone.Snom {
					t.Fatalf("call %d: error %v, want auth 401", call, err)
				}
				if resp == nil || resp.Status != 401 {
					t.Errorf("call %d: response %+v, want the 401", call, resp)
				}
				if n := len(p.requests()); n > 2 {
					t.Errorf("call %d: %d requests, want at most 2 (no guessing towards a lock-out)", call, n)
				}
				assertNoSecret(t, err, "admin", "Wr0ngPassw0rd")
			}
		})
	}
}

func TestNoCredentialsConfigured(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) { p.scheme, p.user, p.pass = "digest", "admin", "x" })
	c := p.client(t, func(o *Options) { o.User, o.Password = "", "" })
	_, err := c.Get(context.Background(), "probe", "/", "")
	if !phone.IsKind(err, phone.KindAuth) {
		t.Fatalf("error %v, want auth", err)
	}
	if n := len(p.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestUnsupportedScheme(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) { p.scheme = `Negotiate, Digest realm="x", nonce="n", algorithm=SHA-1024` })
	c := p.client(t, func(o *Options) { o.User, o.Password = "admin", "x" })
	_, err := c.Get(context.Background(), "probe", "/", "")
	if !phone.IsKind(err, phone.KindAuth) || !strings.Contains(err.Error(), "negotiate") {
		t.Fatalf("error %v, want auth naming the scheme", err)
	}
	if n := len(p.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestConcurrentDigest(t *testing.T) {
	p := newTestPhone(t, false, func(p *testPhone) { p.scheme, p.user, p.pass, p.qop = "digest", "admin", "secret", "auth" })
	c := p.client(t, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Get(context.Background(), "probe", "/settings.xml", "")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// The RFC examples pin the arithmetic to published answers.
func TestDigestKnownAnswers(t *testing.T) {
	for _, tc := range []struct {
		name, header, user, pass, uri, cnonce, want string
	}{
		{
			"RFC 2617 3.5",
			`Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"`,
			"Mufasa", "Circle Of Life", "/dir/index.html", "0a4f113b", "6629fae49393a05397450978507c4ef1",
		},
		{
			"RFC 7616 3.9.1 MD5",
			`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
			"Mufasa", "Circle of Life", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "8ca523f5e9506fed4657c9700eebdbec",
		},
		{
			"RFC 7616 3.9.1 SHA-256",
			`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
			"Mufasa", "Circle of Life", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
		},
		{
			// The inputs of RFC 2069's example; the answer was computed
			// independently (Python hashlib), as H(HA1:nonce:HA2).
			"RFC 2069 form",
			`Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"`,
			"Mufasa", "CircleOfLife", "/dir/index.html", "", "1949323746fe6a43ef61f9606e7febea",
		},
	} {
		mode, d, _ := pick(parseChallenges([]string{tc.header}))
		if mode != authDigest {
			t.Fatalf("%s: challenge not understood", tc.name)
		}
		h := d.authorize(tc.user, tc.pass, http.MethodGet, tc.uri, nil, tc.cnonce)
		if !strings.Contains(h, `response="`+tc.want+`"`) {
			t.Errorf("%s: %s\nwant response %s", tc.name, h, tc.want)
		}
		if d.qop != "" && !strings.Contains(h, "nc=00000001") {
			t.Errorf("%s: first use not nc=00000001: %s", tc.name, h)
		}
	}
}

func TestPickPrefersStrongestDigest(t *testing.T) {
	mode, d, _ := pick(parseChallenges([]string{
		`Basic realm="x"`,
		`Digest realm="x", nonce="a", algorithm=MD5, qop="auth", Digest realm="x", nonce="b", algorithm=SHA-256, qop="auth"`,
	}))
	if mode != authDigest || d.base != "SHA-256" || d.nonce != "b" {
		t.Errorf("picked %v %+v, want the SHA-256 digest", mode, d)
	}
	mode, _, _ = pick(parseChallenges([]string{`Basic realm="x"`, `Digest realm="x", nonce="a", qop="auth-conf"`}))
	if mode != authBasic {
		t.Errorf("picked %v, want Basic when the Digest cannot be answered", mode)
	}
}

func assertNoSecret(t *testing.T, err error, user, pass string) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	if strings.Contains(msg, pass) || strings.Contains(msg, basic) {
		t.Errorf("error leaks the credentials: %s", msg)
	}
}
