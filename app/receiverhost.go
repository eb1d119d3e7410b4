package app

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// LocalAddrFor returns this PC's address on the interface that routes to
// the phone: the address the phone must send its events to. It asks the
// operating system's routing table by "connecting" a UDP socket, which
// sends no packet.
func LocalAddrFor(phoneURL string) (netip.Addr, error) {
	host := phoneURL
	if u, err := url.Parse(phoneURL); err == nil && u.Host != "" {
		host = u.Hostname()
	} else if h, _, err := net.SplitHostPort(phoneURL); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "" {
		return netip.Addr{}, fmt.Errorf("local address for the phone: %w", ErrNoPhone)
	}
	conn, err := net.Dial("udp", net.JoinHostPort(host, "9"))
	if err != nil {
		return netip.Addr{}, fmt.Errorf("local address for the phone %s: no route: %w", host, err)
	}
	defer conn.Close()
	ap, err := netip.ParseAddrPort(conn.LocalAddr().String())
	if err != nil {
		return netip.Addr{}, fmt.Errorf("local address for the phone %s: %w", host, err)
	}
	return ap.Addr().Unmap(), nil
}

// PhoneAddr resolves the phone's host to an address, for the receiver's
// allow list.
func PhoneAddr(ctx context.Context, phoneURL string) (netip.Addr, error) {
	u, err := url.Parse(phoneURL)
	host := phoneURL
	if err == nil && u.Host != "" {
		host = u.Hostname()
	}
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return a.Unmap(), nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return netip.Addr{}, fmt.Errorf("phone address %q: %w", host, err)
	}
	return addrs[0].Unmap(), nil
}
