//go:build unix

package ldap

import (
	"context"
	"errors"
	"io"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// proxy forwards TCP connections to a server and can cut them the way a
// server restart or a firewall does while the client is not looking: the
// client learns it only when it sends its next request.
type proxy struct {
	ln       net.Listener
	target   string
	accepted atomic.Int32
	// cut: connections open now are closed on their next request.
	// cutAll: every connection, new ones too.
	mu     sync.Mutex
	cut    map[*proxyConn]bool
	cutAll bool
	conns  []*proxyConn
}

type proxyConn struct{ client, server net.Conn }

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, cut: map[*proxyConn]bool{}}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.client.Close()
			c.server.Close()
		}
		p.mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			p.accepted.Add(1)
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			c := &proxyConn{client, server}
			p.mu.Lock()
			p.conns = append(p.conns, c)
			p.mu.Unlock()
			wg.Go(func() { p.upstream(c) })
			wg.Go(func() {
				_, _ = io.Copy(client, server)
				client.Close()
			})
		}
	})
	return p
}

// upstream copies the client's requests to the server unless c is to be cut.
func (p *proxy) upstream(c *proxyConn) {
	defer c.server.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := c.client.Read(buf)
		if err != nil {
			return
		}
		p.mu.Lock()
		cut := p.cut[c] || p.cutAll
		p.mu.Unlock()
		if cut {
			c.client.Close()
			return
		}
		if _, err := c.server.Write(buf[:n]); err != nil {
			return
		}
	}
}

// cutOpen marks the connections open now to be cut on their next request.
func (p *proxy) cutOpen() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		p.cut[c] = true
	}
}

func (p *proxy) URL() string { return "ldap://" + p.ln.Addr().String() }

// A connection that died while idle is noticed only by the next request;
// that request is repeated on a new connection instead of failing.
func TestBrokenIdleConnectionReplaced(t *testing.T) {
	srv := startSlapd(t, false)
	p := startProxy(t, srv.URL[len("ldap://"):])
	s := newSource(t, p.URL(), func(c *Config) { c.CacheTTL = -1 })
	ctx := context.Background()
	if _, err := s.LookupNumber(ctx, "+49221471123", ""); err != nil {
		t.Fatal(err)
	}

	p.cutOpen()
	got, err := s.LookupNumber(ctx, "+49221471123", "")
	if err != nil {
		t.Fatalf("lookup on a cut connection: %v", err)
	}
	if !slices.Equal(ids(got), []string{dnMueller}) {
		t.Fatalf("got %q", ids(got))
	}
	if n := p.accepted.Load(); n != 2 {
		t.Fatalf("%d connections, want 2 (the cut one and its replacement)", n)
	}
	if n := s.searches.Load(); n != 3 {
		t.Fatalf("%d searches, want 3 (first, cut, repeated)", n)
	}

	// When the new connection fails too, the error is returned: one retry,
	// no loop.
	p.mu.Lock()
	p.cutAll = true
	p.mu.Unlock()
	_, err = s.LookupNumber(ctx, "+49221471123", "")
	if err == nil {
		t.Fatal("lookup succeeded through a proxy that cuts everything")
	}
	if errors.Is(err, ErrAuth) || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wrong kind of error: %v", err)
	}
	if n := p.accepted.Load(); n != 3 {
		t.Fatalf("%d connections, want 3", n)
	}
}
