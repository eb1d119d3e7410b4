//go:build unix

package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// Dial connects to the app at path; a missing socket or one nobody
// accepts on means the app is not running. It makes the socket with the
// system calls instead of package net (see the package doc). The socket
// is non-blocking, so the os.File joins the runtime's poller: reads and
// writes honour the deadline, and Close interrupts them.
func Dial(ctx context.Context, path string) (io.ReadWriteCloser, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return nil, fmt.Errorf("ipc dial %s: %w", path, err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return nil, fmt.Errorf("ipc dial %s: %w", path, err)
	}
	if err := connect(ctx, fd, path); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	f := os.NewFile(uintptr(fd), path)
	if dl, ok := ctx.Deadline(); ok {
		if err := f.SetDeadline(dl); err != nil {
			f.Close()
			return nil, fmt.Errorf("ipc dial %s: %w", path, err)
		}
	}
	return f, nil
}

// connect retries while the app's listen queue is full (EAGAIN on Linux)
// or the connection is still being set up (EINPROGRESS, EALREADY on the
// BSDs), until ctx ends: a busy app is not a missing one.
func connect(ctx context.Context, fd int, path string) error {
	addr := &syscall.SockaddrUnix{Name: path}
	for {
		err := syscall.Connect(fd, addr)
		switch {
		case err == nil, errors.Is(err, syscall.EISCONN):
			return nil
		case errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ECONNREFUSED):
			return fmt.Errorf("ipc dial %s: %w", path, ErrNotRunning)
		case !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EINPROGRESS) &&
			!errors.Is(err, syscall.EALREADY) && !errors.Is(err, syscall.EINTR):
			return fmt.Errorf("ipc dial %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("ipc dial %s: %w", path, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}
