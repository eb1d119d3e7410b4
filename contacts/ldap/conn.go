package ldap

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"time"

	goldap "github.com/go-ldap/ldap/v3"
)

// maxIdle is how long an unused connection is trusted. Servers drop idle
// connections (Active Directory after 15 minutes) and NAT routers forget
// them silently; a connection that died unnoticed costs a whole Timeout, so
// after a quiet spell we rather dial again.
const maxIdle = 5 * time.Minute

// session is one bound connection.
type session struct {
	l *goldap.Conn
	// raw is the TCP connection under l. go-ldap takes no context, so
	// closing raw is how a deadline or cancellation stops it waiting.
	raw     net.Conn
	lastUse time.Time
}

// lock takes the right to use s.sess, giving up when ctx ends.
func (s *Source) lock(ctx context.Context) error {
	select {
	case s.mu <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctxErr(ctx, "waiting for the connection")
	}
}

func (s *Source) unlock() { <-s.mu }

// dropSession closes the connection; the next request dials again.
// The lock must be held.
func (s *Source) dropSession() {
	if s.sess == nil {
		return
	}
	_ = s.sess.raw.Close() // first, so that Close below cannot wait on the server
	_ = s.sess.l.Close()
	s.sess = nil
}

// do runs op on the connection, dialing and binding first when there is
// none or it broke. A reused connection that turns out broken (the server
// restarted or dropped it) is replaced once, so that a restart costs no
// lookup. The lock must be held.
func (s *Source) do(ctx context.Context, op func(*goldap.Conn) error) error {
	for attempt := 0; ; attempt++ {
		if s.sess != nil && (s.sess.l.IsClosing() || time.Since(s.sess.lastUse) > maxIdle) {
			s.dropSession()
		}
		reused := s.sess != nil
		if !reused {
			sess, err := s.connect(ctx)
			if err != nil {
				return err
			}
			s.sess = sess
		}
		sess := s.sess
		stop := context.AfterFunc(ctx, func() { _ = sess.raw.Close() })
		err := op(sess.l)
		stop()
		if ctx.Err() != nil {
			// raw is or will be closed; an answer that made it is still good.
			s.dropSession()
			if err != nil {
				return ctxErr(ctx, "search")
			}
			return nil
		}
		if err == nil {
			sess.lastUse = time.Now()
			return nil
		}
		// go-ldap reports a connection lost under a request as a plain
		// error ("unable to read LDAP response packet: EOF"), having closed
		// the connection; hence IsClosing next to the error codes.
		if !brokenConn(err) && !sess.l.IsClosing() {
			return err
		}
		s.dropSession()
		if !reused || attempt > 0 {
			return err
		}
	}
}

// connect dials, secures and binds a new connection within ctx.
func (s *Source) connect(ctx context.Context) (*session, error) {
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", s.ep.hostPort)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxErr(ctx, "connect")
		}
		return nil, fmt.Errorf("connect: %w: %w", ErrUnreachable, err)
	}
	stop := context.AfterFunc(ctx, func() { _ = raw.Close() })
	sess, err := s.setup(ctx, raw)
	if !stop() || ctx.Err() != nil {
		_ = raw.Close()
		if sess != nil {
			_ = sess.l.Close()
		}
		return nil, ctxErr(ctx, "connect")
	}
	if err != nil {
		_ = raw.Close()
		return nil, err
	}
	return sess, nil
}

// setup speaks TLS and binds on a fresh connection.
func (s *Source) setup(ctx context.Context, raw net.Conn) (*session, error) {
	conn := raw
	if s.ep.ldaps {
		tc := tls.Client(raw, s.tls)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("TLS handshake with %s: %w", s.ep.hostPort, err)
		}
		conn = tc
	}
	l := goldap.NewConn(conn, s.ep.ldaps)
	l.Start()
	// A backstop for go-ldap's own waits; later than ctx's deadline, which
	// is the one that counts, so that a timeout is reported as one.
	l.SetTimeout(s.cfg.Timeout + time.Second)
	if s.cfg.StartTLS {
		if err := l.StartTLS(s.tls); err != nil {
			_ = l.Close()
			return nil, fmt.Errorf("StartTLS with %s: %w", s.ep.hostPort, err)
		}
	}
	if s.cfg.BindDN != "" {
		if err := l.Bind(s.cfg.BindDN, s.cfg.BindPassword); err != nil {
			_ = l.Close()
			if goldap.IsErrorWithCode(err, goldap.LDAPResultInvalidCredentials) {
				return nil, fmt.Errorf("bind as %q: %w: %w", s.cfg.BindDN, ErrAuth, err)
			}
			return nil, fmt.Errorf("bind as %q: %w", s.cfg.BindDN, err)
		}
	}
	return &session{l: l, raw: raw, lastUse: time.Now()}, nil
}
