package firewall

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
)

// Names of the firewalls Check recognises, as Status.Firewall reports them.
const (
	UFW              = "ufw"
	Firewalld        = "firewalld"
	NFTables         = "nftables"
	IPTables         = "iptables"
	WindowsDefender  = "Windows Defender Firewall"
	MacOSApplication = "macOS application firewall"
)

// Verdict says whether the firewall lets a new inbound TCP connection to the
// port through.
type Verdict int

const (
	// Unknown: the rules could not be read or not be understood.
	Unknown Verdict = iota
	// Open: nothing found that would drop the connection.
	Open
	// Blocked: a rule or the default policy drops the connection.
	Blocked
)

// String returns "unknown", "open" or "blocked".
func (v Verdict) String() string {
	switch v {
	case Open:
		return "open"
	case Blocked:
		return "blocked"
	}
	return "unknown"
}

// Status is what Check found out about the local firewall and one TCP port.
type Status struct {
	// Firewall names the firewall that decides (one of the constants above),
	// or "" when none was found.
	Firewall string
	// Active reports that the firewall is known to be on.
	Active bool
	// Open is the verdict for the port.
	Open Verdict
	// Notes say what Check saw, in message keys and values; Describe
	// renders them as the one line the user reads.
	Notes []Note
	// Fix holds the command lines that open the port, as the user would
	// type them (with sudo on Linux and macOS). Empty when nothing is to do.
	Fix []string
	// Commands holds the same commands as argument vectors without sudo:
	// what Apply runs, without a shell.
	Commands [][]string
	// NeedsAdmin reports that Fix needs root or an elevated administrator.
	NeedsAdmin bool
}

// ErrNeedsAdmin is returned by Apply when the process lacks the rights to
// change the firewall; the user has to run Status.Fix as administrator.
var ErrNeedsAdmin = errors.New("changing the firewall needs administrator rights")

// System is the part of the operating system that Check and Apply use.
// Local returns the real one; tests replace single functions.
type System struct {
	// GOOS picks the firewalls to look for ("linux", "windows", "darwin").
	GOOS string
	// Run runs a program without a shell and returns its standard output.
	// A program that exits non-zero yields a *RunError; one that is not
	// installed an error wrapping exec.ErrNotFound.
	Run func(ctx context.Context, name string, args ...string) ([]byte, error)
	// ReadFile reads a configuration file (ufw.conf, firewalld services).
	ReadFile func(name string) ([]byte, error)
	// LookPath finds a program, including the sbin directories that a
	// normal user's PATH lacks.
	LookPath func(name string) (string, error)
	// IsAdmin reports that the process runs as root or elevated.
	IsAdmin func() bool
	// Getenv reads the environment (Windows expands %SystemRoot% in rules).
	Getenv func(key string) string
	// Timeout bounds each read-only command Check runs.
	Timeout time.Duration
	// ApplyTimeout bounds each command Apply runs; firewall-cmd --reload
	// can take seconds on a large rule set.
	ApplyTimeout time.Duration
}

// Local returns the System of this computer.
func Local() *System {
	return &System{
		GOOS:         runtime.GOOS,
		Run:          runCommand,
		ReadFile:     readFile,
		LookPath:     lookPath,
		IsAdmin:      isAdmin,
		Getenv:       getenv,
		Timeout:      5 * time.Second,
		ApplyTimeout: time.Minute,
	}
}

// Check finds the local firewall and judges whether it lets the desk phone
// open a TCP connection to port. program is the path of our executable:
// the Windows and macOS firewalls decide per program.
//
// Check only reads, runs no shell, and bounds every command by a short
// timeout. Missing programs and missing rights are not errors: they end in
// Verdict Unknown with Notes that say why, and the Fix is still given.
// The error is non-nil only for a port out of range or when ctx ends.
func Check(ctx context.Context, port int, program string) (Status, error) {
	return Local().Check(ctx, port, program)
}

// Apply runs st.Commands, the commands that open the port, when the process
// has the rights. Otherwise it returns ErrNeedsAdmin with the command lines
// to run as administrator, and changes nothing.
func Apply(ctx context.Context, st Status) error {
	return Local().Apply(ctx, st)
}

// Check is the package-level Check on this System.
func (s *System) Check(ctx context.Context, port int, program string) (Status, error) {
	if port < 1 || port > 65535 {
		return Status{}, fmt.Errorf("firewall check: port %d out of range", port)
	}
	var st Status
	switch s.GOOS {
	case "linux":
		st = s.checkLinux(ctx, port)
	case "windows":
		st = s.checkWindows(ctx, port, program)
	case "darwin":
		st = s.checkDarwin(ctx, program)
	default:
		st = Status{Notes: []Note{note(keyUnsupported, s.GOOS)}}
	}
	if len(st.Fix) == 0 {
		st.NeedsAdmin = false // nothing to run, so no rights needed
	}
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("firewall check: %w", err)
	}
	return st, nil
}

// Apply is the package-level Apply on this System.
func (s *System) Apply(ctx context.Context, st Status) error {
	if len(st.Commands) == 0 {
		return nil
	}
	if st.NeedsAdmin && !s.IsAdmin() {
		return fmt.Errorf("%w: run as administrator: %s", ErrNeedsAdmin, strings.Join(st.Fix, "; then "))
	}
	for _, argv := range st.Commands {
		if len(argv) == 0 {
			continue
		}
		if err := s.runFix(ctx, argv); err != nil {
			return err
		}
	}
	return nil
}

func (s *System) runFix(ctx context.Context, argv []string) error {
	prog, err := s.LookPath(argv[0])
	if err != nil {
		return fmt.Errorf("firewall apply %s: %w", argv[0], err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.ApplyTimeout)
	defer cancel()
	if _, err := s.Run(ctx, prog, argv[1:]...); err != nil {
		return fmt.Errorf("firewall apply %s: %w", displayLine(s.GOOS, argv, false), err)
	}
	return nil
}
