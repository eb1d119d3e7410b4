//go:build unix

package ipc

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// unixListener accepts only peers of the same user and removes its socket
// file on Close.
type unixListener struct {
	ln   *net.UnixListener
	path string
	fi   os.FileInfo // the socket file we made, so Close never removes a successor's
}

func (l *unixListener) Accept() (io.ReadWriteCloser, error) {
	for {
		c, err := l.ln.AcceptUnix()
		if err != nil {
			return nil, err
		}
		if err := checkPeer(c); err != nil {
			// No reply: another user learns nothing about the app.
			c.Close()
			continue
		}
		return c, nil
	}
}

func (l *unixListener) Close() error {
	err := l.ln.Close()
	if fi, e := os.Lstat(l.path); e == nil && os.SameFile(fi, l.fi) {
		os.Remove(l.path)
	}
	if err != nil {
		return fmt.Errorf("ipc close %s: %w", l.path, err)
	}
	return nil
}

// listen binds the socket under a private temporary name, makes it 0600
// and only then links it to path. So the well-known name never exists
// with a wider mode — without changing the process-wide umask under the
// feet of other goroutines — and the 0700 directory is a second fence.
func listen(path string) (listener, error) {
	if err := ensurePrivateDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+strconv.Itoa(os.Getpid())+"."+strconv.FormatInt(time.Now().UnixNano()%1e6, 10))
	os.Remove(tmp)
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: tmp, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("ipc listen %s: %w", path, err)
	}
	ln.SetUnlinkOnClose(false)
	defer os.Remove(tmp)
	if err := os.Chmod(tmp, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("ipc listen %s: %w", path, err)
	}
	if err := publish(tmp, path); err != nil {
		ln.Close()
		return nil, err
	}
	fi, err := os.Lstat(path)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("ipc listen %s: %w", path, err)
	}
	return &unixListener{ln: ln, path: path, fi: fi}, nil
}

// publish gives the bound socket tmp its well-known name. A hard link
// fails if the name exists, so two apps starting together cannot both
// win; an existing socket is replaced only when nobody answers on it.
func publish(tmp, path string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := os.Link(tmp, path)
		if err == nil {
			return nil
		}
		if !errors.Is(err, fs.ErrExist) {
			// No hard links here (odd file system): rename after the same
			// liveness check, accepting a narrow race between two starts.
			if answers(path) {
				return fmt.Errorf("ipc listen %s: %w", path, ErrRunning)
			}
			if err := os.Rename(tmp, path); err != nil {
				return fmt.Errorf("ipc listen %s: %w", path, err)
			}
			return nil
		}
		if answers(path) {
			return fmt.Errorf("ipc listen %s: %w", path, ErrRunning)
		}
		if err := removeStale(path); err != nil {
			return err
		}
	}
	return fmt.Errorf("ipc listen %s: %w", path, ErrRunning)
}

// answers reports whether an app accepts connections at path.
func answers(path string) bool {
	c, err := net.DialTimeout("unix", path, 500*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// removeStale deletes a dead socket, and refuses to delete anything that
// is not a socket: a wrong path must not cost the user a file.
func removeStale(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("ipc listen %s: %w", path, err)
	}
	if fi.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("ipc listen %s: exists and is not a socket", path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("ipc listen %s: remove stale socket: %w", path, err)
	}
	return nil
}

// ensurePrivateDir creates dir with mode 0700, and refuses one that
// another user owns or others can enter: whoever controls the directory
// could swap the socket for their own.
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("ipc directory: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("ipc directory: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok {
		return fmt.Errorf("ipc directory %s: not a directory", dir)
	}
	if int(st.Uid) != os.Getuid() {
		return fmt.Errorf("ipc directory %s: owned by uid %d, not by this user", dir, st.Uid)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("ipc directory %s: mode %04o lets other users in; want 0700", dir, fi.Mode().Perm())
	}
	return nil
}
