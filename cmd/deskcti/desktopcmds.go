package main

import (
	"fmt"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/platform/desktopintegration"
)

func init() {
	register(&command{name: "register-handlers", summary: "cmd.register-handlers",
		run: func(e *env) error { return runHandlers(e, true) }})
	register(&command{name: "unregister-handlers", summary: "cmd.unregister-handlers",
		run: func(e *env) error { return runHandlers(e, false) }})
}

// runHandlers makes this deskcti the program for tel:, callto: and sip:
// links of the user, or stops it being that.
func runHandlers(e *env, on bool) error {
	if len(e.args) != 0 {
		return errUsage
	}
	o, err := app.DesktopOptions()
	if err != nil {
		return err
	}
	if on {
		if err := desktopintegration.RegisterHandlers(o); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.handlers.registered", o.Exe))
		return nil
	}
	if err := desktopintegration.UnregisterHandlers(o); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.handlers.unregistered"))
	return nil
}
