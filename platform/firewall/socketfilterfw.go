package firewall

import (
	"regexp"
	"strconv"
	"strings"
)

// The macOS application firewall (ALF) filters per program, not per port.
// Its command-line tool socketfilterfw prints English only, but the
// wording changed between macOS releases; both forms are read.

var alfState = regexp.MustCompile(`State = (\d)`)

// parseALFGlobalState reads --getglobalstate: "Firewall is enabled. (State
// = 1)", "Firewall is disabled. (State = 0)"; state 2 means "essential
// services only", i.e. block all. ok is false when not understood.
func parseALFGlobalState(out string) (state int, ok bool) {
	if m := alfState.FindStringSubmatch(out); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, true
	}
	l := strings.ToLower(out)
	switch {
	case strings.Contains(l, "blocking all"):
		return 2, true
	case strings.Contains(l, "disabled"):
		return 0, true
	case strings.Contains(l, "enabled"):
		return 1, true
	}
	return 0, false
}

// parseALFBlockAll reads --getblockall: "Block all DISABLED!" (before
// macOS 14), "Firewall has block all state set to disabled." or "Firewall
// is set to block all non-essential incoming connections" (later).
func parseALFBlockAll(out string) (on, ok bool) {
	l := strings.ToLower(out)
	switch {
	case strings.Contains(l, "disabled"):
		return false, true
	case strings.Contains(l, "enabled"), strings.Contains(l, "block all non-essential"),
		strings.Contains(l, "blocking all non-essential"):
		return true, true
	}
	return false, false
}

// parseALFAllowSigned reads --getallowsigned: whether signed downloaded
// software may accept connections without being listed.
func parseALFAllowSigned(out string) (downloaded bool) {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(strings.ToLower(line), "downloaded") {
			return strings.Contains(line, "ENABLED")
		}
	}
	return false
}

// alfApp is one entry of --listapps.
type alfApp struct {
	path  string
	allow bool
}

var (
	alfEntry   = regexp.MustCompile(`^\s*\d+\s*:\s*(.*?)\s*$`)
	alfVerdict = regexp.MustCompile(`\(\s*(Allow|Block) incoming connections\s*\)`)
)

// parseALFApps reads --listapps:
//
//	ALF: total number of apps = 2
//
//	1 :  /Applications/Foo.app
//	 	 ( Allow incoming connections )
//
// Some releases print the verdict on the path's line.
func parseALFApps(out string) []alfApp {
	var apps []alfApp
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		if m := alfEntry.FindStringSubmatch(line); m != nil {
			path := m[1]
			if loc := alfVerdict.FindStringIndex(path); loc != nil {
				path = path[:loc[0]]
			}
			apps = append(apps, alfApp{path: strings.TrimSpace(path)})
		}
		if v := alfVerdict.FindStringSubmatch(line); v != nil && len(apps) > 0 {
			apps[len(apps)-1].allow = v[1] == "Allow"
		}
	}
	return apps
}

// alfTarget is what the firewall lists for program: the .app bundle when
// the executable is inside one (/Applications/deskcti.app/Contents/MacOS/
// deskcti lists as /Applications/deskcti.app), else the executable.
func alfTarget(program string) string {
	if i := strings.Index(program, ".app/Contents/MacOS/"); i >= 0 {
		return program[:i+len(".app")]
	}
	return program
}
