//go:build linux || darwin || freebsd

package ipc

import (
	"fmt"
	"net"
	"os"
)

// checkPeer refuses a connection whose process runs as another user; the
// kernel reports the peer's uid as of connect time, so it cannot be faked.
func checkPeer(c *net.UnixConn) error {
	raw, err := c.SyscallConn()
	if err != nil {
		return fmt.Errorf("ipc peer: %w", err)
	}
	var uid uint32
	var uerr error
	if err := raw.Control(func(fd uintptr) { uid, uerr = peerUID(int(fd)) }); err != nil {
		return fmt.Errorf("ipc peer: %w", err)
	}
	if uerr != nil {
		return fmt.Errorf("ipc peer: %w", uerr)
	}
	if int(uid) != os.Getuid() {
		return fmt.Errorf("ipc peer: uid %d is not this user", uid)
	}
	return nil
}
