package main

import (
	"bufio"
	"flag"
	"fmt"
	"strings"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/phone/httpx"
)

func init() {
	var yes bool
	register(&command{name: "trust", summary: "cmd.trust",
		flags: func(fs *flag.FlagSet) { fs.BoolVar(&yes, "yes", false, i18n.T("flag.yes")) },
		run:   func(e *env) error { return runTrust(e, yes) }})
}

// runTrust is trust on first use: show the phone's certificate fingerprint,
// and pin it in the settings once the user confirms it matches what the
// phone's own web page or display shows.
func runTrust(e *env, yes bool) error {
	if len(e.args) != 0 {
		return errUsage
	}
	if !strings.HasPrefix(strings.ToLower(e.cfg.Phone.URL), "https://") {
		return fmt.Errorf("%s", i18n.T("cli.trust.not-https", e.cfg.Phone.URL))
	}
	fp, err := httpx.FetchFingerprint(e.ctx, e.cfg.Phone.URL, e.cfg.Phone.ConnectTimeout.D())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.trust.fingerprint", e.cfg.Phone.URL))
	fmt.Fprintln(e.stdout, "  "+fp)
	if e.cfg.Phone.Fingerprint != "" && httpx.SameFingerprint(fp, e.cfg.Phone.Fingerprint) {
		fmt.Fprintln(e.stdout, i18n.T("cli.trust.already"))
		return nil
	}
	if !yes {
		fmt.Fprint(e.stdout, i18n.T("cli.trust.ask")+" ")
		line, _ := bufio.NewReader(e.stdin).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes", "j", "ja":
		default:
			return fmt.Errorf("%s", i18n.T("cli.trust.declined"))
		}
	}
	// Only the fingerprint is written; the rest of the file stays as the
	// user left it, not as this run's flags changed it.
	cfg, err := config.Load(e.cfgPath)
	if err != nil {
		return err
	}
	cfg.Phone.Fingerprint = fp
	if err := config.Save(e.cfgPath, cfg); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.trust.saved", e.cfgPath))
	return nil
}
