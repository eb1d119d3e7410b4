package main

import (
	"fmt"

	"deskcti/app"
	"deskcti/app/i18n"
)

func init() {
	register(&command{name: "test", summary: "cmd.test", run: runTest})
}

// runTest is the CLI face of the Test button: every step live, with the
// fix for the one that failed; exit 0 only when everything passed.
func runTest(e *env) error {
	if len(e.args) != 0 {
		return errUsage
	}
	s, err := service(e)
	if err != nil {
		return err
	}
	steps := s.Test(e.ctx, func(st app.Step) {
		mark := map[app.Status]string{app.Passed: "✓", app.Failed: "✗", app.Skipped: "–", app.NotApplicable: "·"}[st.Status]
		line := fmt.Sprintf("%s %s", mark, st.Title)
		if st.Detail != "" {
			line += ": " + st.Detail
		}
		fmt.Fprintln(e.stdout, line)
		if st.Status == app.Failed && st.Fix != "" {
			fmt.Fprintln(e.stdout, "  →", st.Fix)
		}
	})
	if !app.AllPassed(steps) {
		return errSilent{i18n.T("cli.test.failed")}
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.test.ok"))
	return nil
}

// errSilent is an error whose details were already printed; only its short
// text goes to stderr.
type errSilent struct{ msg string }

func (e errSilent) Error() string { return e.msg }
