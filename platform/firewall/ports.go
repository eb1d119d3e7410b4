package firewall

import (
	"net"
	"regexp"
	"strconv"
	"strings"
)

var serviceName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// portRange is an inclusive range of port numbers.
type portRange struct{ lo, hi int }

// portSet is a list of port ranges, as the firewalls print them.
type portSet []portRange

func (ps portSet) contains(port int) bool {
	for _, r := range ps {
		if port >= r.lo && port <= r.hi {
			return true
		}
	}
	return false
}

// parsePorts reads a list like "80,443,8000-8100". Every tool has its own
// separators: nftables, firewalld and netsh write ranges with '-', ufw and
// iptables with ':' (where ":100" and "100:" leave one end open). Named
// services ("http-alt") are looked up in /etc/services. ok is false when
// any item is not understood.
func parsePorts(s, listSep, rangeSep string) (ps portSet, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	for _, item := range strings.Split(s, listSep) {
		item = strings.TrimSpace(item)
		lo, hi, isRange := strings.Cut(item, rangeSep)
		if !isRange || serviceName.MatchString(item) { // "http-alt" is no range
			p, ok := parsePort(item)
			if !ok {
				return nil, false
			}
			ps = append(ps, portRange{p, p})
			continue
		}
		l, h := 0, 65535
		if lo = strings.TrimSpace(lo); lo != "" {
			if l, ok = parsePort(lo); !ok {
				return nil, false
			}
		}
		if hi = strings.TrimSpace(hi); hi != "" {
			if h, ok = parsePort(hi); !ok {
				return nil, false
			}
		}
		ps = append(ps, portRange{l, h})
	}
	return ps, true
}

func parsePort(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n <= 65535
	}
	if !serviceName.MatchString(s) {
		return 0, false
	}
	// nft -S, ufw and netsh may print a service name; the pure-Go lookup
	// reads /etc/services and never touches the network for a port.
	n, err := net.LookupPort("tcp", s)
	return n, err == nil
}
