package receiver

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// loopback is who may send events when Allow is empty: the PC itself.
var loopback = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("::1/128"),
}

// ParsePrefix reads one entry of an allow or deny list as a user types it:
// a single address ("192.168.1.20", "::1"), a CIDR subnet
// ("192.168.1.0/24", "fe80::/10") or an IPv4 address with a dotted netmask
// ("192.168.1.0/255.255.255.0", as PBX web interfaces ask for it). Host
// bits are cleared ("192.168.1.20/24" means 192.168.1.0/24), IPv4-mapped
// IPv6 addresses are read as IPv4, and a zone ("%eth0") is dropped because
// peers are matched without one.
func ParsePrefix(s string) (netip.Prefix, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return netip.Prefix{}, fmt.Errorf("address list entry is empty: want an address like 192.168.1.20 or a subnet like 192.168.1.0/24")
	}
	addrPart, bitsPart, hasBits := strings.Cut(in, "/")
	addrPart, _, _ = strings.Cut(addrPart, "%") // zone
	addr, err := netip.ParseAddr(addrPart)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address%s: want an address like 192.168.1.20 or a subnet like 192.168.1.0/24", s, addrHint(addrPart))
	}
	addr = addr.Unmap()
	if !hasBits {
		return netip.PrefixFrom(addr, addr.BitLen()), nil
	}
	bits, err := prefixBits(addr, bitsPart)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q: %w", s, err)
	}
	return netip.PrefixFrom(addr, bits).Masked(), nil
}

// prefixBits reads the part after the slash: a length, or for IPv4 a
// contiguous dotted netmask.
func prefixBits(addr netip.Addr, s string) (int, error) {
	if mask, err := netip.ParseAddr(s); err == nil {
		if !addr.Is4() || !mask.Is4() {
			return 0, fmt.Errorf("a dotted netmask only goes with an IPv4 address")
		}
		m := mask.As4()
		v := uint32(m[0])<<24 | uint32(m[1])<<16 | uint32(m[2])<<8 | uint32(m[3])
		ones := 0
		for v&0x80000000 != 0 {
			ones++
			v <<= 1
		}
		if v != 0 {
			return 0, fmt.Errorf("netmask %s is not contiguous (e.g. 255.255.255.0)", s)
		}
		return ones, nil
	}
	n := 0
	if s == "" || len(s) > 3 {
		return 0, fmt.Errorf("prefix length %q is not a number from 0 to %d", s, addr.BitLen())
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("prefix length %q is not a number from 0 to %d", s, addr.BitLen())
		}
		n = n*10 + int(c-'0')
	}
	if n > addr.BitLen() {
		return 0, fmt.Errorf("prefix length %d is larger than %d", n, addr.BitLen())
	}
	return n, nil
}

// addrHint explains the two mistakes users make most.
func addrHint(s string) string {
	switch {
	case strings.Contains(s, "*"):
		return " (wildcards are not supported; write 10.10.0.0/16 instead of 10.10.*.*)"
	case strings.Count(s, ".") == 3 && hasLeadingZero(s):
		return " (leading zeros are not allowed: 192.168.1.20, not 192.168.001.020)"
	}
	return ""
}

func hasLeadingZero(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if len(part) > 1 && part[0] == '0' {
			return true
		}
	}
	return false
}

// access is one immutable pair of lists; SetAccess swaps it whole.
type access struct {
	allow, deny []netip.Prefix
}

func newAccess(allow, deny []netip.Prefix) *access {
	a := &access{allow: normalize(allow), deny: normalize(deny)}
	if len(a.allow) == 0 {
		a.allow = loopback
	}
	return a
}

// normalize copies the list (the caller may reuse its slice), drops
// invalid prefixes and reads IPv4-mapped prefixes as IPv4.
func normalize(ps []netip.Prefix) []netip.Prefix {
	out := make([]netip.Prefix, 0, len(ps))
	for _, p := range ps {
		if !p.IsValid() {
			continue
		}
		a := p.Addr()
		if a.Is4In6() {
			bits := max(p.Bits()-96, 0)
			p = netip.PrefixFrom(a.Unmap(), bits)
		}
		out = append(out, p.Masked())
	}
	return out
}

// verdict is why a peer was refused; "" means allowed.
func (a *access) verdict(peer netip.Addr) string {
	if slices.ContainsFunc(a.deny, func(p netip.Prefix) bool { return p.Contains(peer) }) {
		return "address is in the deny list"
	}
	if !slices.ContainsFunc(a.allow, func(p netip.Prefix) bool { return p.Contains(peer) }) {
		return "address is not in the allow list"
	}
	return ""
}

// peerAddr is the form of a peer's address that lists match and
// diagnostics show: IPv4-mapped IPv6 as IPv4 (a dual-stack socket reports
// IPv4 peers that way), without a zone (netip.Prefix never contains a
// zoned address).
func peerAddr(a netip.Addr) netip.Addr {
	return a.Unmap().WithZone("")
}
