package receiver

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// ServeHTTP answers one request: /status for local diagnostics, then
// access control, rate limit and size limit, then the test page, events
// and probes (see the package documentation for the URL scheme).
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	h["Cache-Control"], h["X-Content-Type-Options"] = noStore, noSniff
	peer := requestPeer(req)
	if req.URL.Path == "/status" {
		r.serveStatus(w, req, peer)
		return
	}
	now, code, reason := r.admit(peer)
	if code != 0 {
		if code == http.StatusTooManyRequests {
			h.Set("Retry-After", "1")
		}
		r.fail(w, peer, now, code, outcomeRefused, reason)
		return
	}
	if n := headerBytes(req); n > r.cfg.MaxRequestBytes {
		r.fail(w, peer, now, http.StatusRequestHeaderFieldsTooLarge, outcomeError,
			fmt.Sprintf("request line and headers are %d bytes, limit %d", n, r.cfg.MaxRequestBytes))
		return
	}
	target, arg, tokenOK := r.route(req.URL.Path)
	switch {
	case target == "" || target == "page" && !tokenOK:
		r.record(peer, now, outcomeOther, "")
		http.Error(w, "not found", http.StatusNotFound)
	case !tokenOK:
		r.fail(w, peer, now, http.StatusForbidden, outcomeRefused, "missing or wrong token in the URL")
	case target == "page":
		r.servePage(w, req, peer, now)
	case crossSite(req):
		// A web page in the user's browser may fire requests at
		// 127.0.0.1:8080; browsers mark them, phones send no such header.
		r.fail(w, peer, now, http.StatusForbidden, outcomeRefused, "cross-site request from a browser")
	case target == "event":
		r.serveEvent(w, req, peer, now, arg)
	case target == "probe":
		r.serveProbe(w, req, peer, now, arg)
	}
}

// Header values every answer carries, shared rather than allocated per
// request: net/http only reads them, and Set and Del replace a value's
// slice instead of changing it.
var (
	noStore   = []string{"no-store"}
	noSniff   = []string{"nosniff"}
	textPlain = []string{"text/plain; charset=utf-8"}
)

// route splits a path into what it asks for ("page", "event", "probe" or
// "" for nothing known), the rest after "/event/" or "/probe/", and
// whether the token (if one is configured) is right. "/" is the test page
// with or without a token.
func (r *Receiver) route(path string) (target, arg string, tokenOK bool) {
	if path == "/" {
		return "page", "", true
	}
	tail, tokenOK := path, true
	if tok := r.cfg.Token; tok != "" {
		rest := strings.TrimPrefix(path, "/")
		seg, _, found := strings.Cut(rest, "/")
		after := "/" // "/" + what follows the token, sliced rather than built
		if found {
			after = rest[len(seg):]
		}
		tokenOK = subtle.ConstantTimeCompare([]byte(seg), []byte(tok)) == 1
		switch {
		case tokenOK:
			tail = after
		case strings.HasPrefix(path, "/event/"), strings.HasPrefix(path, "/probe/"):
			// The token is missing altogether: tail stays the whole path.
		default:
			tail = after
		}
	}
	switch {
	case tail == "/":
		return "page", "", tokenOK
	case strings.HasPrefix(tail, "/event/"):
		return "event", tail[len("/event/"):], tokenOK
	case strings.HasPrefix(tail, "/probe/"):
		return "probe", tail[len("/probe/"):], tokenOK
	}
	return "", "", tokenOK
}

// admit reads the clock and applies the access lists and the rate limit,
// under one lock; code 0 means go on.
func (r *Receiver) admit(peer netip.Addr) (now time.Time, code int, reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.now()
	if v := r.access.verdict(peer); v != "" {
		return now, http.StatusForbidden, v
	}
	if !r.peers.get(peer, now).bucket.allow(now, r.cfg.RatePerPeer) {
		return now, http.StatusTooManyRequests, "over the rate limit"
	}
	return now, 0, ""
}

// record counts one request of peer. A refusal is logged as a warning
// when its reason is new for the peer, because it usually means the
// phone's address is missing from the allow list or the token is wrong;
// at most one such warning a second, so that a scan from many addresses
// cannot flood the log. Everything else goes to debug level.
func (r *Receiver) record(peer netip.Addr, now time.Time, o outcome, reason string) {
	r.mu.Lock()
	p := r.peers.get(peer, now)
	warn := o == outcomeRefused && p.stats.LastError != reason && now.Sub(r.lastWarn) >= time.Second
	if warn {
		r.lastWarn = now
	}
	r.peers.count(p, now, o, reason)
	r.mu.Unlock()
	switch {
	case warn:
		r.log.Warn("action-url receiver: request refused", "peer", peer, "reason", reason)
	case o == outcomeRefused || o == outcomeError:
		r.log.Debug("action-url receiver: request failed", "peer", peer, "reason", reason)
	}
}

// fail answers code with a short text and counts the request.
func (r *Receiver) fail(w http.ResponseWriter, peer netip.Addr, now time.Time, code int, o outcome, reason string) {
	r.record(peer, now, o, reason)
	http.Error(w, fmt.Sprintf("%d %s: %s", code, http.StatusText(code), reason), code)
}

// requestPeer is the normalized address of the request's peer. The
// server sets RemoteAddr to the connection's address, which X-Forwarded-For
// and the like never override here: a phone talks to us directly.
func requestPeer(req *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(req.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	return peerAddr(ap.Addr())
}

// headerBytes is the size of the request line and headers as sent (within
// a few bytes). http.Server's MaxHeaderBytes allows 4 KiB of slack, so the
// handler checks the configured limit itself.
func headerBytes(req *http.Request) int {
	n := len(req.Method) + len(req.RequestURI) + len(req.Proto) + 4
	n += len("Host: ") + len(req.Host) + 2
	for k, vs := range req.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// crossSite reports a request a browser made on behalf of another site's
// page (Fetch Metadata). Typing the URL into the address bar ("none") and
// links on the receiver's own pages stay allowed.
func crossSite(req *http.Request) bool {
	switch req.Header.Get("Sec-Fetch-Site") {
	case "", "none", "same-origin":
		return false
	}
	return true
}

// allowMethods answers 405 unless req uses one of methods.
func (r *Receiver) allowMethods(w http.ResponseWriter, req *http.Request, peer netip.Addr, now time.Time, methods ...string) bool {
	for _, m := range methods {
		if req.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	r.fail(w, peer, now, http.StatusMethodNotAllowed, outcomeError, "method "+cleanKey(req.Method)+" not allowed")
	return false
}
