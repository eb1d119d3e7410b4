package firewall

import (
	"regexp"
	"strings"
)

// fixFor builds Status.Fix and Status.Commands from argument vectors: the
// display lines get sudo on Linux and macOS; Apply runs the vectors as they
// are, already being root.
func fixFor(goos string, cmds ...[]string) (fix []string, commands [][]string) {
	for _, argv := range cmds {
		fix = append(fix, displayLine(goos, argv, goos != "windows"))
		commands = append(commands, argv)
	}
	return fix, commands
}

// displayLine renders argv as the user would type it: for a POSIX shell,
// or for cmd.exe with netsh's key="value" quoting.
func displayLine(goos string, argv []string, sudo bool) string {
	if goos == "windows" {
		return windowsCmdLine(argv)
	}
	q := make([]string, 0, len(argv)+1)
	if sudo {
		q = append(q, "sudo")
	}
	for _, a := range argv {
		q = append(q, shellQuote(a))
	}
	return strings.Join(q, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:=@%+,-]+$`)

func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// windowsCmdLine joins argv the way netsh's examples write it: values of
// name= and program= always in double quotes, other values only when they
// hold a blank. Windows file names cannot contain '"', so no escaping is
// needed inside the quotes.
func windowsCmdLine(argv []string) string {
	q := make([]string, 0, len(argv))
	for i, a := range argv {
		key, val, isKV := strings.Cut(a, "=")
		switch {
		case i > 0 && isKV && (key == "name" || key == "program" || strings.ContainsAny(val, " \t")):
			q = append(q, key+`="`+val+`"`)
		case strings.ContainsAny(a, " \t") || a == "":
			q = append(q, `"`+a+`"`)
		default:
			q = append(q, a)
		}
	}
	return strings.Join(q, " ")
}
