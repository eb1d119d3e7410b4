package ipc

import (
	"context"
	"fmt"
)

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
	b, err := encode(r)
	if err != nil {
		return Reply{}, fmt.Errorf("ipc send: %w", err)
	}
	c, err := dial(ctx, path)
	if err != nil {
		return Reply{}, err
	}
	defer c.Close()
	// Closing the connection is the one way to interrupt a blocked read
	// or write on both sockets and pipes.
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	var rep Reply
	if _, err = c.Write(b); err == nil {
		err = readMessage(c, &rep)
	}
	if err != nil {
		if ctx.Err() != nil {
			return Reply{}, fmt.Errorf("ipc send to %s: %w", path, ctx.Err())
		}
		if err == errEmpty {
			return Reply{}, fmt.Errorf("ipc send to %s: connection closed without a reply (refused?)", path)
		}
		return Reply{}, fmt.Errorf("ipc send to %s: %w", path, err)
	}
	return rep, nil
}
