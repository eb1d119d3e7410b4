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
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Request is what the second process forwards: its command line without
// the program name, e.g. ["dial", "030 1234"] or ["tel:+49301234"].
type Request struct {
	Args []string `json:"args"`
}

// Reply is the running app's answer, shown or printed by the second process.
type Reply struct {
	OK      bool   `json:"ok"`
	Message string `json:"message,omitempty"`
}

// MaxMessageSize bounds one request or reply on the wire (JSON plus the
// newline), so that a confused or hostile client cannot make the app
// buffer without limit.
const MaxMessageSize = 64 << 10

// DefaultTimeout bounds Send when its context has no deadline. The app
// answers in milliseconds; a second that passes means it is hung, and the
// caller is better off telling the user than waiting forever.
const DefaultTimeout = time.Second

// ioTimeout bounds how long the server waits for a client's request and
// for its reply to be taken, so a silent client cannot pin a goroutine.
const ioTimeout = 5 * time.Second

var (
	// ErrNotRunning means no app listens at the path: the caller does the
	// work itself.
	ErrNotRunning = errors.New("deskcti app is not running")
	// ErrRunning means Listen found another app answering at the path.
	ErrRunning = errors.New("deskcti app is already running")
	// ErrTooLarge means a request does not fit in MaxMessageSize.
	ErrTooLarge = errors.New("ipc message too large")
	// errEmpty marks a connection closed without a request: Listen's
	// probe of a running server, or a client that gave up.
	errEmpty = errors.New("empty request")
)

// encode marshals v as one JSON line.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("ipc encode: %w", err)
	}
	b = append(b, '\n')
	if len(b) > MaxMessageSize {
		return nil, fmt.Errorf("ipc encode: %d bytes: %w", len(b), ErrTooLarge)
	}
	return b, nil
}
