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
		return Status{Open: Unknown, Detail: "netsh was not found"}
	}
	profiles := parseNetshProfiles(decodeConsole([]byte(all.out)), true)
	relevant := currentProfiles(profiles, s.query(ctx, "netsh", "advfirewall", "show", "currentprofile"))
	if !all.ok() || len(relevant) == 0 {
		st.Open, st.Detail = Unknown, "the firewall state cannot be read"+because(all)
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
		st.Open, st.Detail = Open, "Windows Defender Firewall is off for the "+strings.Join(names, ", ")+
			" profile (another security product may have taken over)"
		return st
	}
	st.Active = true
	rr := s.query(ctx, "netsh", "advfirewall", "firewall", "show", "rule", "name=all", "dir=in", "verbose")
	rules, understood := parseNetshRules(decodeConsole([]byte(rr.out)))
	if len(rules) == 0 && (!rr.ok() || !understood) {
		st.Open, st.Detail = Unknown, "the firewall rules cannot be read"+because(rr)
		if rr.ok() {
			st.Detail = "the firewall rules are printed in a language deskcti cannot read"
		}
		st.Fix, st.Commands = fixFor("windows", add)
		return st
	}
	var cmds [][]string
	verdict, detail := Open, ""
	disabled := map[string]bool{}
	for _, p := range on {
		v, why, blockers := judgeWindowsProfile(p, rules, port, program, s.getenv())
		if v == Blocked && verdict != Blocked {
			verdict, detail = Blocked, why
		} else if detail == "" {
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
	st.Open, st.Detail = verdict, detail
	if !understood {
		st.Open, st.Detail = Unknown, "some firewall rules are printed in a way deskcti cannot read"
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
func judgeWindowsProfile(p winProfile, rules []winRule, port int, program string, getenv func(string) string) (Verdict, string, []string) {
	where := " on the " + p.name + " profile"
	if strings.HasPrefix(strings.ToLower(p.policy), "blockinboundalways") {
		return Blocked, "Windows Defender Firewall blocks all incoming connections" + where, nil
	}
	var blockers []string
	allow := ""
	for _, r := range rules {
		if !r.applies(port, program, p.name, getenv) {
			continue
		}
		switch {
		case r.action == "block":
			blockers = append(blockers, r.name)
		case r.action == "allow" && allow == "":
			allow = "rule \"" + r.name + "\" allows it" + where
			if !isAny(r.remoteIP) {
				allow += " (only from " + r.remoteIP + ")"
			}
		}
	}
	switch {
	case len(blockers) > 0:
		return Blocked, "rule \"" + blockers[0] + "\" blocks it" + where, blockers
	case allow != "":
		return Open, allow, nil
	case strings.HasPrefix(strings.ToLower(p.policy), "allowinbound"):
		return Open, "no rule, but the default allows incoming connections" + where, nil
	}
	return Blocked, "no rule allows port " + tcpPort(port) + " or deskcti" + where, nil
}
