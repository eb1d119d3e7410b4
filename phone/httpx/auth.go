package httpx

import (
	"encoding/base64"
	"strings"
)

// authMode is the scheme the phone asked for last.
type authMode int

const (
	authNone authMode = iota
	authBasic
	authDigest
)

// pick chooses the challenge to answer: the strongest Digest deskcti can
// compute, else Basic. unsupported names what was offered instead when
// nothing fits.
func pick(chs []challenge) (mode authMode, d *digest, unsupported string) {
	best := -1
	var names []string
	for _, ch := range chs {
		switch ch.scheme {
		case "digest":
			nd, ok := newDigest(ch)
			if !ok {
				names = append(names, "Digest algorithm="+ch.params["algorithm"]+" qop="+ch.params["qop"])
				continue
			}
			if s := digestStrength[nd.base]; s > best {
				best, d = s, nd
			}
		case "basic":
			if mode == authNone {
				mode = authBasic
			}
		default:
			names = append(names, ch.scheme)
		}
	}
	if d != nil {
		return authDigest, d, ""
	}
	if mode == authBasic {
		return authBasic, nil, ""
	}
	if len(names) == 0 {
		return authNone, nil, "no challenge"
	}
	return authNone, nil, strings.Join(names, ", ")
}

// authState is the challenge the phone sent last, kept so that later
// requests authenticate without a 401 round trip. Guarded by Client.mu.
type authState struct {
	mode   authMode
	digest *digest
}

func basicHeader(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// remember stores a challenge for pre-emptive use. A Digest challenge with
// the nonce already in use keeps its count running: concurrent requests
// that met the same challenge must not reuse a count, which the phone
// would refuse as a replay.
func (c *Client) remember(mode authMode, d *digest) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.auth.digest; mode == authDigest && old != nil && c.auth.mode == authDigest &&
		old.nonce == d.nonce && old.realm == d.realm && old.algorithm == d.algorithm && old.qop == d.qop {
		return
	}
	c.auth = authState{mode: mode, digest: d}
}

// authorization is the Authorization header for a request from the
// remembered challenge ("" when none), and the nonce it used.
func (c *Client) authorization(method, uri string, body []byte) (header, nonce string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.auth.mode {
	case authBasic:
		return basicHeader(c.opts.User, c.opts.Password), ""
	case authDigest:
		d := c.auth.digest
		return d.authorize(c.opts.User, c.opts.Password, method, uri, body, ""), d.nonce
	}
	return "", ""
}

// hasCredentials reports whether the user configured any.
func (c *Client) hasCredentials() bool { return c.opts.User != "" || c.opts.Password != "" }

// shouldAnswer decides whether a 401 deserves another request. It does
// when the request carried no credentials, when credentials sent
// pre-emptively met a new nonce or a different scheme (the phone forgot the
// old nonce or its http_scheme changed), and once per call when the phone
// says stale=true (the password was right, the nonce or count was not). Anything else means the credentials are wrong,
// and sending them again would only count towards a lock-out.
func shouldAnswer(sent string, preemptive, staleUsed bool, sentNonce string, mode authMode, d *digest) (answer, stale bool) {
	switch {
	case sent == "":
		return true, false
	case mode == authDigest && d.stale && !staleUsed:
		// Right password, nonce expired or count out of order.
		return true, true
	case preemptive && mode == authDigest && d.nonce != sentNonce:
		return true, false
	case preemptive && mode == authBasic && strings.HasPrefix(sent, "Digest "):
		return true, false
	}
	return false, false
}
