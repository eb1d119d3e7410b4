package actions

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"

	"deskcti/phone"
	"deskcti/platform/open"
)

// Limits that keep a misbehaving phone (or a flood of forged events) from
// starting programs without end, and an unread error channel from growing.
const (
	maxBusy    = 8  // events whose actions may run at the same time
	errBacklog = 32 // errors kept for Errors' reader
)

// ErrBusy is reported when an event's actions are skipped because
// maxBusy earlier events' actions are still running.
var ErrBusy = errors.New("too many actions still running; the actions for this event were skipped")

// ErrTimeout is reported for a program killed after its timeout.
var ErrTimeout = errors.New("did not finish in time and was killed")

// Error is one action that failed. Its message names the action and the
// event, then what went wrong, for a notification as it is.
type Error struct {
	Action string // the action's name, else "run crm" / "open https://crm.example/…"
	Event  phone.EventKind
	Err    error
}

// Error says which action failed on which event, and why.
func (e *Error) Error() string {
	if e.Action == "" {
		return fmt.Sprintf("actions on %s: %v", e.Event, e.Err)
	}
	return fmt.Sprintf("action %s on %s: %v", e.Action, e.Event, e.Err)
}

// Unwrap gives errors.Is and errors.As the cause (ErrTimeout, ErrBusy,
// *exec.ExitError, the opener's error).
func (e *Error) Unwrap() error { return e.Err }

// Runner runs the configured actions for each event, in the background.
type Runner struct {
	byKind map[phone.EventKind][]*compiled
	open   open.Opener
	log    *slog.Logger
	errs   chan error
	busy   chan struct{}
	wg     sync.WaitGroup
}

// New validates actions and returns a Runner for them. opener opens URLs
// (nil: open.URL, the default browser; tests pass an open.Recorder's
// Open); log gets each action's output and errors (nil: slog.Default()).
// The error lists every invalid action with its position in the file.
func New(actions []Action, opener open.Opener, log *slog.Logger) (*Runner, error) {
	if opener == nil {
		opener = open.URL
	}
	if log == nil {
		log = slog.Default()
	}
	r := &Runner{
		byKind: map[phone.EventKind][]*compiled{},
		open:   opener,
		log:    log,
		errs:   make(chan error, errBacklog),
		busy:   make(chan struct{}, maxBusy),
	}
	var errs []error
	for i, a := range actions {
		c, err := compile(a)
		if err != nil {
			errs = append(errs, fmt.Errorf("[[action]] %d (%s): %w", i+1, c.label, err))
			continue
		}
		for _, k := range c.on {
			if !slices.Contains(r.byKind[k], c) {
				r.byKind[k] = append(r.byKind[k], c)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// Fire starts the actions configured for ev, with v's values and v.Event
// set to ev, and returns at once. The actions of one event run one after
// the other in the configured order (a program with wait = false does not
// hold up the next); different events' actions run side by side. ctx is
// their lifetime, so pass the application's context rather than one that
// ends with the event's handling: cancelling it kills waited-for programs
// and skips the actions not yet started. Failures arrive on Errors.
func (r *Runner) Fire(ctx context.Context, ev phone.EventKind, v Vars) {
	list := r.byKind[ev]
	if len(list) == 0 {
		return
	}
	select {
	case r.busy <- struct{}{}:
	default:
		r.report(&Error{Event: ev, Err: ErrBusy})
		return
	}
	v.Event = ev
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer func() { <-r.busy }()
		for _, c := range list {
			if ctx.Err() != nil {
				return
			}
			if err := r.run(ctx, c, v); err != nil {
				r.report(&Error{Action: c.label, Event: ev, Err: err})
			}
		}
	}()
}

// Errors delivers the failures of actions, for the UI to show. Errors are
// also logged; when nobody reads and the channel is full, new ones are only
// logged.
func (r *Runner) Errors() <-chan error { return r.errs }

// Wait blocks until the actions of every event fired so far have run;
// programs started with wait = false may still be running. For tests and
// an orderly shutdown after cancelling Fire's context.
func (r *Runner) Wait() { r.wg.Wait() }

// report logs err and hands it to Errors' reader without ever blocking.
func (r *Runner) report(err error) {
	r.log.Warn("action failed", "err", err)
	select {
	case r.errs <- err:
	default:
		r.log.Warn("action error not shown: the error channel is full")
	}
}

// run performs one action.
func (r *Runner) run(ctx context.Context, c *compiled, v Vars) error {
	if c.url == nil {
		return r.runProgram(ctx, c, v)
	}
	u, err := c.url.expand(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	r.log.Debug("action opens URL", "action", c.label, "event", v.Event, "url", open.Redact(u))
	return r.open(ctx, u)
}
