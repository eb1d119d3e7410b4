package firewall

import (
	"net"
	"regexp"
	"strings"
)

// ufwStatus is the output of `ufw status verbose`.
type ufwStatus struct {
	known     bool   // a "Status:" line was there
	active    bool   // "Status: active"
	defaultIn string // "deny", "reject" or "allow"; "" when not printed
	rules     []ufwRule
}

// ufwRule is one line of the rule table: To, Action, From.
type ufwRule struct{ to, action, from string }

var columnGap = regexp.MustCompile(`\s{2,}`)

// ufwRow splits a rule line at its action: ufw pads the To column to 26
// characters, so a longer To ("192.168.1.10 8080/tcp on eth0") is followed
// by a single blank and column gaps cannot be trusted.
var ufwRow = regexp.MustCompile(`^(.*?)\s+((?:ALLOW|DENY|REJECT|LIMIT)(?: (?:IN|OUT|FWD))?)\s+(.*?)(?:\s+#.*)?$`)

// parseUFWStatus reads `ufw status verbose`, run with LC_ALL=C: ufw
// translates its output through gettext.
func parseUFWStatus(out string) ufwStatus {
	var u ufwStatus
	table := false
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		line = strings.TrimRight(line, " ")
		switch {
		case strings.HasPrefix(line, "Status:"):
			u.known = true
			u.active = strings.TrimSpace(strings.TrimPrefix(line, "Status:")) == "active"
		case strings.HasPrefix(line, "Default:"):
			// "Default: deny (incoming), allow (outgoing), disabled (routed)"
			for _, part := range strings.Split(strings.TrimPrefix(line, "Default:"), ",") {
				if f := strings.Fields(part); len(f) == 2 && f[1] == "(incoming)" {
					u.defaultIn = f[0]
				}
			}
		case strings.HasPrefix(line, "--"):
			table = true
		case table:
			if m := ufwRow.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				u.rules = append(u.rules, ufwRule{to: m[1], action: m[2], from: m[3]})
			}
		}
	}
	return u
}

// judge walks the rules in order; ufw stops at the first that matches.
// denyFirst reports a deny rule that an appended allow would not beat.
func (u ufwStatus) judge(port int) (v Verdict, why []Note, denyFirst bool) {
	for _, r := range u.rules {
		act := strings.Fields(r.action)
		if len(act) == 0 || (len(act) > 1 && act[1] != "IN") {
			continue // an outgoing or routed rule
		}
		to, v6 := strings.CutSuffix(r.to, " (v6)")
		if v6 {
			continue // the phone talks IPv4; v6 lines repeat the v4 ones
		}
		to, iface, _ := strings.Cut(to, " on ")
		if !ufwToMatches(to, port) {
			continue
		}
		from := strings.TrimSuffix(r.from, " (v6)")
		if from == "Anywhere" {
			from = ""
		}
		text := strings.TrimSpace(r.to + " " + r.action + " " + r.from)
		switch act[0] {
		case "ALLOW", "LIMIT":
			return Open, then(note(keyUFWRuleAllows, text), only(iface, from)...), false
		case "DENY", "REJECT":
			if iface == "" && from == "" {
				return Blocked, []Note{note(keyUFWRuleBlocks, text)}, true
			}
		}
	}
	switch u.defaultIn {
	case "allow":
		return Open, []Note{note(keyUFWDefaultAllow)}, false
	case "deny", "reject":
		return Blocked, []Note{note(keyUFWDefaultDeny, u.defaultIn)}, false
	}
	return Unknown, []Note{note(keyUFWNoDefault)}, false
}

// ufwToMatches reads the To column: "8080/tcp", "8000:8100/tcp", "80,443",
// "Anywhere", "192.168.1.10 8080/tcp", or an application profile name.
func ufwToMatches(to string, port int) bool {
	f := strings.Fields(to)
	if len(f) == 0 {
		return false
	}
	spec := f[0]
	if isAddress(f[0]) {
		if len(f) == 1 {
			return true // every port
		}
		spec = f[1]
	}
	ports, proto, hasProto := strings.Cut(spec, "/")
	if hasProto && proto != "tcp" {
		return false
	}
	ps, ok := parsePorts(ports, ",", ":")
	return ok && ps.contains(port)
}

// ufwConfEnabled reads ENABLED=yes from /etc/ufw/ufw.conf, which any user
// may read while `ufw status` needs root.
func ufwConfEnabled(conf string) bool {
	return confValue(conf, "ENABLED") == "yes"
}

// confValue reads KEY=value (quotes removed) from a shell-style file.
func confValue(conf, key string) string {
	for _, line := range strings.Split(conf, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), key+"="); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

// isAddress: "Anywhere", an IP address or a network in CIDR notation.
func isAddress(s string) bool {
	if s == "Anywhere" || net.ParseIP(s) != nil {
		return true
	}
	_, _, err := net.ParseCIDR(s)
	return err == nil
}
