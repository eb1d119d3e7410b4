package firewall

import (
	"context"
	"strconv"
	"strings"
)

// checkLinux asks the highest-level firewall manager that is on: ufw and
// firewalld own the nftables/iptables rules underneath them, and their own
// view (zones, rule lists) is what the user can change. Without an active
// manager the kernel's rules are read directly, nftables first (it also
// shows iptables-nft rules), then iptables (legacy back end).
func (s *System) checkLinux(ctx context.Context, port int) Status {
	var inactive []string
	for _, check := range []func(context.Context, int) (Status, bool){s.checkUFW, s.checkFirewalld} {
		st, found := check(ctx, port)
		if found && (st.Active || st.Open == Unknown) {
			return st
		}
		if found {
			inactive = append(inactive, st.Firewall)
		}
	}
	nft, nftState, nftWhy := s.checkNft(ctx, port)
	if nftState == judged {
		return nft
	}
	ipt, iptState, iptWhy := s.checkIptables(ctx, port)
	if iptState == judged {
		return ipt
	}
	// Nothing readable filters input. Unreadable rules (not root) are
	// Unknown; iptables' fix is offered first because it works on every
	// back end, while an nft command must name a table that may not exist.
	var unread []Note
	var st Status
	if nftState == unreadable {
		unread, st = append(unread, nftWhy), nft
	}
	if iptState == unreadable {
		unread, st = append(unread, iptWhy), ipt
	}
	if len(unread) > 0 {
		n := Note{Key: keyUnreadable, Notes: unread}
		if len(unread) == 2 {
			n.Key = keyUnreadableTwo
		}
		st.Notes = append(inactiveNotes(inactive), n)
		return st
	}
	st = Status{Open: Open, Notes: []Note{note(keyNone)}}
	if len(inactive) > 0 {
		st.Firewall = inactive[0]
		st.Notes = append(inactiveNotes(inactive), note(keyNoOtherRules))
	}
	return st
}

// inactiveNotes names the managers that are installed but off ("ufw and
// firewalld"), as the start of what was found instead.
func inactiveNotes(names []string) []Note {
	switch len(names) {
	case 0:
		return nil
	case 1:
		return []Note{note(keyInactive, names[0])}
	}
	last := len(names) - 1
	return []Note{note(keyInactiveTwo, strings.Join(names[:last], ", "), names[last])}
}

// ruleState is how far a kernel rule set could be read.
type ruleState int

const (
	absent     ruleState = iota // tool missing, or no chain filters input
	unreadable                  // the tool failed, mostly for want of root
	judged                      // read and judged
)

func tcpPort(port int) string { return strconv.Itoa(port) + "/tcp" }

// checkUFW: found is false when ufw is not installed. ufw status needs
// root; a normal user still learns from /etc/ufw/ufw.conf whether ufw is
// enabled, and from /etc/default/ufw its default incoming policy.
func (s *System) checkUFW(ctx context.Context, port int) (Status, bool) {
	conf, confErr := s.ReadFile("/etc/ufw/ufw.conf")
	if _, err := s.LookPath("ufw"); err != nil && confErr != nil {
		return Status{}, false
	}
	st := Status{Firewall: UFW, NeedsAdmin: true}
	allow := []string{"ufw", "allow", tcpPort(port), "comment", ruleName}
	r := s.query(ctx, "ufw", "status", "verbose")
	if u := parseUFWStatus(r.out); r.ok() && u.known {
		if !u.active {
			st.Open, st.Notes = Open, []Note{note(keyUFWInactive)}
			return st, true
		}
		st.Active = true
		v, why, denyFirst := u.judge(port)
		st.Open, st.Notes = v, then(note(keyUFWActive), why...)
		if denyFirst {
			// An appended allow would come after the deny and never match.
			allow = []string{"ufw", "prepend", "allow", tcpPort(port), "comment", ruleName}
		}
		if v != Open {
			st.Fix, st.Commands = fixFor("linux", allow)
		}
		return st, true
	}
	if confErr == nil && !ufwConfEnabled(string(conf)) {
		st.Open, st.Notes = Open, []Note{note(keyUFWNotEnabled, "/etc/ufw/ufw.conf")}
		return st, true
	}
	st.Active = confErr == nil
	st.Open, st.Notes = Unknown, then(note(keyUFWRulesUnreadable), because(r)...)
	if confErr != nil {
		st.Notes = then(note(keyUFWStatusUnreadable), because(r)...)
	}
	if def, err := s.ReadFile("/etc/default/ufw"); err == nil && confErr == nil &&
		confValue(string(def), "DEFAULT_INPUT_POLICY") == "ACCEPT" {
		st.Open, st.Notes = Open, then(note(keyUFWDefaultAccept, "/etc/default/ufw"), because(r)...)
		return st, true
	}
	st.Fix, st.Commands = fixFor("linux", allow)
	return st, true
}

// checkFirewalld: found is false when firewall-cmd is not installed.
func (s *System) checkFirewalld(ctx context.Context, port int) (Status, bool) {
	r := s.query(ctx, "firewall-cmd", "--state")
	if r.missing {
		return Status{}, false
	}
	st := Status{Firewall: Firewalld, NeedsAdmin: true}
	if strings.TrimSpace(r.out) != "running" {
		// "not running" comes with exit status 252.
		st.Open, st.Notes = Open, []Note{note(keyFirewalldNotRunning)}
		return st, true
	}
	st.Active = true
	addPort := func(zone string) {
		add := []string{"firewall-cmd", "--permanent", "--add-port=" + tcpPort(port)}
		if zone != "" {
			add = []string{"firewall-cmd", "--permanent", "--zone=" + zone, "--add-port=" + tcpPort(port)}
		}
		// --permanent alone changes nothing until the reload.
		st.Fix, st.Commands = fixFor("linux", add, []string{"firewall-cmd", "--reload"})
	}
	zr := s.query(ctx, "firewall-cmd", "--list-all-zones")
	zones := parseFirewalldZones(zr.out)
	route, _ := s.ReadFile("/proc/net/route")
	iface := defaultRouteInterface(string(route))
	zone, found := relevantZone(zones, iface)
	if !zr.ok() || !found {
		st.Open, st.Notes = Unknown, then(note(keyFirewalldZonesUnread), because(zr)...)
		addPort("")
		return st, true
	}
	v, why := judgeZone(zone, port, firewalldServices(s.ReadFile))
	st.Open, st.Notes = v, then(note(keyFirewalldRunning), why...)
	if iface != "" && containsString(zone.list("interfaces"), iface) {
		st.Notes = append(st.Notes, note(keyFirewalldInterface, iface))
	}
	if v != Open {
		z := ""
		if !zone.isDefault {
			z = zone.name
		}
		addPort(z)
	}
	return st, true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkNft reads `nft list ruleset`; why says what failed when unreadable.
func (s *System) checkNft(ctx context.Context, port int) (st Status, state ruleState, why Note) {
	r := s.query(ctx, "nft", "list", "ruleset")
	if r.missing {
		return Status{}, absent, Note{}
	}
	if !r.ok() {
		st = Status{Firewall: NFTables, Open: Unknown, NeedsAdmin: true}
		// Debian's /etc/nftables.conf names its table and chain so.
		st.Fix, st.Commands = fixFor("linux", nftInsert("inet", "filter", "input", port))
		return st, unreadable, unreadTool(NFTables, r)
	}
	rs := parseNft(r.out, port)
	if !filters(rs) {
		return Status{}, absent, Note{}
	}
	name := IPTables
	for _, b := range rs.bases {
		if !b.iptablesManaged {
			name = NFTables
		}
	}
	j := rs.judge()
	st = judgedStatus(name, j, port)
	var cmds [][]string
	for _, b := range j.blocking {
		if b.iptablesManaged {
			cmds = append(cmds, iptablesInsert(b.name, port))
		} else {
			cmds = append(cmds, nftInsert(b.family, b.table, b.name, port))
		}
	}
	st.Fix, st.Commands = fixFor("linux", cmds...)
	return st, judged, Note{}
}

// checkIptables reads the filter table through iptables, which also shows
// the legacy back end that nft cannot see.
func (s *System) checkIptables(ctx context.Context, port int) (st Status, state ruleState, why Note) {
	r := s.query(ctx, "iptables", "-S")
	if r.missing {
		return Status{}, absent, Note{}
	}
	if !r.ok() {
		st = Status{Firewall: IPTables, Open: Unknown, NeedsAdmin: true}
		st.Fix, st.Commands = fixFor("linux", iptablesInsert("INPUT", port))
		return st, unreadable, unreadTool(IPTables, r)
	}
	rs := parseIptables(r.out, port)
	if !filters(rs) {
		return Status{}, absent, Note{}
	}
	j := rs.judge()
	st = judgedStatus(IPTables, j, port)
	if len(j.blocking) > 0 {
		st.Fix, st.Commands = fixFor("linux", iptablesInsert("INPUT", port))
	}
	return st, judged, Note{}
}

// filters: some base chain drops by policy or has rules at all.
func filters(rs *ruleset) bool {
	for _, b := range rs.bases {
		if b.policy == actDrop || len(b.rules) > 0 {
			return true
		}
	}
	return false
}

// judgedStatus turns a rule-set judgement into a Status without the Fix.
func judgedStatus(name string, j judgement, port int) Status {
	st := Status{Firewall: name, Active: true, Open: j.verdict, NeedsAdmin: true}
	n := Note{Key: keyChainsAccept, Args: []string{name, tcpPort(port)}, Notes: []Note{j.deciding.describe()}}
	switch {
	case j.verdict == Blocked:
		n.Key = keyChainsDrop
	case j.verdict == Unknown:
		n.Key = keyChainsQueue
	case len(j.notes) > 0:
		conds := j.notes[0]
		for _, more := range j.notes[1:] {
			conds = Note{Key: keyJoinSemicolon, Notes: []Note{conds, more}}
		}
		n.Key, n.Notes = keyChainsAcceptWhen, append(n.Notes, conds)
	}
	st.Notes = []Note{n}
	return st
}

// nftInsert puts the accept rule at the top of the chain: appended after
// a final "reject" it would never match.
func nftInsert(family, table, chain string, port int) []string {
	return []string{"nft", "insert", "rule", family, table, chain, "tcp", "dport", strconv.Itoa(port), "accept"}
}

func iptablesInsert(chain string, port int) []string {
	return []string{"iptables", "-I", chain, "-p", "tcp", "--dport", strconv.Itoa(port), "-j", "ACCEPT"}
}
