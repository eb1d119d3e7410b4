// Package ipc lets a second deskcti process (`deskcti dial TEXT`, or
// `deskcti tel:+49…` started by a browser) hand its command line to the
// desktop app that is already running, and exit at once.
//
// The channel is private to the user: a Unix domain socket with mode 0600
// in a 0700 directory, whose peers are also checked by uid where the
// kernel tells it (Linux SO_PEERCRED, macOS/FreeBSD LOCAL_PEERCRED); on
// Windows a named pipe whose security descriptor admits only the current
// user. One request per connection, one JSON line each way.
package ipc

import (
	"context"
	"errors"
	"time"

	"deskcti/platform/ipc/client"
)

// The wire format and the sending half live in package client (see its
// doc for why); these names keep ipc one package to its users.
type (
	// Request is what the second process forwards (client.Request).
	Request = client.Request
	// Reply is the running app's answer (client.Reply).
	Reply = client.Reply
)

// MaxMessageSize bounds one message on the wire (client.MaxMessageSize).
const MaxMessageSize = client.MaxMessageSize

// DefaultTimeout bounds Send without a deadline (client.DefaultTimeout).
const DefaultTimeout = client.DefaultTimeout

var (
	// ErrNotRunning means no app listens at the path (client.ErrNotRunning).
	ErrNotRunning = client.ErrNotRunning
	// ErrNoReply means the request went out but no reply came
	// (client.ErrNoReply): the app may have acted on it.
	ErrNoReply = client.ErrNoReply
	// ErrTooLarge means a message does not fit in MaxMessageSize.
	ErrTooLarge = client.ErrTooLarge
	// ErrRunning means Listen found another app answering at the path.
	ErrRunning = errors.New("deskcti app is already running")
)

// Send forwards r to the app at path ("" means DefaultPath); see
// client.Send.
func Send(ctx context.Context, path string, r Request) (Reply, error) {
	return client.Send(ctx, path, r)
}

// DefaultPath is where the app listens; see client.DefaultPath.
func DefaultPath() (string, error) { return client.DefaultPath() }

// ioTimeout bounds how long the server waits for a client's request and
// for its reply to be taken, so a silent client cannot pin a goroutine.
const ioTimeout = 5 * time.Second
