package firewall

import (
	"strings"
)

// parseIptables reads the output of `iptables -S` (the filter table, all
// chains, so that jumps into user chains can be followed) and judges every
// rule for a new TCP connection to port. INPUT is the only base chain.
func parseIptables(out string, port int) *ruleset {
	rs := &ruleset{}
	get := func(name string) *chain {
		if c := rs.chains[chainKey("", "", name)]; c != nil {
			return c
		}
		c := &chain{name: name, policy: actAccept, base: name == "INPUT"}
		rs.add(c)
		return c
	}
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		args := splitArgs(strings.TrimSpace(line))
		if len(args) < 2 {
			continue
		}
		switch args[0] {
		case "-P":
			c := get(args[1])
			if len(args) > 2 && args[2] != "ACCEPT" {
				c.policy = actDrop
			}
		case "-N":
			get(args[1])
		case "-A":
			c := get(args[1])
			c.rules = append(c.rules, iptablesRule(args[2:], port))
		}
	}
	if in := rs.chains[chainKey("", "", "INPUT")]; in != nil {
		rs.bases = []*chain{in}
	}
	return rs
}

// iptablesRule judges the options of one -A line.
func iptablesRule(args []string, port int) rule {
	r := rule{text: strings.Join(args, " ")}
	neg := false
	val := func(i int) string {
		if i+1 < len(args) {
			return args[i+1]
		}
		return ""
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "!" {
			neg = true
			continue
		}
		switch a {
		case "-p", "--protocol":
			p := val(i)
			i++
			isTCP := p == "tcp" || p == "6" || p == "all" || p == "0"
			if isTCP == neg {
				r.skip = true
			}
		case "--dport", "--destination-port", "--dports", "--destination-ports":
			ps, ok := parsePorts(val(i), ",", ":")
			i++
			switch {
			case !ok:
				r.port = portMaybe
			case ps.contains(port) != neg:
				r.port = portYes
			default:
				r.port = portNo
			}
		case "-i", "--in-interface":
			lo := val(i) == "lo"
			switch {
			case lo && !neg:
				r.skip = true
			case !lo:
				r.conds = append(r.conds, iptNeg(neg)+"-i "+val(i))
			}
			i++
		case "--ctstate", "--state":
			if strings.Contains(val(i), "NEW") == neg {
				r.skip = true
			}
			i++
		case "--icmp-type", "--icmpv6-type":
			r.skip = true
			i++
		case "-m", "--match", "--comment", "--limit", "--limit-burst", "--log-prefix", "--log-level":
			i++
		case "--syn":
		case "-j", "--jump", "-g", "--goto":
			r.act, r.target = iptablesTarget(val(i))
			if a == "-g" || a == "--goto" {
				r.act = actGoto
			}
			return r
		default:
			cond := iptNeg(neg) + a
			if strings.HasPrefix(a, "-") && !strings.HasPrefix(val(i), "-") && val(i) != "" {
				cond += " " + val(i)
				i++
			}
			r.conds = append(r.conds, cond)
		}
		neg = false
	}
	return r
}

func iptNeg(neg bool) string {
	if neg {
		return "! "
	}
	return ""
}

// iptablesTarget maps a -j target. LOG, MARK and the like do not end the
// chain; an unknown name is a user chain.
func iptablesTarget(t string) (action, string) {
	switch t {
	case "ACCEPT":
		return actAccept, ""
	case "DROP", "REJECT", "TARPIT":
		return actDrop, ""
	case "RETURN":
		return actReturn, ""
	case "NFQUEUE", "QUEUE":
		return actQueue, ""
	case "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT", "TRACE", "AUDIT", "SET", "CLASSIFY", "TCPMSS", "TEE", "":
		return actNone, ""
	}
	return actJump, t
}

// splitArgs splits a line the way iptables-save quotes it: blanks separate,
// "double quotes" group and are removed.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, has := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && quoted && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case c == '"':
			quoted, has = !quoted, true
		case (c == ' ' || c == '\t') && !quoted:
			if has || cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteByte(c)
		}
	}
	if has || cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
