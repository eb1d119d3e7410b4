package receiver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"deskcti/phone"
)

// Receiver is a running Action-URL receiver. All methods are safe for
// concurrent use.
type Receiver struct {
	cfg      Config
	log      *slog.Logger
	srv      *http.Server
	addr     netip.AddrPort
	fellBack bool
	since    time.Time
	events   chan phone.Event
	done     chan struct{} // closed when Serve has returned
	serveErr error         // valid after done
	close    sync.Once
	closeErr error

	mu     sync.Mutex
	now    func() time.Time // under mu: tests freeze the clock for the rate limiter
	closed bool             // under mu: events is closed, nothing may be sent
	access *access
	peers  peers
	probes map[string]*probe
	// lastWarn is when a refusal was last logged as a warning.
	lastWarn time.Time
}

// Listen binds the configured address now (trying the fallback ports when
// it is in use) and serves in the background until Close. Errors say what
// to do: a port below 1024 without privileges, an address that is not this
// computer's, every port taken.
func Listen(cfg Config) (*Receiver, error) {
	return listen(cfg, QueueSize)
}

// listen is Listen with a queue size of the caller's choice (tests fill a
// small queue).
func listen(cfg Config, queue int) (*Receiver, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	ln, fellBack, err := listenFallback(c.Listen, c.FallbackPorts)
	if err != nil {
		return nil, err
	}
	r := newReceiver(c, queue)
	r.fellBack = fellBack
	if ta, ok := ln.Addr().(*net.TCPAddr); ok {
		ap := ta.AddrPort()
		r.addr = netip.AddrPortFrom(peerAddr(ap.Addr()), ap.Port())
	}
	if fellBack {
		r.log.Warn("action-url receiver: configured port in use, using another one",
			"configured", c.Listen, "listen", r.addr.String())
	}
	r.srv = &http.Server{
		Handler:           r,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    c.MaxRequestBytes,
		ErrorLog:          slog.NewLogLogger(r.log.Handler(), slog.LevelDebug),
	}
	lim := limitPerPeer(ln, MaxConnsPerPeer, r.connRefused)
	go func() {
		err := r.srv.Serve(lim)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		r.serveErr = err
		close(r.done)
	}()
	r.log.Info("action-url receiver listening", "listen", r.addr.String(), "token", c.Token != "")
	return r, nil
}

// newReceiver builds a receiver that does not listen yet; tests use it
// with a small queue and call ServeHTTP directly.
func newReceiver(c Config, queue int) *Receiver {
	return &Receiver{
		cfg:    c,
		log:    c.Logger,
		since:  time.Now(),
		events: make(chan phone.Event, queue),
		done:   make(chan struct{}),
		now:    time.Now,
		access: newAccess(c.Allow, c.Deny),
		peers:  newPeers(),
		probes: map[string]*probe{},
	}
}

// Addr is the address actually bound: with port fallback or port 0 it
// differs from Config.Listen. An unspecified host (0.0.0.0, ::) means every
// interface.
func (r *Receiver) Addr() netip.AddrPort { return r.addr }

// FellBack reports that the configured port was in use and Addr is one of
// the fallback ports; the phones must then be given the new BaseURL.
func (r *Receiver) FellBack() bool { return r.fellBack }

// BaseURL is what phone.EventURL needs: "http://HOST:PORT" plus "/TOKEN"
// when a token is set. host is this PC's address as the phone reaches it
// (the app knows which interface faces the phone); empty means the bound
// address, or 127.0.0.1 when bound to every interface. The result holds
// the token: treat it as a secret (never log it).
func (r *Receiver) BaseURL(host string) string {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		host = "127.0.0.1"
		if a := r.addr.Addr(); a.IsValid() && !a.IsUnspecified() {
			host = a.String()
		}
	}
	u := "http://" + net.JoinHostPort(host, fmt.Sprint(r.addr.Port()))
	if r.cfg.Token != "" {
		u += "/" + r.cfg.Token
	}
	return u
}

// Events delivers the parsed events in the order the requests arrived. It
// is buffered (QueueSize); when it is full, requests are answered 503 and
// counted as errors rather than wait. Phones send each event over its own
// connection and may deliver the events of one call out of order or twice:
// ordering by call state and de-duplication are the consumer's job. The
// channel is closed by Close.
func (r *Receiver) Events() <-chan phone.Event { return r.events }

// Stats returns a copy of the diagnostics.
func (r *Receiver) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Stats{
		Listen:       r.addr.String(),
		FellBack:     r.fellBack,
		Since:        r.since,
		Queued:       len(r.events),
		Totals:       r.peers.totals,
		Peers:        r.peers.snapshot(),
		PeersDropped: r.peers.dropped,
	}
}

// SetAccess replaces the allow and deny lists (a settings change); it
// applies to the next request. An empty allow list means loopback only.
func (r *Receiver) SetAccess(allow, deny []netip.Prefix) {
	a := newAccess(allow, deny)
	r.mu.Lock()
	r.access = a
	r.mu.Unlock()
}

// Close stops listening, waits briefly for requests in progress, then
// closes the Events channel and every pending probe channel. It is safe to
// call more than once; later calls return the first result.
func (r *Receiver) Close() error {
	r.close.Do(func() {
		if r.srv != nil {
			ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
			err := r.srv.Shutdown(ctx)
			cancel()
			if err != nil {
				err = r.srv.Close()
			}
			<-r.done
			r.closeErr = errors.Join(err, r.serveErr)
		}
		r.mu.Lock()
		r.closed = true
		close(r.events)
		for id, p := range r.probes {
			p.cancel()
			delete(r.probes, id)
		}
		r.mu.Unlock()
		if r.closeErr != nil {
			r.closeErr = fmt.Errorf("receiver close: %w", r.closeErr)
		}
	})
	return r.closeErr
}

// clock is the current time as the receiver sees it.
func (r *Receiver) clock() time.Time {
	r.mu.Lock()
	now := r.now
	r.mu.Unlock()
	return now()
}

// connRefused counts a connection the per-peer limit closed.
func (r *Receiver) connRefused(a netip.Addr) {
	r.record(a, r.clock(), outcomeRefused, "too many open connections")
}
