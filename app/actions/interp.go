package actions

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Programs that read (part of) their command line as code. Running them is
// fine; handing them a caller's data where they expect code is the shell
// injection that starting programs without a shell is meant to rule out.
var (
	// wholeLine parse their entire command line: there is no safe place
	// for caller data (cmd.exe and batch files: CVE-2024-24576).
	wholeLine = []string{"cmd", "mshta", "rundll32", "wsl"}
	// scripted take options, then code or a script path, then data for it.
	scripted = []string{
		"sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "csh", "tcsh", "busybox",
		"python", "perl", "ruby", "node", "nodejs", "php", "lua", "tclsh", "osascript",
		"wscript", "cscript",
	}
	// powershellLike run their arguments as a command unless -File names a
	// script, whose parameters follow it.
	powershellLike = []string{"powershell", "pwsh"}
)

// progBase is a program's name without directory, ".exe" and version
// ("/usr/bin/python3.12" → "python").
func progBase(run string) string {
	b := strings.ToLower(filepath.Base(strings.ReplaceAll(run, `\`, "/")))
	b = strings.TrimSuffix(b, ".exe")
	return strings.TrimRight(b, "0123456789.")
}

// checkInterpreter refuses placeholders where a shell or interpreter would
// read them as code. It is a safety net for a plain mistake, not a sandbox:
// the program the user names is trusted.
func checkInterpreter(run string, args []string) error {
	return checkCode(run, args, 0)
}

// checkCode is checkInterpreter for args that start at args[off] of the
// action.
func checkCode(run string, args []string, off int) error {
	first := slices.IndexFunc(args, hasPlaceholder)
	if first < 0 {
		return nil
	}
	base := progBase(run)
	ext := strings.ToLower(filepath.Ext(run))
	switch {
	case base == "env":
		// env [-i] [NAME=value]... program args: judge the program it runs.
		// A caller's value in an assignment could be LD_PRELOAD or
		// BASH_ENV, in the program's place any program.
		for i, a := range args {
			if hasPlaceholder(a) {
				return fmt.Errorf("run %q: args[%d] is an option, variable or program of env itself; placeholders may only follow the program env runs", run, off+i)
			}
			if !strings.HasPrefix(a, "-") && !strings.Contains(a, "=") {
				return checkCode(a, args[i+1:], off+i+1)
			}
		}
	case slices.Contains(wholeLine, base) || ext == ".bat" || ext == ".cmd":
		return fmt.Errorf("run %q reads its whole command line as code, so args cannot carry placeholders safely; run the program it would start directly, or a PowerShell script with -File", run)
	case slices.Contains(powershellLike, base):
		for i := 0; i+1 < len(args); i++ {
			if a := strings.ToLower(args[i]); (a == "-file" || a == "-f") && first > i+1 {
				return nil
			}
		}
		return fmt.Errorf("run %q would execute args[%d] as a command; put the code in a script and pass the placeholders after \"-File\", \"script.ps1\"", run, off+first)
	case slices.Contains(scripted, base):
		// Options come first, then the code (-c/-e text) or the script;
		// what follows reaches the code as plain data ($1, sys.argv).
		for i, a := range args {
			if hasPlaceholder(a) {
				return fmt.Errorf("run %q would read args[%d] as code or as the script to run; give the code or script first and the placeholders after it, e.g. args = [\"-c\", 'crm --number \"$1\"', \"sh\", \"{number}\"]", run, off+i)
			}
			if !strings.HasPrefix(a, "-") {
				return nil
			}
		}
	}
	return nil
}
