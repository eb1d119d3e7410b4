package main

import (
	"flag"
	"fmt"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/app/i18n"

	"github.com/BurntSushi/toml"
)

func init() {
	var save bool
	register(&command{name: "config", summary: "cmd.config",
		flags: func(fs *flag.FlagSet) { fs.BoolVar(&save, "save", false, i18n.T("flag.save")) },
		run:   func(e *env) error { return runConfig(e, save) }})
}

// runConfig shows the settings in force; with --save it makes the shared
// flags of this run permanent.
func runConfig(e *env, save bool) error {
	if len(e.args) != 0 {
		return errUsage
	}
	if err := app.Validate(e.cfg); err != nil {
		return err
	}
	if save {
		if err := config.Save(e.cfgPath, e.cfg); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.config.saved", e.cfgPath))
		return nil
	}
	fmt.Fprintf(e.stdout, "# %s\n", e.cfgPath)
	return toml.NewEncoder(e.stdout).Encode(e.cfg)
}
