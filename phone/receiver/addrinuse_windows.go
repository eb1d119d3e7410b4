//go:build windows

package receiver

import (
	"errors"

	"golang.org/x/sys/windows"
)

// addrInUse reports whether a listen error means another socket has the
// port. Windows answers WSAEADDRINUSE, and WSAEACCES when the other socket
// holds the port exclusively (SO_EXCLUSIVEADDRUSE) or the port lies in a
// range reserved by Hyper-V: in every case the next port may be free.
func addrInUse(err error) bool {
	return errors.Is(err, windows.WSAEADDRINUSE) || errors.Is(err, windows.WSAEACCES)
}
