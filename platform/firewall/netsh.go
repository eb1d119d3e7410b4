package firewall

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// netsh translates its labels and values with the Windows display
// language, and writes to a pipe in the OEM code page (850 on German and
// Western European Windows, 437 on US English; both put the umlauts at the
// same bytes). The parsers know English and German and otherwise report
// that they did not understand, so that the verdict becomes Unknown.

// decodeConsole turns netsh's output into a Go string.
func decodeConsole(b []byte) string {
	b = []byte(strings.TrimPrefix(string(b), "\ufeff"))
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.CodePage850.NewDecoder().Bytes(b)
	if err != nil {
		return string(b)
	}
	return string(s)
}

// Profile names, as Windows calls its three network types.
const (
	profDomain  = "Domain"
	profPrivate = "Private"
	profPublic  = "Public"
)

// profileName maps a heading or rule value ("Private Profile Settings:",
// "Privat", "Domäne", "Öffentlich") to a profile; "" when unknown.
func profileName(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "dom"):
		return profDomain
	case strings.Contains(l, "priv"):
		return profPrivate
	case strings.Contains(l, "pub"), strings.Contains(l, "ffentl"):
		return profPublic
	}
	return ""
}

// winProfile is one block of `netsh advfirewall show ...profile(s)`.
type winProfile struct {
	name    string
	on      bool
	known   bool   // the State line was understood
	policy  string // "BlockInbound,AllowOutbound"; not translated
	heading string
}

// parseNetshProfiles reads `netsh advfirewall show allprofiles` or
// `... show currentprofile`: blocks under a heading that a line of dashes
// underlines, with "State ON" (German "Status EIN") in each. allprofiles
// prints Domain, Private, Public in this order, which names the blocks
// when a heading is in a language not known here.
func parseNetshProfiles(out string, inOrder bool) []winProfile {
	var profs []winProfile
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	prev := ""
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if len(t) >= 10 && strings.Trim(t, "-") == "" {
			p := winProfile{heading: prev, name: profileName(strings.TrimSuffix(prev, ":"))}
			if p.name == "" && inOrder && len(profs) < 3 {
				p.name = []string{profDomain, profPrivate, profPublic}[len(profs)]
			}
			profs = append(profs, p)
			continue
		}
		if t != "" {
			prev = t
		}
		if len(profs) == 0 {
			continue
		}
		p := &profs[len(profs)-1]
		cols := columnGap.Split(t, 2)
		if len(cols) != 2 {
			continue
		}
		switch strings.ToLower(cols[0]) {
		case "state", "status":
			switch strings.ToUpper(cols[1]) {
			case "ON", "EIN":
				p.on, p.known = true, true
			case "OFF", "AUS":
				p.on, p.known = false, true
			}
		case "firewall policy", "firewallrichtlinie":
			p.policy = cols[1]
		}
	}
	return profs
}

// winRule is one rule of `netsh advfirewall firewall show rule ... verbose`.
type winRule struct {
	name                string
	enabled, inbound    bool
	profiles            string
	protocol, localPort string
	program, service    string
	remoteIP            string
	action              string // "allow", "block", "bypass" or "" when not understood
}

// netshLabels maps English and German labels, lower case without blanks,
// to a field. German Windows prints "Regelname", "Aktiviert",
// "Richtung", "LokalerPort", "Aktion".
var netshLabels = map[string]string{
	"rulename":    "name",
	"regelname":   "name",
	"enabled":     "enabled",
	"aktiviert":   "enabled",
	"direction":   "direction",
	"richtung":    "direction",
	"profiles":    "profiles",
	"profile":     "profiles",
	"protocol":    "protocol",
	"protokoll":   "protocol",
	"localport":   "localport",
	"lokalerport": "localport",
	"program":     "program",
	"programm":    "program",
	"service":     "service",
	"dienst":      "service",
	"remoteip":    "remoteip",
	"action":      "action",
	"aktion":      "action",
}

// parseNetshRules reads the rule list. understood is false when the output
// has rule blocks but no label known here (another display language).
func parseNetshRules(out string) (rules []winRule, understood bool) {
	blocks := false
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if len(t) >= 10 && strings.Trim(t, "-") == "" {
			blocks = true
			continue
		}
		label, val, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		field := netshLabels[strings.ToLower(strings.ReplaceAll(label, " ", ""))]
		val = strings.TrimSpace(val)
		if field == "name" {
			rules = append(rules, winRule{name: val})
			continue
		}
		if field == "" || len(rules) == 0 {
			continue
		}
		r := &rules[len(rules)-1]
		lv := strings.ToLower(val)
		switch field {
		case "enabled":
			r.enabled = lv == "yes" || lv == "ja"
		case "direction":
			r.inbound = lv == "in" || lv == "eingehend"
		case "profiles":
			r.profiles = val
		case "protocol":
			r.protocol = lv
		case "localport":
			r.localPort = lv
		case "program":
			r.program = val
		case "service":
			r.service = lv
		case "remoteip":
			r.remoteIP = val
		case "action":
			r.action = map[string]string{"allow": "allow", "zulassen": "allow", "block": "block",
				"blockieren": "block", "bypass": "bypass", "umgehen": "bypass"}[lv]
		}
	}
	if blocks && len(rules) == 0 {
		return nil, false
	}
	for _, r := range rules {
		if r.action == "" {
			return rules, false
		}
	}
	return rules, true
}

// isAny: "Any" in English, "Beliebig" in German; an absent field (no
// LocalPort for protocol Any) means the same.
func isAny(v string) bool {
	v = strings.ToLower(v)
	return v == "" || v == "any" || v == "beliebig"
}

// applies reports that rule r concerns a new TCP connection to port of
// program while profile is the network's profile. A rule restricted to
// another program or a service does not open the port for us.
func (r winRule) applies(port int, program, profile string, getenv func(string) string) bool {
	if !r.enabled || !r.inbound || !r.coversProfile(profile) {
		return false
	}
	if !isAny(r.protocol) && r.protocol != "tcp" && r.protocol != "6" {
		return false
	}
	if !isAny(r.localPort) {
		ps, ok := parsePorts(r.localPort, ",", "-")
		if !ok || !ps.contains(port) {
			return false
		}
	}
	if !isAny(r.service) {
		return false
	}
	return isAny(r.program) || program != "" && samePath(expandWinEnv(r.program, getenv), program)
}

func (r winRule) coversProfile(profile string) bool {
	if isAny(r.profiles) || strings.EqualFold(r.profiles, "alle") || profile == "" {
		return true
	}
	for _, p := range strings.Split(r.profiles, ",") {
		if profileName(p) == profile {
			return true
		}
	}
	return false
}

// samePath compares Windows paths: case-insensitive, either slash.
func samePath(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "/", `\`)) }
	return norm(a) == norm(b)
}

// expandWinEnv expands %VAR% as rules written by installers contain it
// ("%ProgramFiles%\deskcti\deskcti.exe").
func expandWinEnv(s string, getenv func(string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '%')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '%')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+1+j]
		if v := getenv(name); v != "" {
			b.WriteString(v)
		} else {
			b.WriteString("%" + name + "%")
		}
		s = s[i+2+j:]
	}
	b.WriteString(s)
	return b.String()
}
