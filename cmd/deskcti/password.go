package main

import (
	"bufio"
	"flag"
	"fmt"
	"strings"

	"deskcti/app/i18n"
	"deskcti/app/secrets"
)

func init() {
	var forURL string
	register(&command{name: "password", args: "set|delete", summary: "cmd.password",
		flags: func(fs *flag.FlagSet) { fs.StringVar(&forURL, "for", "", i18n.T("flag.for")) },
		run:   func(e *env) error { return runPassword(e, forURL) }})
}

// runPassword stores the phone's web password (or, with --for URL, an
// address book's) in the system keyring. The password is read from
// standard input, never from the command line, where other users could see
// it in the process list.
func runPassword(e *env, forURL string) error {
	if len(e.args) != 1 {
		return errUsage
	}
	p := e.cfg.Phone
	account, label := secrets.PhoneAccount(p.User, p.URL), p.User+" @ "+p.URL
	if forURL != "" {
		account, label = secrets.SourceAccount(forURL), forURL
	} else if p.URL == "" {
		return fmt.Errorf("%s", i18n.T("cli.password.no-phone"))
	}
	switch e.args[0] {
	case "set":
		fmt.Fprint(e.stderr, i18n.T("cli.password.prompt", label)+" ")
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		fmt.Fprintln(e.stderr)
		if err := secrets.Set(account, strings.TrimRight(line, "\r\n")); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.password.saved"))
	case "delete":
		if err := secrets.Delete(account); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.password.deleted"))
	default:
		return errUsage
	}
	return nil
}
