package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/version"
	"deskcti/cmd/deskcti/internal/handoff"
)

// env is what every subcommand gets: the streams, the settings as loaded
// and overridden by the shared flags, and where they came from.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	cfg            config.Config
	cfgPath        string
	flags          *shared
	args           []string // positional arguments after the subcommand's flags
}

// command is one subcommand: its flags beyond the shared ones, and what it does.
type command struct {
	name    string
	args    string // usage of the positional arguments, e.g. "TEXT"
	summary string // i18n key
	flags   func(fs *flag.FlagSet)
	run     func(e *env) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// run is the whole command line: it returns the process exit code
// (0 success, 1 the operation failed, 2 the command line was wrong).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfgPath := prescan(args, "config")
	if cfgPath == "" {
		p, err := config.DefaultPath()
		if err != nil {
			fmt.Fprintln(stderr, "deskcti:", err)
			return 1
		}
		cfgPath = p
	}
	cfg, loadErr := config.Load(cfgPath)
	chooseLanguage(args, cfg.UI.Language)

	args = commandFirst(args)
	// No subcommand starts the desktop app; the shared flags then apply
	// to it ("deskcti --phone 192.168.1.20").
	if len(args) == 0 {
		args = []string{"app"}
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	case "-version", "--version", "version":
		fmt.Fprintln(stdout, version.String())
		return 0
	}
	if strings.HasPrefix(name, "-") && name != "--" {
		args, name = append([]string{"app"}, args...), "app"
	}
	// Click-to-call: the browser starts "deskcti tel:+49..." with the URL as
	// the only argument.
	if handoff.IsDialURL(name) {
		args = append([]string{"dial"}, args...)
		name = "dial"
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintln(stderr, i18n.T("cli.unknown-command", name))
		fmt.Fprintln(stderr, i18n.T("cli.see-help"))
		return 2
	}

	fs := newFlagSet("deskcti "+name, stderr)
	sh := &shared{}
	sh.register(fs)
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	fs.Usage = func() { commandUsage(fs, cmd) }
	pos, err := parse(fs, sh, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		commandUsage(fs, cmd)
		return 0
	}
	if err != nil {
		return 2
	}
	if loadErr != nil {
		// A broken settings file is reported, but the run goes on with the
		// defaults and the flags: the file itself is kept as .bak.
		ex := app.Explain(loadErr)
		fmt.Fprintln(stderr, "deskcti:", ex.Problem)
		if ex.Fix != "" {
			fmt.Fprintln(stderr, "  →", ex.Fix)
		}
	}
	sh.apply(&cfg)
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, cfg: cfg, cfgPath: cfgPath, flags: sh, args: pos}
	if err := cmd.run(e); err != nil {
		if errors.Is(err, errUsage) {
			fs.SetOutput(stderr)
			commandUsage(fs, cmd)
			return 2
		}
		printError(stderr, err)
		return 1
	}
	return 0
}

// printError writes what went wrong and how to fix it.
func printError(w io.Writer, err error) {
	ex := app.Explain(err)
	fmt.Fprintln(w, "deskcti:", ex.Problem)
	for _, line := range strings.Split(ex.Fix, "\n") {
		if line != "" {
			fmt.Fprintln(w, "  →", line)
		}
	}
}

// commandFirst moves the subcommand to the front when shared flags stand
// before it ("deskcti --lang de dial 0221…"), so both orders work.
func commandFirst(args []string) []string {
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "--" {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch {
		case name == "h" || name == "help" || name == "version":
			return append([]string{args[i]}, append(append([]string{}, args[:i]...), args[i+1:]...)...)
		case !hasValue && name != "insecure":
			i++ // the flag's value
		}
		i++
	}
	if i == 0 || i >= len(args) {
		return args
	}
	out := append([]string{args[i]}, args[:i]...)
	return append(out, args[i+1:]...)
}

// prescan finds a flag's value before the real parse, because the settings
// file (and with it the language of the help texts) must be known first.
func prescan(args []string, name string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, p := range []string{"-" + name + "=", "--" + name + "="} {
			if v, ok := strings.CutPrefix(a, p); ok {
				return v
			}
		}
		if (a == "-"+name || a == "--"+name) && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func usage(w io.Writer) {
	fmt.Fprintln(w, i18n.T("cli.usage.head"))
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-28s %s\n", strings.TrimSpace(n+" "+c.args), i18n.T(c.summary))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T("cli.usage.shared"))
	fs := newFlagSet("", w)
	(&shared{}).register(fs)
	fs.PrintDefaults()
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T("cli.usage.tail"))
}

func commandUsage(fs *flag.FlagSet, c *command) {
	w := fs.Output()
	fmt.Fprintf(w, "%s: deskcti %s [flags] %s\n\n%s\n\n", i18n.T("cli.usage"), c.name, c.args, i18n.T(c.summary))
	fs.PrintDefaults()
}
