package phonesim

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"deskcti/phone"
)

// authResult is what the credentials of one request amount to.
type authResult int

const (
	authOK      authResult = iota
	authMissing            // no (usable) Authorization header: challenge, not a failed login
	authWrong              // credentials present but wrong: a failed login
	authStale              // right password on a nonce the sim no longer knows
)

// maxNonces bounds the digest nonces the sim remembers; older ones go stale.
const maxNonces = 256

// nonceState remembers the highest nc used with a nonce, so that a replayed
// Authorization header is refused (RFC 7616 3.4: nc must increase).
type nonceState struct{ lastNC uint64 }

// realm is the authentication realm each vendor announces.
func (s *Sim) realm() string {
	if s.opts.Vendor == phone.Yealink {
		return "Yealink"
	}
	return "snom"
}

// checkAuth verifies the credentials of r. Caller holds s.mu.
func (s *Sim) checkAuth(r *http.Request) authResult {
	if s.opts.User == "" {
		return authOK
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return authMissing
	}
	scheme, rest, _ := strings.Cut(h, " ")
	switch {
	case strings.EqualFold(scheme, "Basic") && s.opts.Auth == AuthBasic:
		user, pass, ok := r.BasicAuth()
		if !ok {
			return authWrong
		}
		if equalSecret(user, s.opts.User) && equalSecret(pass, s.opts.Password) {
			return authOK
		}
		return authWrong
	case strings.EqualFold(scheme, "Digest") && s.opts.Auth == AuthDigest:
		return s.checkDigest(r.Method, r.RequestURI, rest)
	default:
		// The other scheme than the one the phone asks for: a client that
		// ignores the challenge. Real phones answer with the challenge again.
		return authWrong
	}
}

// checkDigest verifies an RFC 7616 MD5 response with qop=auth.
func (s *Sim) checkDigest(method, requestURI, header string) authResult {
	p, err := parseAuthParams(header)
	if err != nil {
		return authWrong
	}
	if alg := p["algorithm"]; alg != "" && !strings.EqualFold(alg, "MD5") {
		return authWrong
	}
	if p["qop"] != "auth" || p["cnonce"] == "" || p["realm"] != s.realm() {
		return authWrong
	}
	if p["uri"] != requestURI {
		return authWrong
	}
	if len(p["nc"]) != 8 {
		return authWrong
	}
	nc, err := strconv.ParseUint(p["nc"], 16, 32)
	if err != nil || nc == 0 {
		return authWrong
	}
	ha1 := md5hex(p["username"] + ":" + p["realm"] + ":" + s.opts.Password)
	ha2 := md5hex(method + ":" + p["uri"])
	want := md5hex(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2)
	if !equalSecret(p["username"], s.opts.User) || !equalSecret(strings.ToLower(p["response"]), want) {
		return authWrong
	}
	ns, known := s.nonces[p["nonce"]]
	if !known {
		return authStale
	}
	if nc <= ns.lastNC {
		return authStale // a replay, or a client that reuses a count
	}
	ns.lastNC = nc
	return authOK
}

// challenge adds the WWW-Authenticate header for the vendor's scheme.
// Caller holds s.mu.
func (s *Sim) challenge(h http.Header, stale bool) {
	if s.opts.Auth == AuthBasic {
		h.Set("WWW-Authenticate", fmt.Sprintf("Basic realm=%q", s.realm()))
		return
	}
	v := fmt.Sprintf(`Digest realm=%q, qop="auth", nonce=%q, algorithm=MD5`, s.realm(), s.newNonce())
	if stale {
		v += ", stale=true"
	}
	h.Set("WWW-Authenticate", v)
}

// newNonce issues a fresh nonce and forgets the oldest beyond maxNonces.
func (s *Sim) newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	n := hex.EncodeToString(b)
	s.nonces[n] = &nonceState{}
	s.nonceOrder = append(s.nonceOrder, n)
	if len(s.nonceOrder) > maxNonces {
		delete(s.nonces, s.nonceOrder[0])
		s.nonceOrder = s.nonceOrder[1:]
	}
	return n
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func equalSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
