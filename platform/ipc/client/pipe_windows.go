//go:build windows

package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// DefaultPath is a named pipe named by the user's SID, so that users on
// one machine (terminal server) never meet.
func DefaultPath() (string, error) {
	sid, err := UserSID()
	if err != nil {
		return "", err
	}
	return `\\.\pipe\deskcti-` + sid, nil
}

// UserSID is the current user's security identifier, which names and
// guards the pipe.
func UserSID() (string, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", fmt.Errorf("ipc: current user: %w", err)
	}
	return u.User.Sid.String(), nil
}

// pipeConn is one end of a pipe; Close also cancels a read or write that
// another goroutine has pending (the watchdog and ctx rely on that).
type pipeConn struct {
	*os.File
	h windows.Handle
}

// NewPipeConn wraps a connected pipe handle (the server's accepted ones
// too).
func NewPipeConn(h windows.Handle, name string) io.ReadWriteCloser {
	return &pipeConn{File: os.NewFile(uintptr(h), name), h: h}
}

func (c *pipeConn) Close() error {
	windows.CancelIoEx(c.h, nil)
	return c.File.Close()
}

// Dial opens the pipe as a client, retrying while every instance is busy.
// SECURITY_IDENTIFICATION keeps a server that squats the name from acting
// with the client's rights.
func Dial(ctx context.Context, name string) (io.ReadWriteCloser, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, fmt.Errorf("ipc dial %s: %w", name, err)
	}
	for {
		h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil,
			windows.OPEN_EXISTING, windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
		if err == nil {
			return NewPipeConn(h, name), nil
		}
		switch {
		case errors.Is(err, windows.ERROR_FILE_NOT_FOUND):
			return nil, fmt.Errorf("ipc dial %s: %w", name, ErrNotRunning)
		case !errors.Is(err, windows.ERROR_PIPE_BUSY):
			return nil, fmt.Errorf("ipc dial %s: %w", name, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ipc dial %s: %w", name, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}
