// Package client is the sending half of deskcti's ipc and the wire format
// both halves speak: one JSON line each way per connection. It is apart
// from package ipc (the server) so that it needs neither package net nor
// golang.org/x/sys on Unix: cmd/deskcti's init-time hand-over imports it,
// and Go initialises a package only after everything it imports, so each
// of those would let heavy packages initialise first.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
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

var (
	// ErrNotRunning means no app listens at the path: the caller does the
	// work itself.
	ErrNotRunning = errors.New("deskcti app is not running")
	// ErrNoReply means the request was sent but no reply came: the app
	// may have acted on it (dialled), so the caller must not do it again.
	ErrNoReply = errors.New("the running deskcti app did not answer")
	// ErrTooLarge means a message does not fit in MaxMessageSize.
	ErrTooLarge = errors.New("ipc message too large")
	// ErrEmpty marks a connection closed without a message: the server's
	// probe of a running server, or a peer that gave up.
	ErrEmpty = errors.New("empty request")
)

// Encode marshals v as one JSON line.
func Encode(v any) ([]byte, error) {
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

// Read reads one JSON line of at most MaxMessageSize bytes into v.
// A missing final newline is tolerated (the peer may have closed right
// after writing); nothing at all is ErrEmpty.
func Read(r io.Reader, v any) error {
	buf := make([]byte, 0, 512)
	chunk := make([]byte, 4096)
	for {
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			buf = buf[:i]
			break
		}
		if len(buf) >= MaxMessageSize {
			return ErrTooLarge
		}
		n, err := r.Read(chunk[:min(len(chunk), MaxMessageSize+1-len(buf))])
		buf = append(buf, chunk[:n]...)
		if errors.Is(err, io.EOF) {
			if len(bytes.TrimSpace(buf)) == 0 {
				return ErrEmpty
			}
			if len(buf) > MaxMessageSize {
				return ErrTooLarge
			}
			break
		}
		if err != nil {
			return err
		}
	}
	if err := json.Unmarshal(buf, v); err != nil {
		return fmt.Errorf("malformed message: %w", err)
	}
	return nil
}

// Send forwards r to the app listening at path ("" means DefaultPath) and
// returns its reply. It returns an error wrapping ErrNotRunning when
// nobody listens, so the caller can do the work itself. ctx bounds the
// whole exchange; without a deadline, DefaultTimeout applies.
func Send(ctx context.Context, path string, r Request) (Reply, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			return Reply{}, err
		}
		path = p
	}
	b, err := Encode(r)
	if err != nil {
		return Reply{}, fmt.Errorf("ipc send: %w", err)
	}
	c, err := Dial(ctx, path)
	if err != nil {
		return Reply{}, err
	}
	defer c.Close()
	// Closing the connection is the one way to interrupt a blocked read
	// or write on both sockets and pipes.
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if _, err := c.Write(b); err != nil {
		// The server acts only on a whole request, which it did not get.
		return Reply{}, fmt.Errorf("ipc send to %s: %w", path, expired(ctx, err))
	}
	var rep Reply
	if err := Read(c, &rep); err != nil {
		switch err = expired(ctx, err); {
		case err == ErrEmpty:
			err = errors.New("connection closed without a reply")
		}
		return Reply{}, fmt.Errorf("ipc send to %s: %w: %w", path, ErrNoReply, err)
	}
	return rep, nil
}

// expired reports a deadline as the context's error: the socket's own
// deadline (set from ctx) can fire a moment before ctx notices.
func expired(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return context.DeadlineExceeded
	}
	return err
}
