package receiver

import (
	"net"
	"net/netip"
	"sync"
)

// peerLimitListener closes a new connection at once when its peer already
// holds max open connections. The server's timeouts bound how long one
// connection lives; this bounds how many one address can hold, so that a
// peer stalling connections cannot take the file descriptors a phone needs.
// It runs before access control, so a refused peer is held to the same
// bound.
type peerLimitListener struct {
	net.Listener
	max     int
	refused func(netip.Addr) // told about every connection closed here

	mu   sync.Mutex
	open map[netip.Addr]int
}

func limitPerPeer(ln net.Listener, max int, refused func(netip.Addr)) net.Listener {
	return &peerLimitListener{Listener: ln, max: max, refused: refused, open: map[netip.Addr]int{}}
}

// Accept returns the next connection within the limit.
func (l *peerLimitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		a := connPeer(c)
		l.mu.Lock()
		full := l.open[a] >= l.max
		if !full {
			l.open[a]++
		}
		l.mu.Unlock()
		if full {
			l.refused(a) // first, so that the peer sees the close after the count
			_ = c.Close()
			continue
		}
		return &limitedConn{Conn: c, release: sync.OnceFunc(func() { l.release(a) })}, nil
	}
}

func (l *peerLimitListener) release(a netip.Addr) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[a]--; l.open[a] <= 0 {
		delete(l.open, a)
	}
}

// limitedConn gives its slot back when closed (once, however often Close
// is called).
type limitedConn struct {
	net.Conn
	release func()
}

func (c *limitedConn) Close() error {
	c.release()
	return c.Conn.Close()
}

// connPeer is the normalized address of a connection's peer; the zero Addr
// for a non-TCP connection (which a TCP listener does not produce).
func connPeer(c net.Conn) netip.Addr {
	if ta, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return peerAddr(ta.AddrPort().Addr())
	}
	return netip.Addr{}
}
