//go:build !windows

package receiver

import (
	"errors"
	"syscall"
)

// addrInUse reports whether a listen error means another socket has the port.
func addrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE)
}
