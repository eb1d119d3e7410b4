package firewall

import (
	"strings"
)

// parseNft reads the output of `nft list ruleset` and judges every rule
// for a new TCP connection to port. Base chains of type filter on the
// input hook of the ip and inet families are the entry points; ip6, arp,
// bridge and netdev tables do not see the phone's IPv4 packets to us.
func parseNft(out string, port int) *ruleset {
	rs := &ruleset{}
	type block struct{ kind, name string }
	var (
		stack          []block
		family, table  string
		cur            *chain
		curSet         string
		sets           = map[string]string{} // table+set -> elements text
		setIsPort      = map[string]bool{}
		iptablesNext   bool
		iptablesTables = map[string]bool{}
		pending        []*chain
	)
	for _, line := range nftLines(out) {
		switch {
		case strings.HasPrefix(line, "#"):
			// iptables-nft marks its tables so: "# Warning: table ip
			// filter is managed by iptables-nft, do not touch!"
			if strings.Contains(line, "iptables-nft") {
				iptablesNext = true
			}
			continue
		case line == "}":
			if n := len(stack); n > 0 {
				switch stack[n-1].kind {
				case "chain":
					cur = nil
				case "set", "map":
					curSet = ""
				}
				stack = stack[:n-1]
			}
			continue
		}
		if nftOpensBlock(line) {
			f := strings.Fields(strings.TrimSuffix(line, "{"))
			b := block{kind: f[0]}
			switch {
			case f[0] == "table" && len(f) >= 3:
				family, table = f[1], f[2]
				iptablesTables[family+" "+table] = iptablesNext
				iptablesNext = false
			case f[0] == "table" && len(f) == 2:
				family, table = "ip", f[1] // nft's default family
			case f[0] == "chain" && len(f) >= 2:
				cur = &chain{family: family, table: table, name: f[1], policy: actAccept,
					iptablesManaged: iptablesTables[family+" "+table]}
				rs.add(cur)
				pending = append(pending, cur)
			case (f[0] == "set" || f[0] == "map") && len(f) >= 2:
				curSet = family + " " + table + " " + f[1]
			}
			stack = append(stack, b)
			continue
		}
		switch {
		case curSet != "":
			if v, ok := strings.CutPrefix(line, "elements = "); ok {
				sets[curSet] = v
			}
			if strings.HasPrefix(line, "type inet_service") || strings.HasPrefix(line, "typeof tcp dport") ||
				strings.HasPrefix(line, "typeof th dport") {
				setIsPort[curSet] = true
			}
		case cur != nil && strings.HasPrefix(line, "type ") && strings.Contains(line, " hook "):
			nftChainHeader(cur, line)
		case cur != nil:
			r := nftRule(line, port, func(name string) (portSet, bool) {
				key := cur.family + " " + cur.table + " " + name
				if !setIsPort[key] {
					return nil, false
				}
				return parsePorts(strings.Trim(sets[key], "{} "), ",", "-")
			})
			cur.rules = append(cur.rules, r)
		}
	}
	for _, c := range pending {
		// nft 1.0.6 prints the iptables-nft warning on stderr only; the
		// chain names iptables-nft uses give it away as well.
		if c.family == "ip" && c.table == "filter" && c.name == "INPUT" {
			c.iptablesManaged = true
		}
		if c.base && (c.family == "ip" || c.family == "inet") {
			rs.bases = append(rs.bases, c)
		}
	}
	return rs
}

// nftChainHeader reads "type filter hook input priority filter; policy drop;".
func nftChainHeader(c *chain, line string) {
	f := strings.Fields(strings.ReplaceAll(line, ";", " ; "))
	typ, hook := "", ""
	for i := 0; i+1 < len(f); i++ {
		switch f[i] {
		case "type":
			typ = f[i+1]
		case "hook":
			hook = f[i+1]
		case "policy":
			if f[i+1] == "drop" {
				c.policy = actDrop
			}
		}
	}
	c.base = typ == "filter" && hook == "input"
}

// nftLines splits the output into trimmed lines and joins the lines of an
// element list that nft wraps ("elements = { 22, 80,\n 443 }").
func nftLines(out string) []string {
	var lines []string
	var acc strings.Builder
	depth := 0
	for _, raw := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if depth > 0 {
			acc.WriteString(" " + line)
			depth += strings.Count(line, "{") - strings.Count(line, "}")
			if depth <= 0 {
				lines, depth = append(lines, acc.String()), 0
				acc.Reset()
			}
			continue
		}
		if opens, closes := strings.Count(line, "{"), strings.Count(line, "}"); opens > closes && !nftOpensBlock(line) {
			acc.WriteString(line)
			depth = opens - closes
			continue
		}
		lines = append(lines, line)
	}
	if acc.Len() > 0 {
		lines = append(lines, acc.String())
	}
	return lines
}

// nftOpensBlock tells "chain input {" from a wrapped "elements = {".
func nftOpensBlock(line string) bool {
	if !strings.HasSuffix(line, "{") {
		return false
	}
	f := strings.Fields(line)
	switch f[0] {
	case "table", "chain", "set", "map", "flowtable", "counter", "quota", "limit", "ct", "secmark", "synproxy":
		return true
	}
	return false
}
