package httpx

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/phone"
)

// seen is one request a test phone received.
type seen struct {
	Method, Path, RawQuery, RequestURI, Authorization string
	Body                                              string
	Status                                            int
}

// testPhone is an httptest server that authenticates like a phone, written
// independently of the client's digest code so that the two check each
// other. Its zero configuration asks for nothing.
type testPhone struct {
	t      *testing.T
	srv    *httptest.Server
	scheme string // "", "basic", "digest", or anything else to send as is
	user   string
	pass   string
	alg    string // Digest algorithm as announced, "" = none
	qop    string // Digest qop as announced, "" = RFC 2069
	// staleOnce answers the first correct Digest response with 401
	// stale=true and a fresh nonce.
	staleOnce bool
	// handle answers authorised requests; default 200 "ok".
	handle http.HandlerFunc

	mu     sync.Mutex
	reqs   []seen
	nonce  string
	usedNC map[string]bool
	staled bool
	opaque string
	realm  string
}

func newTestPhone(t *testing.T, tlsOn bool, configure func(p *testPhone)) *testPhone {
	t.Helper()
	p := &testPhone{t: t, realm: "snom", opaque: "op/aque=", usedNC: map[string]bool{}}
	if configure != nil {
		configure(p)
	}
	p.nonce = p.newNonce()
	p.srv = httptest.NewUnstartedServer(p)
	// Refused certificates and dropped connections are what the tests
	// provoke; their log lines are noise.
	p.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if tlsOn {
		p.srv.StartTLS()
	} else {
		p.srv.Start()
	}
	t.Cleanup(p.srv.Close)
	return p
}

func (p *testPhone) newNonce() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// forgetNonce makes the phone issue a new nonce without marking the old one
// stale, as a phone does after a reboot.
func (p *testPhone) forgetNonce() {
	p.mu.Lock()
	p.nonce = p.newNonce()
	p.usedNC = map[string]bool{}
	p.mu.Unlock()
}

func (p *testPhone) requests() []seen {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]seen(nil), p.reqs...)
}

func (p *testPhone) reset() {
	p.mu.Lock()
	p.reqs = nil
	p.mu.Unlock()
}

func (p *testPhone) client(t *testing.T, mod func(o *Options)) *Client {
	t.Helper()
	o := Options{Vendor: phone.Snom, BaseURL: p.srv.URL, User: p.user, Password: p.pass,
		Timeout: 2 * time.Second, ConnectTimeout: time.Second}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func (p *testPhone) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s := seen{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, RequestURI: r.RequestURI,
		Authorization: r.Header.Get("Authorization"), Body: string(body)}
	p.mu.Lock()
	idx := len(p.reqs)
	p.reqs = append(p.reqs, s)
	ok, stale := p.check(r, body)
	challenge := p.challengeLocked(stale)
	p.mu.Unlock()
	status := 0
	if !ok {
		w.Header().Set("WWW-Authenticate", challenge)
		w.WriteHeader(http.StatusUnauthorized)
		status = http.StatusUnauthorized
	} else {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		if p.handle != nil {
			p.handle(rec, r)
		} else {
			_, _ = io.WriteString(rec, "ok")
		}
		status = rec.status
	}
	p.mu.Lock()
	p.reqs[idx].Status = status
	p.mu.Unlock()
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// challengeLocked is the WWW-Authenticate value. Caller holds p.mu.
func (p *testPhone) challengeLocked(stale bool) string {
	switch p.scheme {
	case "basic":
		return `Basic realm="` + p.realm + `"`
	case "digest":
		v := fmt.Sprintf(`Digest realm="%s", nonce="%s", opaque="%s"`, p.realm, p.nonce, p.opaque)
		if p.qop != "" {
			v += `, qop="` + p.qop + `"`
		}
		if p.alg != "" {
			v += ", algorithm=" + p.alg
		}
		if stale {
			v += ", stale=true"
		}
		return v
	}
	return p.scheme
}

var digestParam = regexp.MustCompile(`(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))`)

// check verifies the request's credentials. Caller holds p.mu.
func (p *testPhone) check(r *http.Request, body []byte) (ok, stale bool) {
	h := r.Header.Get("Authorization")
	switch p.scheme {
	case "":
		return true, false
	case "basic":
		u, pw, has := r.BasicAuth()
		return has && u == p.user && pw == p.pass, false
	case "digest":
	default:
		return false, false
	}
	if !strings.HasPrefix(h, "Digest ") {
		return false, false
	}
	f := map[string]string{}
	for _, m := range digestParam.FindAllStringSubmatch(h[len("Digest "):], -1) {
		v := m[3]
		if strings.HasPrefix(m[0], m[1]+`="`) {
			v = strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(m[2])
		}
		f[m[1]] = v
	}
	if f["uri"] != r.RequestURI || f["username"] != p.user || f["realm"] != p.realm || f["opaque"] != p.opaque {
		return false, false
	}
	var newH func() hash.Hash = md5.New
	alg := strings.ToUpper(p.alg)
	if strings.HasPrefix(alg, "SHA-256") {
		newH = sha256.New
	}
	if f["algorithm"] != p.alg {
		return false, false
	}
	H := func(s string) string {
		x := newH()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	ha1 := H(p.user + ":" + p.realm + ":" + p.pass)
	if strings.HasSuffix(alg, "-SESS") {
		ha1 = H(ha1 + ":" + f["nonce"] + ":" + f["cnonce"])
	}
	a2 := r.Method + ":" + f["uri"]
	if f["qop"] == "auth-int" {
		a2 += ":" + H(string(body))
	}
	var want string
	if p.qop == "" {
		if _, has := f["qop"]; has {
			return false, false
		}
		want = H(ha1 + ":" + f["nonce"] + ":" + H(a2))
	} else {
		if !strings.Contains(p.qop, f["qop"]) || f["qop"] == "" || len(f["nc"]) != 8 || f["cnonce"] == "" {
			return false, false
		}
		want = H(ha1 + ":" + f["nonce"] + ":" + f["nc"] + ":" + f["cnonce"] + ":" + f["qop"] + ":" + H(a2))
	}
	if f["response"] != want {
		return false, false
	}
	if f["nonce"] != p.nonce {
		return false, true // right password, old nonce
	}
	if p.staleOnce && !p.staled {
		p.staled = true
		p.nonce = p.newNonce()
		return false, true
	}
	if p.qop != "" {
		if p.usedNC[f["nc"]] {
			return false, true // replayed count
		}
		p.usedNC[f["nc"]] = true
	}
	return true, false
}
