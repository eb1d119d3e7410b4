package actions

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// outputLimit bounds how much of a program's stdout and stderr each is
// kept for the log: a chatty program must not fill memory or the log.
const outputLimit = 4096

// waitDelay is how long Wait keeps reading a program's output after it
// exited or was killed: a grandchild that inherited the pipes must not
// keep the action (or, detached, a goroutine) alive.
const waitDelay = 2 * time.Second

// runProgram starts c's program with v in its arguments, waits for it
// when c.wait, and reports how it ended.
func (r *Runner) runProgram(ctx context.Context, c *compiled, v Vars) error {
	args, err := c.expandArgs(v)
	if err != nil {
		return err
	}
	stdout, stderr := &capped{}, &capped{}
	if !c.wait {
		// Not tied to ctx: the user asked for the program to outlive the
		// action (a CRM client window, say).
		cmd := exec.Command(c.run, args...)
		ownGroup(cmd)
		cmd.Stdout, cmd.Stderr, cmd.WaitDelay = stdout, stderr, waitDelay
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start %s: %w", c.run, err)
		}
		r.log.Debug("action started program", "action", c.label, "event", v.Event, "program", c.run, "pid", cmd.Process.Pid)
		go func() {
			err := r.finished(context.Background(), c, v, cmd.Wait(), stdout, stderr)
			if err != nil {
				r.report(&Error{Action: c.label, Event: v.Event, Err: err})
			}
		}()
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.run, args...)
	ownGroup(cmd)
	killGroup(cmd)
	cmd.Stdout, cmd.Stderr, cmd.WaitDelay = stdout, stderr, waitDelay
	r.log.Debug("action runs program", "action", c.label, "event", v.Event, "program", c.run)
	return r.finished(ctx, c, v, cmd.Run(), stdout, stderr)
}

// finished logs a program's output and turns how it ended into the error
// the user sees: the timeout, or the exit status with the first line of
// stderr, which is where programs say what went wrong. ctx is the one the
// program ran under (Background for a detached one).
func (r *Runner) finished(ctx context.Context, c *compiled, v Vars, err error, stdout, stderr *capped) error {
	if stdout.Len() > 0 || stderr.Len() > 0 {
		r.log.Info("action output", "action", c.label, "event", v.Event, "stdout", stdout.String(), "stderr", stderr.String())
	}
	if err == nil || errors.Is(err, exec.ErrWaitDelay) {
		return nil
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%s %w after %s", c.run, ErrTimeout, c.timeout)
		}
		return fmt.Errorf("%s was stopped: %w", c.run, ctx.Err())
	}
	if first := stderr.firstLine(); first != "" {
		return fmt.Errorf("%s: %w: %s", c.run, err, first)
	}
	return fmt.Errorf("%s: %w", c.run, err)
}

// expandArgs fills the placeholders of each argument; each stays one
// argument whatever a value holds. A value that would turn an argument
// into an option ("-x", "--exec=…") is refused unless a "--" before it
// ends the options: the program would otherwise obey the caller.
func (c *compiled) expandArgs(v Vars) ([]string, error) {
	args := make([]string, len(c.args))
	for i, p := range c.args {
		args[i] = render(p, v, func(_ piece, s string) string { return s })
		startsLit := len(p) > 0 && p[0].name == "" && p[0].lit != ""
		if !startsLit && strings.HasPrefix(args[i], "-") && (c.dashes < 0 || i < c.dashes) {
			return nil, fmt.Errorf("refused: the caller's data makes argument %d start with \"-\", so %s would read it as an option; "+
				"add \"--\" before it in args, or write it as \"--name={placeholder}\"", i+1, c.run)
		}
	}
	return args, nil
}

// capped keeps the first outputLimit bytes written to it.
type capped struct {
	buf       bytes.Buffer
	truncated bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := outputLimit - c.buf.Len()
	if len(p) > room {
		c.truncated = true
		p = p[:max(room, 0)]
	}
	c.buf.Write(p)
	return len(p), nil
}

// Len is how many bytes were kept.
func (c *capped) Len() int { return c.buf.Len() }

// String is the kept output, marked when more was written.
func (c *capped) String() string {
	if c.truncated {
		return c.buf.String() + "…(truncated)"
	}
	return c.buf.String()
}

// firstLine is the first non-empty line, at most 200 bytes.
func (c *capped) firstLine() string {
	for _, l := range strings.Split(c.buf.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if len(l) > 200 {
				l = l[:200] + "…"
			}
			return l
		}
	}
	return ""
}
