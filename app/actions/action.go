package actions

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"deskcti/phone"
	"deskcti/platform/open"
)

// Action is one user-defined action, an [[action]] table in the settings
// file:
//
//	[[action]]
//	name = "CRM"
//	on   = ["incoming"]
//	open = "https://crm.example/search?phone={e164}&name={name}"
//
//	[[action]]
//	on   = ["connected", "disconnected"]
//	run  = "/usr/local/bin/crm-log"
//	args = ["--event", "{event}", "--number", "{number}"]
//	wait = false
//
// Exactly one of Open and Run is set.
type Action struct {
	// Name labels the action in error messages; optional.
	Name string `toml:"name,omitempty"`
	// On lists the event kinds that trigger the action (phone.EventKinds:
	// "incoming", "outgoing", "connected", "disconnected", "missed", …).
	On []string `toml:"on"`
	// Open is a URL template, opened in the default browser (or mail
	// program, for mailto:).
	Open string `toml:"open,omitempty"`
	// Run is the program to start: an absolute path, or a name looked up
	// in PATH. It takes no placeholders; they belong in Args.
	Run string `toml:"run,omitempty"`
	// Args are the program's arguments, each one argument whatever the
	// placeholders in it expand to. No shell is involved.
	Args []string `toml:"args,omitempty"`
	// Wait (Run only, default true) waits for the program, up to Timeout,
	// before the event's next action, and reports a non-zero exit. With
	// wait = false the program is started and left running.
	Wait *bool `toml:"wait,omitempty"`
	// Timeout is how long a waited-for program may run before it is
	// killed ("30s", the default), or how long an Open may take to reach
	// the browser ("10s").
	Timeout string `toml:"timeout,omitempty"`
}

// Default timeouts.
const (
	DefaultRunTimeout  = 30 * time.Second
	DefaultOpenTimeout = 10 * time.Second
)

// Validate checks the action the way the settings dialog and Load should:
// every problem, each with what to write instead, joined into one error.
func (a Action) Validate() error {
	_, err := compile(a)
	return err
}

// compiled is a validated action, ready to run.
type compiled struct {
	label   string
	on      []phone.EventKind
	url     *urlTemplate // for Open
	run     string
	args    [][]piece // each argument, parsed
	dashes  int       // index of the first "--" argument, -1 without one
	wait    bool
	timeout time.Duration
}

// compile checks a and turns it into a compiled action.
func compile(a Action) (*compiled, error) {
	c := &compiled{label: label(a), run: strings.TrimSpace(a.Run), wait: a.Wait == nil || *a.Wait, dashes: -1}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if len(a.On) == 0 {
		fail("on is empty: list the events that trigger it, e.g. on = [\"incoming\"]; the events are %s", kindList())
	}
	for _, name := range a.On {
		k, ok := phone.ParseEventKind(strings.ToLower(strings.TrimSpace(name)))
		if !ok {
			fail("unknown event %q in on; the events are %s", name, kindList())
			continue
		}
		c.on = append(c.on, k)
	}

	isOpen, isRun := strings.TrimSpace(a.Open) != "", c.run != ""
	switch {
	case isOpen && isRun:
		fail("both open and run are set: one action does one thing, write a second [[action]] for the other")
	case !isOpen && !isRun:
		fail("neither open (a URL to show) nor run (a program to start) is set")
	case isOpen:
		t, err := parseURLTemplate(strings.TrimSpace(a.Open))
		if err != nil {
			fail("open: %w", err)
		} else if err := open.Check(render(t.pieces, sampleVars, t.escape)); err != nil {
			fail("open: %w", err)
		}
		c.url = t
		if len(a.Args) > 0 {
			fail("args only apply to run, not to open: put the values into the URL")
		}
		if a.Wait != nil {
			fail("wait only applies to run")
		}
	case isRun:
		if err := checkRun(c.run); err != nil {
			errs = append(errs, err)
		}
		for i, arg := range a.Args {
			p, err := parse(arg)
			if err != nil {
				fail("args[%d]: %w", i, err)
			}
			c.args = append(c.args, p)
			if arg == "--" && c.dashes < 0 {
				c.dashes = i
			}
		}
		if err := checkInterpreter(c.run, a.Args); err != nil {
			errs = append(errs, err)
		}
	}

	if a.Timeout != "" {
		d, err := time.ParseDuration(strings.TrimSpace(a.Timeout))
		switch {
		case err != nil || d <= 0:
			fail("timeout %q: write a positive duration such as 30s or 2m", a.Timeout)
		case !c.wait:
			fail("timeout has no effect with wait = false: a program that is not waited for is never killed")
		default:
			c.timeout = d
		}
	}
	if c.timeout == 0 {
		c.timeout = DefaultRunTimeout
		if isOpen {
			c.timeout = DefaultOpenTimeout
		}
	}
	return c, errors.Join(errs...)
}

// checkRun refuses a program path whose meaning would depend on a caller
// or on deskcti's working directory.
func checkRun(run string) error {
	switch {
	case hasPlaceholder(run):
		return fmt.Errorf("run %q contains a placeholder: the program must be fixed, put placeholders into args", run)
	case strings.HasPrefix(run, "~"):
		return fmt.Errorf("run %q: ~ is not expanded, write the full path", run)
	case !filepath.IsAbs(run) && strings.ContainsAny(run, `/\`) && !isWindowsAbs(run):
		return fmt.Errorf("run %q is a relative path, which depends on the directory deskcti was started in; write the full path or a program name found in PATH", run)
	}
	return nil
}

// isWindowsAbs accepts "C:\x" and "C:/x" on every system, so that a
// settings file written for Windows validates anywhere.
func isWindowsAbs(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') &&
		(p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z')
}

// sampleVars fills every placeholder for checking a template's shape.
var sampleVars = Vars{
	Number: "0221123", E164: "+49221123", Name: "Name", Company: "Company", Display: "Name",
	Extension: "12", Source: "vcard", CallID: "1", Direction: "in", Event: phone.EventIncoming,
}

// label names an action in messages: its name, else what it does (an
// open URL only by scheme and host, which is all a log needs).
func label(a Action) string {
	switch {
	case a.Name != "":
		return fmt.Sprintf("%q", a.Name)
	case a.Run != "":
		return "run " + filepath.Base(a.Run)
	default:
		return "open " + open.Redact(a.Open)
	}
}

// kindList is "incoming, outgoing, …" for messages.
func kindList() string {
	s := make([]string, len(phone.EventKinds))
	for i, k := range phone.EventKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
