package receiver

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
)

// listenFallback binds addr, or when its port is in use one of the next
// fallback ports. It reports whether another port than the configured one
// is used. Port 0 (the system picks) never falls back.
func listenFallback(addr string, fallback int) (net.Listener, bool, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, false, fmt.Errorf("receiver listen %s: %w", addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, false, fmt.Errorf("receiver listen %s: port %q is not a number", addr, portText)
	}
	if port == 0 {
		fallback = 0
	}
	var firstErr error
	for i := 0; i <= fallback && port+i <= 65535; i++ {
		a := net.JoinHostPort(host, strconv.Itoa(port+i))
		ln, err := net.Listen("tcp", a)
		if err == nil {
			return ln, i > 0, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if !addrInUse(err) {
			return nil, false, listenError(a, port+i, err)
		}
	}
	last := port + min(fallback, 65535-port)
	if fallback > 0 {
		return nil, false, fmt.Errorf("receiver listen %s: ports %d to %d are all in use by other programs "+
			"(another deskcti or PhoneSuite instance?); close that program or choose a free port: %w",
			addr, port, last, firstErr)
	}
	return nil, false, fmt.Errorf("receiver listen %s: port %d is in use by another program "+
		"(another deskcti or PhoneSuite instance?); close it or choose a free port: %w", addr, port, firstErr)
}

// listenError turns a listen failure other than "in use" into advice.
func listenError(addr string, port int, err error) error {
	switch {
	case errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM):
		if port < 1024 {
			return fmt.Errorf("receiver listen %s: permission denied: ports below 1024 need administrator "+
				"rights (on Linux root or CAP_NET_BIND_SERVICE); use a port from 1024 up, e.g. 8080: %w", addr, err)
		}
		return fmt.Errorf("receiver listen %s: permission denied by the system (a security policy or, "+
			"on Windows, a reserved port range); choose another port: %w", addr, err)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("receiver listen %s: the address is not one of this computer's; "+
			"use 0.0.0.0 (all interfaces) or an address of this PC: %w", addr, err)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("receiver listen %s: the host name does not resolve; use an IP address such as 0.0.0.0: %w", addr, err)
	}
	return fmt.Errorf("receiver listen %s: %w", addr, err)
}
