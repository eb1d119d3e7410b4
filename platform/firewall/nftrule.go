package firewall

import (
	"strings"
)

// nftRule judges one rule line of `nft list ruleset`. lookupSet resolves a
// named set of ports ("@allowed") of the rule's table.
func nftRule(line string, port int, lookupSet func(string) (portSet, bool)) rule {
	r := rule{text: nftRuleText(line)}
	t := tokenize(line)
	next := func(i int) string {
		if i < len(t) {
			return t[i]
		}
		return ""
	}
	for i := 0; i < len(t); i++ {
		tok := t[i]
		switch tok {
		case "tcp", "th":
			field := next(i + 1)
			if field != "dport" && field != "sport" {
				r.conds = append(r.conds, tok+" "+field)
				i++
				continue
			}
			neg, val, n := nftOperand(t, i+2)
			i = n
			if field == "sport" {
				r.conds = append(r.conds, tok+" sport "+val)
				continue
			}
			if val == "vmap" {
				nftPortVmap(&r, next(i+1), port)
				return r
			}
			r.port = nftPortMatch(val, neg, port, lookupSet)
		case "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "igmp", "ip6":
			// A match on another protocol, or on IPv6 only.
			r.skip = true
			return r
		case "meta":
			i = nftMeta(&r, t, i)
		case "ip":
			field := next(i + 1)
			neg, val, n := nftOperand(t, i+2)
			i = n
			switch field {
			case "protocol":
				if nftHasProto(val) == neg {
					r.skip = true
				}
			case "version":
			default:
				r.conds = append(r.conds, "ip "+field+" "+nftNeg(neg)+val)
			}
		case "ct":
			i = nftCt(&r, t, i)
		case "iif", "iifname":
			neg, val, n := nftOperand(t, i+1)
			i = n
			nftIif(&r, tok, neg, val)
		case "counter":
			if next(i+1) == "packets" {
				i += 4
			} else if next(i+1) == "name" {
				i += 2
			}
		case "comment":
			i++
		case "log":
			for next(i+1) == "prefix" || next(i+1) == "level" || next(i+1) == "flags" || next(i+1) == "group" ||
				next(i+1) == "snaplen" || next(i+1) == "queue-threshold" {
				i += 2
			}
		case "limit":
			for j := i + 1; j < len(t) && nftLimitWord(t[j]); j++ {
				if t[j] == "over" {
					r.conds = append(r.conds, "limit over")
				}
				i = j
			}
		case "accept":
			r.act = actAccept
			return r
		case "drop", "reject":
			r.act = actDrop
			return r
		case "queue":
			r.act = actQueue
			return r
		case "return":
			r.act = actReturn
			return r
		case "jump", "goto":
			r.act, r.target = actJump, next(i+1)
			if tok == "goto" {
				r.act = actGoto
			}
			return r
		case "continue", "notrack":
		default:
			r.conds = append(r.conds, tok)
		}
	}
	return r
}

// nftOperand reads "[!=|==] value" at t[i]; it returns the index of the value.
func nftOperand(t []string, i int) (neg bool, val string, last int) {
	if i < len(t) && (t[i] == "!=" || t[i] == "==") {
		neg = t[i] == "!="
		i++
	}
	if i < len(t) {
		return neg, t[i], i
	}
	return neg, "", i
}

func nftNeg(neg bool) string {
	if neg {
		return "!= "
	}
	return ""
}

// nftPortMatch compares a port operand: 8080, 8000-8100, { 80, 443 },
// @named_set or a service name.
func nftPortMatch(val string, neg bool, port int, lookupSet func(string) (portSet, bool)) portMatch {
	var ps portSet
	var ok bool
	if name, isSet := strings.CutPrefix(val, "@"); isSet {
		ps, ok = lookupSet(name)
	} else {
		ps, ok = parsePorts(strings.Trim(val, "{} "), ",", "-")
	}
	switch {
	case !ok:
		return portMaybe
	case ps.contains(port) != neg:
		return portYes
	}
	return portNo
}

// nftPortVmap judges "tcp dport vmap { 22 : accept, 8080 : jump x }".
func nftPortVmap(r *rule, m string, port int) {
	r.port = portNo
	for _, e := range strings.Split(strings.Trim(m, "{} "), ",") {
		k, v, ok := strings.Cut(e, ":")
		if !ok {
			continue
		}
		ps, ok := parsePorts(strings.TrimSpace(k), ",", "-")
		if !ok || !ps.contains(port) {
			continue
		}
		r.port = portYes
		f := strings.Fields(v)
		switch {
		case len(f) == 0:
		case f[0] == "accept":
			r.act = actAccept
		case f[0] == "drop" || f[0] == "reject":
			r.act = actDrop
		case (f[0] == "jump" || f[0] == "goto") && len(f) > 1:
			r.act, r.target = actJump, f[1]
			if f[0] == "goto" {
				r.act = actGoto
			}
		}
		return
	}
}

// nftMeta handles "meta l4proto tcp", "meta nfproto ipv6", "meta iifname
// lo", "meta mark set 1" and the like; it returns the last index used.
func nftMeta(r *rule, t []string, i int) int {
	if i+1 >= len(t) {
		return i
	}
	field := t[i+1]
	if i+2 < len(t) && t[i+2] == "set" { // a statement, not a match
		return i + 3
	}
	neg, val, n := nftOperand(t, i+2)
	switch field {
	case "l4proto":
		if nftHasProto(val) == neg {
			r.skip = true
		}
	case "nfproto":
		if (val == "ipv6") != neg {
			r.skip = true
		}
	case "iif", "iifname":
		nftIif(r, field, neg, val)
	case "nftrace":
	default:
		r.conds = append(r.conds, "meta "+field+" "+nftNeg(neg)+val)
	}
	return n
}

func nftHasProto(val string) bool {
	for _, p := range strings.Split(strings.Trim(val, "{} "), ",") {
		if p = strings.TrimSpace(p); p == "tcp" || p == "6" {
			return true
		}
	}
	return false
}

// nftCt handles conntrack matches: only a new connection concerns us.
func nftCt(r *rule, t []string, i int) int {
	if i+1 >= len(t) {
		return i
	}
	field := t[i+1]
	neg, val, n := nftOperand(t, i+2)
	switch field {
	case "state":
		if val == "vmap" { // "ct state vmap { established : accept, ... }"
			if !strings.Contains(t[min(n+1, len(t)-1)], "new") {
				r.skip = true
			}
			return len(t)
		}
		if strings.Contains(val, "new") == neg {
			r.skip = true
		}
	case "status":
		if strings.Contains(val, "dnat") && !neg {
			r.skip = true
		}
	default:
		r.conds = append(r.conds, "ct "+field+" "+nftNeg(neg)+val)
	}
	return n
}

// nftIif: a rule for the loopback interface never sees the phone; one for
// another interface probably does (we do not know which one the phone uses).
func nftIif(r *rule, field string, neg bool, val string) {
	lo := strings.Trim(val, `"`) == "lo"
	switch {
	case lo && !neg:
		r.skip = true
	case lo && neg:
	default:
		r.conds = append(r.conds, field+" "+nftNeg(neg)+val)
	}
}

func nftLimitWord(w string) bool {
	switch w {
	case "rate", "over", "burst", "packets", "bytes":
		return true
	}
	return strings.Contains(w, "/") || strings.Trim(w, "0123456789") == ""
}

// nftRuleText drops counters and comments, which only add noise to the
// rule text the Notes show.
func nftRuleText(line string) string {
	t := tokenize(line)
	var out []string
	for i := 0; i < len(t); i++ {
		if t[i] == "counter" && i+4 < len(t) && t[i+1] == "packets" {
			i += 4
			continue
		}
		if t[i] == "comment" {
			i++
			continue
		}
		out = append(out, t[i])
	}
	return strings.Join(out, " ")
}

// tokenize splits at blanks, keeping "quoted strings" and { braced, sets }
// in one token each.
func tokenize(s string) []string {
	var out []string
	var cur strings.Builder
	depth, quoted := 0, false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, c := range s {
		switch {
		case c == '"':
			quoted = !quoted
			cur.WriteRune(c)
		case quoted:
			cur.WriteRune(c)
		case c == '{':
			depth++
			cur.WriteRune(c)
		case c == '}':
			depth--
			cur.WriteRune(c)
		case (c == ' ' || c == '\t') && depth == 0:
			flush()
		default:
			cur.WriteRune(c)
		}
	}
	flush()
	return out
}
