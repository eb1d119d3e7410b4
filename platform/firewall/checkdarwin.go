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
		return Status{Open: Unknown, Detail: "the macOS firewall tool " + socketfilterfw + " was not found"}
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
		st.Open, st.Detail = Unknown, "the firewall state cannot be read"+because(g)
		allowApp()
		return st
	}
	if state == 0 {
		st.Open, st.Detail = Open, "the macOS firewall is off"
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
		st.Open, st.Detail = Blocked, "the macOS firewall blocks all incoming connections (\"Block all incoming connections\" is on)"
		allowApp()
		off := []string{socketfilterfw, "--setblockall", "off"}
		fix, cmds := fixFor("darwin", off)
		st.Fix, st.Commands = append(fix, st.Fix...), append(cmds, st.Commands...)
		return st
	}
	if program == "" {
		st.Open, st.Detail = Unknown, "the macOS firewall decides per program, and deskcti's path is unknown"
		return st
	}
	l := s.query(ctx, socketfilterfw, "--listapps")
	if !l.ok() {
		st.Open, st.Detail = Unknown, "the firewall's program list cannot be read"+because(l)
		allowApp()
		return st
	}
	for _, a := range parseALFApps(l.out) {
		if a.path != target && a.path != program {
			continue
		}
		if a.allow {
			st.Open, st.Detail = Open, "the macOS firewall allows incoming connections for "+a.path
			return st
		}
		st.Open, st.Detail = Blocked, "the macOS firewall blocks incoming connections for "+a.path
		st.Fix, st.Commands = fixFor("darwin", []string{socketfilterfw, "--unblockapp", target})
		return st
	}
	allowApp()
	if parseALFAllowSigned(s.query(ctx, socketfilterfw, "--getallowsigned").out) {
		st.Open, st.Detail = Unknown, target+" is not in the firewall's list: macOS lets it in if it is signed, otherwise it asks when deskcti starts listening"
		return st
	}
	st.Open, st.Detail = Blocked, target+" is not in the firewall's list: macOS blocks it until someone answers \"Allow\" when asked"
	return st
}
