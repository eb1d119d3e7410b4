package ipc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"deskcti/platform/ipc/client"
)

// pipeListener hands out connected pipe instances. ConnectNamedPipe
// blocks on the one pending instance; the next is created as soon as a
// client takes it, so later clients rarely see ERROR_PIPE_BUSY (and retry
// when they do).
type pipeListener struct {
	name   string
	sa     *windows.SecurityAttributes
	mu     sync.Mutex
	next   windows.Handle
	closed atomic.Bool
}

// listen creates the first pipe instance. FILE_FLAG_FIRST_PIPE_INSTANCE
// makes that fail when the name exists, which is how a running app is
// detected; the DACL admits only the current user (GA = generic all),
// and remote clients are rejected.
func listen(name string) (listener, error) {
	sid, err := client.UserSID()
	if err != nil {
		return nil, err
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;;GA;;;" + sid + ")")
	if err != nil {
		return nil, fmt.Errorf("ipc listen %s: security descriptor: %w", name, err)
	}
	sa := &windows.SecurityAttributes{SecurityDescriptor: sd}
	sa.Length = uint32(unsafe.Sizeof(*sa))
	l := &pipeListener{name: name, sa: sa}
	h, err := l.create(true)
	if err != nil {
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_PIPE_BUSY) {
			return nil, fmt.Errorf("ipc listen %s: %w", name, ErrRunning)
		}
		return nil, fmt.Errorf("ipc listen %s: %w", name, err)
	}
	l.next = h
	return l, nil
}

func (l *pipeListener) create(first bool) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(l.name)
	if err != nil {
		return windows.InvalidHandle, err
	}
	flags := uint32(windows.PIPE_ACCESS_DUPLEX)
	if first {
		flags |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	mode := uint32(windows.PIPE_TYPE_BYTE | windows.PIPE_READMODE_BYTE | windows.PIPE_WAIT | windows.PIPE_REJECT_REMOTE_CLIENTS)
	return windows.CreateNamedPipe(name, flags, mode, windows.PIPE_UNLIMITED_INSTANCES, MaxMessageSize, MaxMessageSize, 0, l.sa)
}

func (l *pipeListener) Accept() (io.ReadWriteCloser, error) {
	l.mu.Lock()
	h := l.next
	l.next = windows.InvalidHandle
	l.mu.Unlock()
	if h == windows.InvalidHandle {
		return nil, fmt.Errorf("ipc accept %s: closed", l.name)
	}
	err := windows.ConnectNamedPipe(h, nil)
	if l.closed.Load() {
		windows.CloseHandle(h)
		return nil, fmt.Errorf("ipc accept %s: closed", l.name)
	}
	next, nerr := l.create(false)
	l.mu.Lock()
	if nerr == nil {
		l.next = next
	}
	l.mu.Unlock()
	if err != nil && !errors.Is(err, windows.ERROR_PIPE_CONNECTED) {
		windows.CloseHandle(h)
		return nil, fmt.Errorf("ipc accept %s: %w", l.name, err)
	}
	return client.NewPipeConn(h, l.name), nil
}

// Close wakes the blocked ConnectNamedPipe by connecting to it: a
// synchronous pipe handle offers no other portable way.
func (l *pipeListener) Close() error {
	if l.closed.Swap(true) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if c, err := client.Dial(ctx, l.name); err == nil {
		c.Close()
	}
	l.mu.Lock()
	if l.next != windows.InvalidHandle {
		windows.CloseHandle(l.next)
		l.next = windows.InvalidHandle
	}
	l.mu.Unlock()
	return nil
}
