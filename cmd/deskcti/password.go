package main

import (
	"bufio"
	"fmt"
	"strings"

	"deskcti/app/i18n"
	"deskcti/app/secrets"
)

func init() {
	register(&command{name: "password", args: "set|delete", summary: "cmd.password", run: runPassword})
}

// runPassword stores the phone's web password in the system keyring. The
// password is read from standard input, never from the command line, where
// other users could see it in the process list.
func runPassword(e *env) error {
	if len(e.args) != 1 {
		return errUsage
	}
	p := e.cfg.Phone
	if p.URL == "" {
		return fmt.Errorf("%s", i18n.T("cli.password.no-phone"))
	}
	switch e.args[0] {
	case "set":
		fmt.Fprint(e.stderr, i18n.T("cli.password.prompt", p.User, p.URL)+" ")
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		fmt.Fprintln(e.stderr)
		if err := secrets.SetPhonePassword(p.User, p.URL, strings.TrimRight(line, "\r\n")); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.password.saved"))
	case "delete":
		if err := secrets.DeletePhonePassword(p.User, p.URL); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.password.deleted"))
	default:
		return errUsage
	}
	return nil
}
