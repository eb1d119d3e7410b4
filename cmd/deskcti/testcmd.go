package main

import (
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"deskcti/app"
	"deskcti/app/i18n"
)

func init() {
	var listen string
	var openFirewall bool
	register(&command{name: "test", summary: "cmd.test",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&listen, "listen", "", i18n.T("flag.serve-listen"))
			fs.BoolVar(&openFirewall, "open-firewall", false, i18n.T("flag.open-firewall"))
		},
		run: func(e *env) error { return runTest(e, listen, openFirewall) }})
}

// runTest is the CLI face of the Test button: every step live, with the
// fix for the one that failed; exit 0 only when everything passed.
func runTest(e *env, listen string, openFirewall bool) error {
	if len(e.args) != 0 {
		return errUsage
	}
	s, err := service(e)
	if err != nil {
		return err
	}
	show := func(st app.Step) {
		mark := map[app.Status]string{app.Passed: "✓", app.Failed: "✗", app.Skipped: "–", app.NotApplicable: "·", app.Warning: "!"}[st.Status]
		line := fmt.Sprintf("%s %s", mark, st.Title)
		if st.Detail != "" {
			line += ": " + st.Detail
		}
		fmt.Fprintln(e.stdout, line)
		if (st.Status == app.Failed || st.Status == app.Warning) && st.Fix != "" {
			for _, l := range strings.Split(st.Fix, "\n") {
				fmt.Fprintln(e.stdout, "  →", l)
			}
		}
	}
	steps := s.Test(e.ctx, show)
	if !app.AllPassed(steps) {
		return errSilent{i18n.T("cli.test.failed")}
	}
	// Second half: can the phone's events reach this PC? A receiver of
	// its own for the test; when the running deskcti holds the port, the
	// next port is tested and the step says so.
	live, err := s.StartLive(e.ctx, app.LiveOptions{Listen: listen, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer live.Close()
	reach := s.TestReach(e.ctx, live, show)
	if openFirewall && firewallFailed(reach) {
		// Offered where the user has the rights: run the fix, then test
		// again.
		if _, err := s.OpenFirewall(e.ctx, int(live.Receiver().Addr().Port())); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.test.firewall-opened"))
		reach = s.TestReach(e.ctx, live, show)
	}
	if !app.AllPassed(reach) {
		return errSilent{i18n.T("cli.test.failed")}
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.test.ok"))
	return nil
}

// errSilent is an error whose details were already printed; only its short
// text goes to stderr.
type errSilent struct{ msg string }

func (e errSilent) Error() string { return e.msg }

func firewallFailed(steps []app.Step) bool {
	for _, st := range steps {
		if st.ID == "firewall" && st.Status == app.Failed {
			return true
		}
	}
	return false
}
