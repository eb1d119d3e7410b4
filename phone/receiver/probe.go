package receiver

import (
	"encoding/hex"
	"net/netip"
	"sync"
	"time"
)

// probe is one pending ExpectProbe.
type probe struct {
	got    chan netip.Addr // buffered 1
	timer  *time.Timer
	finish sync.Once
}

// deliver sends the peer and closes the channel; cancel only closes it.
func (p *probe) deliver(a netip.Addr) {
	p.finish.Do(func() {
		p.timer.Stop()
		p.got <- a
		close(p.got)
	})
}

func (p *probe) cancel() {
	p.finish.Do(func() {
		p.timer.Stop()
		close(p.got)
	})
}

// ExpectProbe prepares a one-time URL that answers "can the phone reach
// us?": the app makes the phone fetch BaseURL(host)+path (path is relative
// to the base, so it sits under the token), and the first GET or POST from
// an allowed peer is answered 200 and sends that peer's address on got.
// got is closed after that one address, when ttl expires without a
// request, or when the receiver closes; the path then answers 404. A peer
// refused by the access lists gets 403 and does not use up the probe.
func (r *Receiver) ExpectProbe(ttl time.Duration) (path string, got <-chan netip.Addr) {
	id := hex.EncodeToString(randomBytes(16))
	p := &probe{got: make(chan netip.Addr, 1)}
	r.mu.Lock()
	defer r.mu.Unlock()
	p.timer = time.AfterFunc(ttl, func() { r.expireProbe(id) })
	if r.closed {
		p.cancel()
		return "/probe/" + id, p.got
	}
	r.probes[id] = p
	return "/probe/" + id, p.got
}

func (r *Receiver) expireProbe(id string) {
	r.mu.Lock()
	p := r.probes[id]
	delete(r.probes, id)
	r.mu.Unlock()
	if p != nil {
		p.cancel()
	}
}

// takeProbe removes and returns the probe with this id, nil if none.
func (r *Receiver) takeProbe(id string) *probe {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.probes[id]
	delete(r.probes, id)
	return p
}
