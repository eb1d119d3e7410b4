package receiver

import (
	"net/netip"
	"slices"
	"time"
)

// Stats is the receiver's diagnostics, as the PBX's "Diagnose ► TAPI" page
// shows them: which systems talk to us and how many messages were
// exchanged. It is plain data and marshals to JSON (GET /status).
type Stats struct {
	// Listen is the bound address, host:port.
	Listen string `json:"listen"`
	// FellBack says the configured port was taken and Listen is another.
	FellBack bool `json:"fell_back"`
	// Since is when the receiver started.
	Since time.Time `json:"since"`
	// Queued is how many events wait in the Events channel.
	Queued int `json:"queued"`
	// Totals count every request since Since, including those of peers
	// the table has forgotten.
	Totals Counters `json:"totals"`
	// Peers are the peers seen, most recently seen first; at most MaxPeers.
	Peers []PeerStats `json:"peers"`
	// PeersDropped counts peers forgotten to keep the table bounded.
	PeersDropped uint64 `json:"peers_dropped"`
}

// Counters count requests by outcome.
type Counters struct {
	// Requests counts every request (GET /status excepted), whatever
	// became of it.
	Requests uint64 `json:"requests"`
	// Received counts events parsed and queued (answered 200).
	Received uint64 `json:"received"`
	// Refused counts requests turned away before parsing: not allowed,
	// denied, wrong token, cross-site browser request (403), over the rate
	// (429) or over the connection limit (connection closed).
	Refused uint64 `json:"refused"`
	// Errors counts requests that were allowed but failed: bad event
	// (400), too large (413, 431) or the queue full (503).
	Errors uint64 `json:"errors"`
}

// PeerStats is one peer's line in Stats.
type PeerStats struct {
	Addr netip.Addr `json:"addr"`
	Counters
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// LastError says why the last refused or failed request was turned
	// away, e.g. "address is not in the allow list"; empty when none was.
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
}

// outcome is what became of one request, for the counters.
type outcome int

const (
	outcomeOther   outcome = iota // served, no event (test page, probe, 404)
	outcomeEvent                  // event queued
	outcomeRefused                // 403, 429, connection refused
	outcomeError                  // 400, 413, 431, 503
)

// peer is one peer's entry: its counters and its rate-limit bucket.
type peer struct {
	stats  PeerStats
	bucket bucket
}

// peers is the bounded table of peers; the caller holds the receiver's mu.
type peers struct {
	m       map[netip.Addr]*peer
	dropped uint64
	totals  Counters
}

func newPeers() peers { return peers{m: map[netip.Addr]*peer{}} }

// get returns a's entry, making room for a new one if needed.
func (t *peers) get(a netip.Addr, now time.Time) *peer {
	if p := t.m[a]; p != nil {
		return p
	}
	if len(t.m) >= MaxPeers {
		t.evict()
	}
	p := &peer{stats: PeerStats{Addr: a, FirstSeen: now}}
	t.m[a] = p
	return p
}

// evict forgets the least recently seen peer, preferring peers that never
// sent an accepted event: a scan of many addresses then pushes out other
// scanners, not the phone.
func (t *peers) evict() {
	var victim *peer
	for _, p := range t.m {
		if victim == nil || better(p, victim) {
			victim = p
		}
	}
	if victim != nil {
		delete(t.m, victim.stats.Addr)
		t.dropped++
	}
}

// better reports whether p is a better eviction victim than q.
func better(p, q *peer) bool {
	pIdle, qIdle := p.stats.Received == 0, q.stats.Received == 0
	if pIdle != qIdle {
		return pIdle
	}
	return p.stats.LastSeen.Before(q.stats.LastSeen)
}

// count records one request of a peer.
func (t *peers) count(p *peer, now time.Time, o outcome, reason string) {
	s := &p.stats
	s.LastSeen = now
	for _, c := range []*Counters{&s.Counters, &t.totals} {
		c.Requests++
		switch o {
		case outcomeEvent:
			c.Received++
		case outcomeRefused:
			c.Refused++
		case outcomeError:
			c.Errors++
		}
	}
	if o == outcomeRefused || o == outcomeError {
		s.LastError = reason
		s.LastErrorAt = now
	}
}

// snapshot copies the table, most recently seen first.
func (t *peers) snapshot() []PeerStats {
	out := make([]PeerStats, 0, len(t.m))
	for _, p := range t.m {
		out = append(out, p.stats)
	}
	slices.SortFunc(out, func(a, b PeerStats) int {
		if c := b.LastSeen.Compare(a.LastSeen); c != 0 {
			return c
		}
		return a.Addr.Compare(b.Addr)
	})
	return out
}

// bucket is a token bucket: it holds up to burst tokens, refills at rate
// per second, and each request takes one.
type bucket struct {
	tokens float64
	last   time.Time
}

func (b *bucket) allow(now time.Time, rate float64) bool {
	if rate < 0 {
		return true
	}
	burst := max(1, 2*rate)
	if b.last.IsZero() {
		b.tokens = burst
	} else if d := now.Sub(b.last).Seconds(); d > 0 {
		b.tokens = min(burst, b.tokens+d*rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
