package phonesim

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"deskcti/phone"
)

// Sim is one emulated phone serving HTTP (or HTTPS) on a loopback or given
// address. All methods are safe for concurrent use.
type Sim struct {
	opts     Options
	srv      *http.Server
	scheme   string // "http" or "https"
	addr     string // host:port clients reach the sim at
	listenIP net.IP
	fwMajor  int

	closed     chan struct{} // closed by Close; wakes slow and dead handlers
	done       chan struct{} // closed when Serve has returned
	serveErr   error
	handlers   sync.WaitGroup // running handlers; Add only under mu while !closing
	firing     sync.WaitGroup // action URL deliveries; same rule
	fireCtx    context.Context
	fireCancel context.CancelFunc
	fireClient *http.Client

	mu         sync.Mutex
	now        func() time.Time // under mu: tests replace the clock
	closing    bool
	delay      time.Duration
	dead       bool
	cert       *tls.Certificate
	records    []record
	nonces     map[string]*nonceState
	nonceOrder []string

	// Yealink access control; the features.* settings hold the rest.
	failedLogins   int
	lockedUntil    time.Time
	promptShowing  bool
	promptAccepted bool

	// The phone's world.
	calls []*Call
	// wasConnected holds the ids of current calls that were connected at
	// some time: their end fires "disconnected".
	wasConnected map[string]bool
	ended        []EndedCall
	nextID       int
	dnd, muted   bool
	input        string // digits typed on the phone, for dialing or a transfer
	dtmf         string
	lastDialed   string
	lastURI      string
	fwd          Forwarding
	settings     map[string]string
	readOnly     map[string]bool

	// Action URLs fired.
	fired      []string
	pending    int // deliveries not yet finished
	fireErrors int
	// Minibrowser fetches (snom minibrowser.htm?url=).
	fetched     []string
	fetchErrors int
	changed     chan struct{} // closed and replaced whenever fired/fetched/pending change
}

// record is one received request and whether the sim acted on it.
type record struct {
	req   Request
	acted bool
}

// maxRecords bounds the request log of a long-running emulator
// (deskcti phonesim); the oldest records go first.
const maxRecords = 100000

// Start serves the emulated phone on 127.0.0.1 at a port the OS picks.
func Start(opts Options) (*Sim, error) {
	return Listen(opts, "127.0.0.1:0")
}

// Listen serves the emulated phone on addr (host:port). Like Start it
// serves in the background and returns at once; Wait blocks until the
// server stops, Close stops it.
func Listen(opts Options, addr string) (*Sim, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("phonesim listen %s: %w", addr, err)
	}
	s := newSim(o)
	ta, _ := ln.Addr().(*net.TCPAddr)
	host, port := "127.0.0.1", ""
	if ta != nil {
		s.listenIP = ta.IP
		port = strconv.Itoa(ta.Port)
		if !ta.IP.IsUnspecified() {
			host = ta.IP.String()
		}
	}
	s.addr = net.JoinHostPort(host, port)
	s.scheme = "http"
	if o.TLS {
		c, err := newCertificate(o.Model, string(o.Vendor), s.listenIP)
		if err != nil {
			ln.Close()
			return nil, err
		}
		s.cert = c
		s.scheme = "https"
		ln = tls.NewListener(ln, &tls.Config{GetCertificate: s.getCertificate, MinVersion: tls.VersionTLS12})
	}
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 30 * time.Second,
		// Clients that refuse the self-signed certificate are expected;
		// their handshake errors are not news.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.serveErr = err
		close(s.done)
	}()
	return s, nil
}

func newSim(o Options) *Sim {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Sim{
		opts:         o,
		fwMajor:      firmwareMajor(o.Firmware),
		now:          time.Now,
		closed:       make(chan struct{}),
		done:         make(chan struct{}),
		fireCtx:      ctx,
		fireCancel:   cancel,
		fireClient:   newFireClient(),
		nonces:       map[string]*nonceState{},
		changed:      make(chan struct{}),
		readOnly:     map[string]bool{},
		wasConnected: map[string]bool{},
	}
	s.settings = s.defaultSettings()
	return s
}

// URL is the phone's base URL, "http://127.0.0.1:PORT" or "https://...".
func (s *Sim) URL() string { return s.scheme + "://" + s.addr }

// Addr is the host:port the phone is reachable at. For a sim listening on
// all interfaces it names 127.0.0.1.
func (s *Sim) Addr() string { return s.addr }

// Wait blocks until the server has stopped and returns why (nil after Close).
func (s *Sim) Wait() error {
	<-s.done
	return s.serveErr
}

// Close stops the server, drops every connection (also those a dead or
// slow phone is holding), stops pending Action URL deliveries and waits for
// all of them to finish. It is safe to call more than once.
func (s *Sim) Close() error {
	s.mu.Lock()
	first := !s.closing
	s.closing = true
	s.mu.Unlock()
	var err error
	if first {
		close(s.closed)
		s.fireCancel()
		err = s.srv.Close()
	}
	s.handlers.Wait()
	s.firing.Wait()
	<-s.done
	if err != nil {
		return fmt.Errorf("phonesim close: %w", err)
	}
	return nil
}

// SetDelay delays every answer by d, a slow phone. The phone acts on a
// request before the delay, as a real slow phone would: a client that gives
// up early may still have dialed.
func (s *Sim) SetDelay(d time.Duration) {
	s.mu.Lock()
	s.delay = d
	s.mu.Unlock()
}

// SetDead makes the phone accept connections and requests but never answer
// nor act, a hung phone: each request is held until the client gives up or
// the sim is closed. Over HTTPS the TLS handshake still completes (the hang
// is in the HTTP layer). Dead requests are recorded with Status 0.
func (s *Sim) SetDead(dead bool) {
	s.mu.Lock()
	s.dead = dead
	s.mu.Unlock()
}

// reply is what a handler decided to answer.
type reply struct {
	status     int
	header     http.Header
	body       string
	authorized bool // credentials present and correct (or none needed)
	acted      bool // see Actions
}

func newReply(status int, contentType, body string) reply {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return reply{status: status, header: h, body: body}
}

// ServeHTTP records the request, lets the vendor's handler decide, then
// answers after the configured delay. It is exported only to satisfy
// http.Handler.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		panic(http.ErrAbortHandler) // no answer from a phone being switched off
	}
	s.handlers.Add(1)
	s.mu.Unlock()
	defer s.handlers.Done()

	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	rec := Request{
		Method:   r.Method,
		Path:     r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery,
		Remote:   peerIP(r.RemoteAddr),
	}

	s.mu.Lock()
	rec.Time = s.now()
	if s.dead {
		s.record(rec, false)
		s.mu.Unlock()
		s.wait(r.Context(), -1)
		// Drop the connection: returning normally would let net/http send
		// an empty 200 on the way out.
		panic(http.ErrAbortHandler)
	}
	var rep reply
	if s.opts.Vendor == phone.Yealink {
		rep = s.serveYealink(r, rec.Remote, body)
	} else {
		rep = s.serveSnom(r, body)
	}
	rec.Authorized, rec.Status = rep.authorized, rep.status
	s.record(rec, rep.acted && rep.authorized)
	delay := s.delay
	s.mu.Unlock()

	if delay > 0 && !s.wait(r.Context(), delay) {
		panic(http.ErrAbortHandler) // closed or client gone: no answer at all
	}
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rep.status)
	io.WriteString(w, rep.body)
}

// wait sleeps d (forever when d < 0) unless the client goes away or the sim
// closes first; it reports whether the full time passed.
func (s *Sim) wait(ctx context.Context, d time.Duration) bool {
	var timer <-chan time.Time
	if d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-timer:
		return true
	case <-ctx.Done():
	case <-s.closed:
	}
	return false
}

func peerIP(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return remoteAddr
	}
	if ip := net.ParseIP(host); ip != nil {
		if v4 := ip.To4(); v4 != nil {
			return v4.String()
		}
		return ip.String()
	}
	return host
}
