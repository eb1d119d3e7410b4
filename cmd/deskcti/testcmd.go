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
	register(&command{name: "test", summary: "cmd.test",
		flags: func(fs *flag.FlagSet) { fs.StringVar(&listen, "listen", "", i18n.T("flag.serve-listen")) },
		run:   func(e *env) error { return runTest(e, listen) }})
}

// runTest is the CLI face of the Test button: every step live, with the
// fix for the one that failed; exit 0 only when everything passed.
func runTest(e *env, listen string) error {
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
	if !app.AllPassed(s.TestReach(e.ctx, live, show)) {
		return errSilent{i18n.T("cli.test.failed")}
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.test.ok"))
	return nil
}

// errSilent is an error whose details were already printed; only its short
// text goes to stderr.
type errSilent struct{ msg string }

func (e errSilent) Error() string { return e.msg }
