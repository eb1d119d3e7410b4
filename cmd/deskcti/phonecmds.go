package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/cmd/deskcti/internal/handoff"
	"deskcti/phone"
	"deskcti/platform/ipc"
)

func init() {
	register(&command{name: "dial", args: "TEXT", summary: "cmd.dial", run: runDial})
	register(&command{name: "hangup", summary: "cmd.hangup", run: driverCmd(phone.Driver.Hangup, "cli.hungup")})
	register(&command{name: "answer", summary: "cmd.answer", run: driverCmd(phone.Driver.Answer, "cli.answered")})
	register(&command{name: "hold", summary: "cmd.hold", run: driverCmd(phone.Driver.Hold, "cli.held")})
	var attended, complete bool
	register(&command{name: "transfer", args: "NUMBER | --complete", summary: "cmd.transfer",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&attended, "attended", false, i18n.T("flag.attended"))
			fs.BoolVar(&complete, "complete", false, i18n.T("flag.complete"))
		},
		run: func(e *env) error {
			if complete {
				return driverCmd(phone.Driver.CompleteTransfer, "cli.transfer-completed")(e)
			}
			return runTransfer(e, attended)
		}})
	register(&command{name: "dnd", args: "on|off", summary: "cmd.dnd", run: runDND})
}

func service(e *env) (*app.Service, error) {
	return app.New(e.cfg, nil)
}

func phoneOf(e *env) (phone.Driver, error) {
	s, err := service(e)
	if err != nil {
		return nil, err
	}
	return s.Driver()
}

// driverCmd wraps an operation that needs the phone and no arguments, and
// says what was done (done is an i18n key).
func driverCmd(op func(phone.Driver, context.Context) error, done string) func(*env) error {
	return func(e *env) error {
		if len(e.args) != 0 {
			return errUsage
		}
		d, err := phoneOf(e)
		if err != nil {
			return err
		}
		if err := op(d, e.ctx); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T(done))
		return nil
	}
}

func runDial(e *env) error {
	if len(e.args) == 0 {
		return errUsage
	}
	// A running desktop app dials for us (its phone, its journal, its
	// pop-up), unless this run points at another phone or settings file.
	if forwarded, err := forward(e, append([]string{"dial"}, e.args...)); forwarded || err != nil {
		return err
	}
	s, err := service(e)
	if err != nil {
		return err
	}
	d, err := s.Dial(e.ctx, strings.Join(e.args, " "))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.dialled", d.Number))
	if d.Extension != "" {
		fmt.Fprintln(e.stdout, i18n.T("cli.extension", d.Extension))
	}
	return nil
}

func runTransfer(e *env, attended bool) error {
	if len(e.args) == 0 {
		return errUsage
	}
	s, err := service(e)
	if err != nil {
		return err
	}
	d, err := s.Transfer(e.ctx, strings.Join(e.args, " "), attended)
	if err != nil {
		return err
	}
	key := "cli.transferred"
	if attended {
		key = "cli.transfer-consult"
	}
	fmt.Fprintln(e.stdout, i18n.T(key, d.Number))
	return nil
}

func runDND(e *env) error {
	if len(e.args) != 1 {
		return errUsage
	}
	var on bool
	switch strings.ToLower(e.args[0]) {
	case "on", "an", "ein":
		on = true
	case "off", "aus":
	default:
		return errUsage
	}
	d, err := phoneOf(e)
	if err != nil {
		return err
	}
	if err := d.SetDND(e.ctx, on); err != nil {
		return err
	}
	if on {
		fmt.Fprintln(e.stdout, i18n.T("cli.dnd-on"))
	} else {
		fmt.Fprintln(e.stdout, i18n.T("cli.dnd-off"))
	}
	return nil
}

// forward hands a command to the running desktop app over the local
// socket (handoff.Forward; for a plain dial, init has tried already). It
// reports false when no app runs (the caller does the work itself) or when
// this run's flags name another phone or settings file.
func forward(e *env, args []string) (bool, error) {
	for _, f := range []string{"config", "vendor", "phone", "user", "insecure", "country", "area-code", "outside-line", "timeout"} {
		if e.flags.set[f] {
			return false, nil
		}
	}
	var r handoff.Result
	if handoff.Early != nil && args[0] == "dial" {
		r = *handoff.Early
	} else {
		r = handoff.Forward(e.ctx, "", args, e.stdout)
	}
	if errors.Is(r.Err, ipc.ErrNoReply) {
		// Dialling here too could ring the other party twice.
		return true, errors.New(i18n.T("cli.forward.no-reply", r.Err))
	}
	return r.Forwarded, r.Err
}
