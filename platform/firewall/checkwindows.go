package firewall

import (
	"context"
	"strconv"
	"strings"
)

// ruleName names the rule deskcti adds (netsh rule, ufw comment).
const ruleName = "deskcti"

// checkWindows judges Windows Defender Firewall with netsh, which any user
// may run for reading. Untested on a real Windows: the parsers are tested
// with English and German outputs.
func (s *System) checkWindows(ctx context.Context, port int, program string) Status {
	st := Status{Firewall: WindowsDefender, NeedsAdmin: true}
	add := []string{"netsh", "advfirewall", "firewall", "add", "rule", "name=" + ruleName, "dir=in",
		"action=allow", "protocol=TCP", "localport=" + strconv.Itoa(port)}
	if program != "" {
		add = append(add, "program="+program)
	}
	all := s.query(ctx, "netsh", "advfirewall", "show", "allprofiles")
	if all.missing {
		return Status{Open: Unknown, Notes: []Note{note(keyWinNetshMissing)}}
	}
	profiles := parseNetshProfiles(decodeConsole([]byte(all.out)), true)
	relevant := currentProfiles(profiles, s.query(ctx, "netsh", "advfirewall", "show", "currentprofile"))
	if !all.ok() || len(relevant) == 0 {
		st.Open, st.Notes = Unknown, then(note(keyStateUnreadable), because(all)...)
		st.Fix, st.Commands = fixFor("windows", add)
		return st
	}
	var on []winProfile
	var names []string
	for _, p := range relevant {
		names = append(names, p.name)
		if p.on {
			on = append(on, p)
		}
	}
	if len(on) == 0 {
		st.Open, st.Notes = Open, []Note{note(keyWinOff, strings.Join(names, ", "))}
		return st
	}
	st.Active = true
	rr := s.query(ctx, "netsh", "advfirewall", "firewall", "show", "rule", "name=all", "dir=in", "verbose")
	rules, understood := parseNetshRules(decodeConsole([]byte(rr.out)))
	if len(rules) == 0 && (!rr.ok() || !understood) {
		st.Open, st.Notes = Unknown, then(note(keyWinRulesUnread), because(rr)...)
		if rr.ok() {
			st.Notes = []Note{note(keyWinRulesLanguage)}
		}
		st.Fix, st.Commands = fixFor("windows", add)
		return st
	}
	var cmds [][]string
	verdict, detail := Open, []Note(nil)
	disabled := map[string]bool{}
	for _, p := range on {
		v, why, blockers := judgeWindowsProfile(p, rules, port, program, s.getenv())
		if v == Blocked && verdict != Blocked {
			verdict, detail = Blocked, why
		} else if detail == nil {
			detail = why
		}
		if v != Blocked {
			continue
		}
		if strings.HasPrefix(strings.ToLower(p.policy), "blockinboundalways") {
			cmds = append(cmds, []string{"netsh", "advfirewall", "set", strings.ToLower(p.name) + "profile",
				"firewallpolicy", "blockinbound,allowoutbound"})
		}
		for _, b := range blockers {
			if !disabled[b] {
				disabled[b] = true
				// An allow rule never beats a block rule: switch it off.
				cmds = append(cmds, []string{"netsh", "advfirewall", "firewall", "set", "rule", "name=" + b,
					"dir=in", "new", "enable=no"})
			}
		}
	}
	st.Open, st.Notes = verdict, detail
	if !understood {
		st.Open, st.Notes = Unknown, []Note{note(keyWinRulesPartly)}
	}
	if st.Open != Open {
		st.Fix, st.Commands = fixFor("windows", append(cmds, add)...)
	}
	return st
}

func (s *System) getenv() func(string) string {
	if s.Getenv == nil {
		return func(string) string { return "" }
	}
	return s.Getenv
}

// currentProfiles picks the profiles of the networks the computer is on;
// when currentprofile cannot be read, all of them count.
func currentProfiles(all []winProfile, cur result) []winProfile {
	var known []winProfile
	for _, p := range all {
		if p.known && p.name != "" {
			known = append(known, p)
		}
	}
	if !cur.ok() {
		return known
	}
	var out []winProfile
	for _, c := range parseNetshProfiles(decodeConsole([]byte(cur.out)), false) {
		for _, p := range known {
			if p.name == c.name {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return known
	}
	return out
}

// judgeWindowsProfile: Windows applies block rules before allow rules, and
// "block all incoming connections" (BlockInboundAlways) before both.
func judgeWindowsProfile(p winProfile, rules []winRule, port int, program string, getenv func(string) string) (Verdict, []Note, []string) {
	if strings.HasPrefix(strings.ToLower(p.policy), "blockinboundalways") {
		return Blocked, []Note{note(keyWinBlockAll, p.name)}, nil
	}
	var blockers []string
	var allow []Note
	for _, r := range rules {
		if !r.applies(port, program, p.name, getenv) {
			continue
		}
		switch {
		case r.action == "block":
			blockers = append(blockers, r.name)
		case r.action == "allow" && allow == nil:
			from := r.remoteIP
			if isAny(from) {
				from = ""
			}
			allow = then(note(keyWinRuleAllows, r.name, p.name), only("", from)...)
		}
	}
	switch {
	case len(blockers) > 0:
		return Blocked, []Note{note(keyWinRuleBlocks, blockers[0], p.name)}, blockers
	case allow != nil:
		return Open, allow, nil
	case strings.HasPrefix(strings.ToLower(p.policy), "allowinbound"):
		return Open, []Note{note(keyWinDefaultAllows, p.name)}, nil
	}
	return Blocked, []Note{note(keyWinNoRuleForPort, tcpPort(port), p.name)}, nil
}
