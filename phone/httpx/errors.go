package httpx

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"deskcti/phone"
)

// classify turns a transport error into a *phone.Error. The cause stays
// wrapped so that errors.Is still finds context.DeadlineExceeded and the
// like.
//
// A connect that times out counts as unreachable, not as a timeout: the
// phone never accepted the connection (it is off, or a firewall drops the
// packets), which is what phone.KindUnreachable means; KindTimeout is kept
// for a phone that accepted the connection and then did not answer.
func classify(vendor phone.Vendor, op string, err error) *phone.Error {
	pe := &phone.Error{Kind: phone.KindOther, Vendor: vendor, Op: op, Err: err}
	var ce *certError
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var recErr tls.RecordHeaderError
	switch {
	case errors.As(err, &ce):
		pe.Kind, pe.Fingerprint = ce.kind, ce.presented
	case errors.Is(err, context.Canceled):
		// The caller gave up; nothing to explain to the user.
	case errors.As(err, &dnsErr):
		pe.Kind = phone.KindUnreachable
	case errors.As(err, &opErr) && opErr.Op == "dial":
		pe.Kind = phone.KindUnreachable
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), isTimeout(err):
		pe.Kind = phone.KindTimeout
	case errors.As(err, &recErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		pe.Kind = phone.KindBadResponse
		pe.Err = fmt.Errorf("the phone answers plain http on this port, use an http:// address: %w", err)
	}
	return pe
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
