package receiver

import (
	"encoding/json"
	"errors"
	"html"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"
)

// paramBufs recycles the pairs of a request's query: the event keeps the
// values (strings), not the slice, which every event would otherwise
// allocate anew.
var paramBufs = sync.Pool{New: func() any { return new([]param) }}

// serveEvent parses and queues one event. It never waits for the
// consumer: a full queue is answered 503 at once.
func (r *Receiver) serveEvent(w http.ResponseWriter, req *http.Request, peer netip.Addr, now time.Time, kind string) {
	if !r.allowMethods(w, req, peer, now, http.MethodGet, http.MethodPost) {
		return
	}
	buf := paramBufs.Get().(*[]param)
	defer func() {
		clear(*buf)
		paramBufs.Put(buf)
	}()
	ps := decodeParams(req.URL.RawQuery, (*buf)[:0])
	if req.Method == http.MethodPost {
		var code int
		var reason string
		if ps, code, reason = r.readForm(w, req, ps); code != 0 {
			r.fail(w, peer, now, code, outcomeError, reason)
			return
		}
	}
	*buf = ps
	ev, err := parseParams(kind, ps, peer, now)
	if err != nil {
		r.fail(w, peer, now, http.StatusBadRequest, outcomeError, err.Error())
		return
	}
	r.mu.Lock()
	queued := false
	if !r.closed {
		select {
		case r.events <- ev:
			queued = true
		default:
		}
	}
	r.mu.Unlock()
	if !queued {
		r.fail(w, peer, now, http.StatusServiceUnavailable, outcomeError,
			"event queue full: the application is not reading events")
		return
	}
	r.record(peer, now, outcomeEvent, "")
	if r.log.Enabled(req.Context(), slog.LevelDebug) { // the arguments would cost allocations
		r.log.Debug("action-url receiver: event", "peer", peer, "kind", ev.Kind, "call_id", ev.CallID)
	}
	writeText(w, http.StatusOK, "OK\n")
}

// readForm adds a POST body's form parameters after the query's, so that
// the query wins on duplicates. Some firmware POSTs the Action URL's
// parameters; a body of another type is an error, not silently ignored.
// The body may use what the request line and headers left of
// MaxRequestBytes.
func (r *Receiver) readForm(w http.ResponseWriter, req *http.Request, ps []param) (_ []param, code int, reason string) {
	if ct := req.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/x-www-form-urlencoded" && mt != "text/plain") {
			return ps, http.StatusBadRequest, "POST body must be application/x-www-form-urlencoded"
		}
	}
	limit := int64(r.cfg.MaxRequestBytes - headerBytes(req))
	if req.ContentLength > limit {
		return ps, http.StatusRequestEntityTooLarge, "request body too large"
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, limit))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return ps, http.StatusRequestEntityTooLarge, "request body too large"
	case err != nil:
		return ps, http.StatusBadRequest, "reading the request body failed"
	}
	return decodeParams(string(body), ps), 0, ""
}

// serveProbe answers an ExpectProbe URL once.
func (r *Receiver) serveProbe(w http.ResponseWriter, req *http.Request, peer netip.Addr, now time.Time, id string) {
	if !r.allowMethods(w, req, peer, now, http.MethodGet, http.MethodPost) {
		return
	}
	p := r.takeProbe(id)
	if p == nil {
		r.record(peer, now, outcomeOther, "")
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	p.deliver(peer)
	r.record(peer, now, outcomeOther, "")
	r.log.Info("action-url receiver: probe answered", "peer", peer)
	writeText(w, http.StatusOK, "OK\n")
}

// testPage is what a user sees when opening the receiver in a browser on
// the phone's network: PhoneSuite's marker, so that existing instructions
// work unchanged, and the address deskcti saw, which tells NAT and proxies
// apart from the phone itself.
const testPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>deskcti Action-URL receiver</title></head>
<body><TAPI>Receive OK</TAPI>
<p>deskcti receives phone events here. This request came from %s.</p>
</body></html>
`

// servePage answers the test page (GET and HEAD).
func (r *Receiver) servePage(w http.ResponseWriter, req *http.Request, peer netip.Addr, now time.Time) {
	if !r.allowMethods(w, req, peer, now, http.MethodGet, http.MethodHead) {
		return
	}
	r.record(peer, now, outcomeOther, "")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if req.Method != http.MethodHead {
		_, _ = io.WriteString(w, strings.Replace(testPage, "%s", html.EscapeString(peer.String()), 1))
	}
}

// statusPeers may read /status: this computer, as the application
// connects to it. Other loopback addresses (127.0.0.2) are refused so that
// tests can stand in for another computer with them; nothing legitimate
// uses them.
var statusPeers = []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.IPv6Loopback()}

// serveStatus answers Stats as JSON to this computer only. It ignores the
// allow and deny lists (the diagnostics must work when they are wrong) and
// also insists on a loopback Host header, so that a web page cannot read
// it through DNS rebinding (a name of the attacker's resolving to
// 127.0.0.1).
func (r *Receiver) serveStatus(w http.ResponseWriter, req *http.Request, peer netip.Addr) {
	switch {
	case !slices.Contains(statusPeers, peer):
		http.Error(w, "403 Forbidden: /status answers this computer (127.0.0.1, ::1) only", http.StatusForbidden)
		return
	case !loopbackHost(req.Host):
		http.Error(w, "403 Forbidden: /status needs a loopback address or localhost as host", http.StatusForbidden)
		return
	case req.Method != http.MethodGet && req.Method != http.MethodHead:
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := json.MarshalIndent(r.Stats(), "", "  ")
	if err != nil {
		http.Error(w, "500 Internal Server Error: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	if req.Method == http.MethodGet {
		_, _ = w.Write(append(body, '\n'))
	}
}

// loopbackHost reports whether a Host header names this computer.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

func writeText(w http.ResponseWriter, code int, text string) {
	w.Header()["Content-Type"] = textPlain
	w.WriteHeader(code)
	_, _ = io.WriteString(w, text)
}
