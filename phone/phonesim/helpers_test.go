package phonesim

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"deskcti/phone"
)

// start runs a sim for the test and closes it afterwards.
func start(t *testing.T, o Options) *Sim {
	t.Helper()
	s, err := Start(o)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func snomOpen(t *testing.T) *Sim { return start(t, Options{Vendor: phone.Snom}) }

func yealinkOpen(t *testing.T) *Sim { return start(t, Options{Vendor: phone.Yealink}) }

// client talks to a sim like a driver would, but written independently of
// the sim's code: it does not follow redirects (to see the 302) and answers
// Basic or Digest challenges itself.
type client struct {
	t          *testing.T
	base       string
	user, pass string
	hc         *http.Client
	nc         int
}

func newClient(t *testing.T, s *Sim, user, pass string) *client {
	return &client{t: t, base: s.URL(), user: user, pass: pass, hc: &http.Client{
		Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
	}}
}

// get sends GET base+pathQuery (path and raw query exactly as given),
// answering one authentication challenge, and returns status, headers and
// body of the final answer.
func (c *client) get(pathQuery string) (int, http.Header, string) {
	return c.do(http.MethodGet, pathQuery, "", "")
}

func (c *client) do(method, pathQuery, contentType, body string) (int, http.Header, string) {
	c.t.Helper()
	resp := c.send(method, pathQuery, contentType, body, "")
	if resp.StatusCode == http.StatusUnauthorized && c.user != "" {
		auth := c.authorization(method, pathQuery, resp.Header.Get("WWW-Authenticate"))
		resp.Body.Close()
		resp = c.send(method, pathQuery, contentType, body, auth)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("read %s: %v", pathQuery, err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func (c *client) send(method, pathQuery, contentType, body, auth string) *http.Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+pathQuery, strings.NewReader(body))
	if err != nil {
		c.t.Fatalf("request %s: %v", pathQuery, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, pathQuery, err)
	}
	return resp
}

var challengeParam = regexp.MustCompile(`(\w+)=(?:"([^"]*)"|([^\s,]+))`)

// authorization answers a challenge: Basic, or Digest MD5 with qop=auth
// computed here from RFC 7616, independently of the sim's verifier.
func (c *client) authorization(method, pathQuery, challenge string) string {
	if strings.HasPrefix(challenge, "Basic") {
		req, _ := http.NewRequest(method, "http://x/", nil)
		req.SetBasicAuth(c.user, c.pass)
		return req.Header.Get("Authorization")
	}
	p := map[string]string{}
	for _, m := range challengeParam.FindAllStringSubmatch(challenge, -1) {
		p[m[1]] = m[2] + m[3]
	}
	c.nc++
	return digestHeader(c.user, c.pass, p["realm"], p["nonce"], method, pathQuery, c.nc, randomHex())
}

func digestHeader(user, pass, realm, nonce, method, uri string, nc int, cnonce string) string {
	h := func(s string) string { sum := md5.Sum([]byte(s)); return hex.EncodeToString(sum[:]) }
	ncs := fmt.Sprintf("%08x", nc)
	resp := h(h(user+":"+realm+":"+pass) + ":" + nonce + ":" + ncs + ":" + cnonce + ":auth:" + h(method+":"+uri))
	return fmt.Sprintf(`Digest username=%q, realm=%q, nonce=%q, uri=%q, algorithm=MD5, qop=auth, nc=%s, cnonce=%q, response=%q`,
		user, realm, nonce, uri, ncs, cnonce, resp)
}

func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// mustGet fails the test unless the answer has the wanted status.
func (c *client) mustGet(pathQuery string, want int) string {
	c.t.Helper()
	status, _, body := c.get(pathQuery)
	if status != want {
		c.t.Fatalf("GET %s: status %d, want %d (body %q)", pathQuery, status, want, body)
	}
	return body
}

// newReceiver runs a Recorder for the test.
func newReceiver(t *testing.T) *Recorder {
	t.Helper()
	rc, err := StartRecorder()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Close() })
	return rc
}

// deadURL is an http URL on loopback where nothing listens.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + ln.Addr().String() + "/x"
	ln.Close() // nothing listens there any more
	return u
}

// waitFired waits for n fired and delivered Action URLs.
func waitFired(t *testing.T, s *Sim, n int) {
	t.Helper()
	if !s.WaitFired(n, 5*time.Second) {
		t.Fatalf("WaitFired(%d): fired %q", n, s.Fired())
	}
}

// calls returns the sim's calls as "state:remote" strings, oldest first.
func calls(s *Sim) string {
	var parts []string
	for _, c := range s.Calls() {
		parts = append(parts, string(c.State)+":"+c.Remote)
	}
	return strings.Join(parts, ",")
}
