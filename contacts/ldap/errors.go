package ldap

import (
	"context"
	"errors"
	"fmt"

	goldap "github.com/go-ldap/ldap/v3"
)

// Errors callers can test for with errors.Is to tell the user what to fix.
// Timeouts and cancellation wrap context.DeadlineExceeded and
// context.Canceled.
var (
	// ErrAuth: the server refused the bind DN or password.
	ErrAuth = errors.New("the directory refused the bind DN or password")
	// ErrUnreachable: no connection to the server's port.
	ErrUnreachable = errors.New("directory server not reachable")
)

// brokenConn reports whether err means the connection is unusable, as
// opposed to the server answering with an error on a working connection.
func brokenConn(err error) bool {
	return goldap.IsErrorAnyOf(err, goldap.ErrorNetwork, goldap.LDAPResultServerDown,
		goldap.LDAPResultUnavailable, goldap.LDAPResultConnectError)
}

// ctxErr reports that ctx ended during what; the error from the connection,
// which we closed ourselves to stop waiting, adds nothing and is dropped.
func ctxErr(ctx context.Context, what string) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: no answer in time: %w", what, ctx.Err())
	}
	return fmt.Errorf("%s: %w", what, ctx.Err())
}
