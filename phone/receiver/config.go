package receiver

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"time"
)

// Defaults and bounds. The bounds are constants, not settings: they exist so
// that a hostile or broken peer cannot make the receiver hold much memory,
// and no user has a reason to change them.
const (
	// DefaultListen is where the receiver listens when Config.Listen is
	// empty: every IPv4 interface, TCP 8080, as PhoneSuite does.
	DefaultListen = "0.0.0.0:8080"
	// DefaultFallbackPorts is how many ports after the configured one are
	// tried when it is taken (8080 → 8081).
	DefaultFallbackPorts = 1
	// DefaultRatePerPeer is the sustained number of requests per second one
	// peer may send; the burst is twice that. A call produces 2-5 events
	// within milliseconds, so 50/s leaves ample room for a busy phone.
	DefaultRatePerPeer = 50
	// DefaultMaxRequestBytes bounds request line, headers and body together.
	// An Action URL is at most 511 characters on Yealink; 16 KiB leaves room
	// for long display names and browsers' headers.
	DefaultMaxRequestBytes = 16 << 10
	// QueueSize is the capacity of the Events channel. When it is full the
	// request is answered 503: the receiver never blocks a phone's request
	// on a slow consumer. 4096 events ride out a consumer held up for a
	// fraction of a second (a garbage collection on a busy machine) even
	// under a load test's thousands of events a second; the buffer's pages
	// (about 1 MiB) are only touched when it fills.
	QueueSize = 4096
	// MaxValueBytes bounds every parsed value (UTF-8 bytes, cut at a
	// character boundary). Yealink's whole URL is limited to 511
	// characters; a display name never comes close.
	MaxValueBytes = 512
	// MaxKeyBytes bounds the name of an extra parameter.
	MaxKeyBytes = 64
	// MaxExtra bounds how many extra parameters an Event keeps.
	MaxExtra = 32
	// MaxPeers bounds the diagnostics table; the least recently seen peer
	// is forgotten first, so a scan of the network cannot grow memory.
	MaxPeers = 256
	// MaxConnsPerPeer bounds the open connections of one peer address; a
	// phone opens one per event and a browser about six.
	MaxConnsPerPeer = 32
)

// The http.Server timeouts. A phone on the LAN sends its request in
// milliseconds; these only bound what a stalled or hostile peer can hold.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 30 * time.Second
	shutdownTimeout   = 2 * time.Second
)

// Config is the receiver's configuration. The zero value is usable: it
// listens on 0.0.0.0:8080 (falling back to 8081) and accepts events from
// loopback only.
type Config struct {
	// Listen is "host:port"; default DefaultListen. Use "[::]:8080" to
	// accept IPv6 and IPv4 peers on one socket. Port 0 lets the system
	// pick one (tests).
	Listen string
	// FallbackPorts: when the port is in use, try the next N ports.
	// 0 means DefaultFallbackPorts; negative means none.
	FallbackPorts int
	// Allow lists who may send events and open the test page; empty means
	// loopback only (127.0.0.0/8, ::1). The application adds the phone's
	// address (ParsePrefix("192.168.1.20")).
	Allow []netip.Prefix
	// Deny lists addresses refused even when Allow matches them.
	Deny []netip.Prefix
	// Token, when set, is a secret first path segment: event URLs become
	// /TOKEN/event/<kind>, and a request with a missing or wrong token is
	// refused (403). Letters, digits and "-._~" only, at most 128 bytes;
	// NewToken makes a good one. It is never logged.
	Token string
	// RatePerPeer is the sustained requests per second per peer address
	// (token bucket, burst twice the rate, at least 1); over it the peer
	// gets 429. 0 means DefaultRatePerPeer; negative means no limit.
	RatePerPeer float64
	// MaxRequestBytes bounds request line + headers + body; over it the
	// peer gets 431 (URL and headers) or 413 (body). 0 means
	// DefaultMaxRequestBytes; smaller than 1 KiB is raised to 1 KiB.
	MaxRequestBytes int
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

// withDefaults checks cfg and fills in the defaults.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if _, port, err := net.SplitHostPort(cfg.Listen); err != nil {
		return cfg, fmt.Errorf("receiver listen address %q: want host:port, e.g. 0.0.0.0:8080: %w", cfg.Listen, err)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return cfg, fmt.Errorf("receiver listen address %q: port must be a number from 0 to 65535", cfg.Listen)
	}
	switch {
	case cfg.FallbackPorts == 0:
		cfg.FallbackPorts = DefaultFallbackPorts
	case cfg.FallbackPorts < 0:
		cfg.FallbackPorts = 0
	}
	if cfg.RatePerPeer == 0 {
		cfg.RatePerPeer = DefaultRatePerPeer
	}
	if cfg.MaxRequestBytes == 0 {
		cfg.MaxRequestBytes = DefaultMaxRequestBytes
	}
	cfg.MaxRequestBytes = max(cfg.MaxRequestBytes, 1<<10)
	if err := checkToken(cfg.Token); err != nil {
		return cfg, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg, nil
}

// checkToken accepts the characters that need no escaping in a URL path
// (RFC 3986 unreserved), so that the token a phone is given is the token it
// sends back byte for byte. The error never contains the token.
func checkToken(tok string) error {
	if len(tok) > 128 {
		return fmt.Errorf("receiver token: longer than 128 characters")
	}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~'
		if !ok {
			return fmt.Errorf("receiver token: character %d is not a letter, digit or one of -._~", i+1)
		}
	}
	if tok == "." || tok == ".." {
		return fmt.Errorf("receiver token: %q is not a usable path segment", tok)
	}
	return nil
}

// NewToken returns a random token for Config.Token: 128 bits, hex.
func NewToken() string {
	return hex.EncodeToString(randomBytes(16))
}

// randomBytes reads n bytes from the system's secure generator, which does
// not fail on supported systems (crypto/rand panics rather than return
// weak bytes).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
