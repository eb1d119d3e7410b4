package firewall

import "context"

// socketfilterfw is the command-line tool of the macOS application
// firewall; reading its settings needs no rights, changing them root.
const socketfilterfw = "/usr/libexec/ApplicationFirewall/socketfilterfw"

// checkDarwin judges the application firewall for program. The pf packet
// filter is not consulted: it is off unless an administrator set it up,
// and reading it needs root. Untested on a real Mac: the parsers are tested
// with captured outputs of several macOS releases.
func (s *System) checkDarwin(ctx context.Context, program string) Status {
	g := s.query(ctx, socketfilterfw, "--getglobalstate")
	if g.missing {
		return Status{Open: Unknown, Notes: []Note{note(keyMacToolMissing, socketfilterfw)}}
	}
	st := Status{Firewall: MacOSApplication, NeedsAdmin: true}
	target := alfTarget(program)
	allowApp := func() {
		if target != "" {
			// --add lists the program, --unblockapp flips it to allow:
			// --add alone may leave a signature-less program blocked.
			st.Fix, st.Commands = fixFor("darwin",
				[]string{socketfilterfw, "--add", target}, []string{socketfilterfw, "--unblockapp", target})
		}
	}
	state, ok := parseALFGlobalState(g.out)
	if !g.ok() || !ok {
		st.Open, st.Notes = Unknown, then(note(keyStateUnreadable), because(g)...)
		allowApp()
		return st
	}
	if state == 0 {
		st.Open, st.Notes = Open, []Note{note(keyMacOff)}
		return st
	}
	st.Active = true
	blockAll := state == 2
	if b := s.query(ctx, socketfilterfw, "--getblockall"); b.ok() {
		if on, ok := parseALFBlockAll(b.out); ok && on {
			blockAll = true
		}
	}
	if blockAll {
		st.Open, st.Notes = Blocked, []Note{note(keyMacBlockAll)}
		allowApp()
		off := []string{socketfilterfw, "--setblockall", "off"}
		fix, cmds := fixFor("darwin", off)
		st.Fix, st.Commands = append(fix, st.Fix...), append(cmds, st.Commands...)
		return st
	}
	if program == "" {
		st.Open, st.Notes = Unknown, []Note{note(keyMacPathUnknown)}
		return st
	}
	l := s.query(ctx, socketfilterfw, "--listapps")
	if !l.ok() {
		st.Open, st.Notes = Unknown, then(note(keyMacListUnreadable), because(l)...)
		allowApp()
		return st
	}
	for _, a := range parseALFApps(l.out) {
		if a.path != target && a.path != program {
			continue
		}
		if a.allow {
			st.Open, st.Notes = Open, []Note{note(keyMacAllows, a.path)}
			return st
		}
		st.Open, st.Notes = Blocked, []Note{note(keyMacBlocks, a.path)}
		st.Fix, st.Commands = fixFor("darwin", []string{socketfilterfw, "--unblockapp", target})
		return st
	}
	allowApp()
	if parseALFAllowSigned(s.query(ctx, socketfilterfw, "--getallowsigned").out) {
		st.Open, st.Notes = Unknown, []Note{note(keyMacUnlistedSigned, target)}
		return st
	}
	st.Open, st.Notes = Blocked, []Note{note(keyMacUnlisted, target)}
	return st
}
