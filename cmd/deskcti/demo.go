package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/ui"
)

func init() {
	var cli bool
	register(&command{name: "demo", summary: "cmd.demo",
		flags: func(fs *flag.FlagSet) { fs.BoolVar(&cli, "cli", false, i18n.T("flag.demo-cli")) },
		run: func(e *env) error {
			if len(e.args) != 0 {
				return errUsage
			}
			if cli {
				return runDemoCLI(e)
			}
			fmt.Fprintln(e.stderr, i18n.T("ui.demo.ready"))
			return ui.RunDemo(e.ctx, ui.DemoOptions{})
		}})
}

// runDemoCLI starts a snom emulator and a settings file that points at it,
// then reads command lines from standard input and runs them against it,
// so that every CLI command can be tried without a desk phone or a
// display.
func runDemoCLI(e *env) error {
	const demoPassword = "admin" // the emulator's factory default, not a secret
	sim, err := phonesim.Start(phonesim.Options{Vendor: phone.Snom, User: "admin", Password: demoPassword, Auth: phonesim.AuthDigest})
	if err != nil {
		return fmt.Errorf("start phone emulator: %w", err)
	}
	defer sim.Close()
	dir, err := os.MkdirTemp("", "deskcti-demo-")
	if err != nil {
		return fmt.Errorf("demo settings: %w", err)
	}
	defer os.RemoveAll(dir)
	cfgPath := filepath.Join(dir, config.FileName)
	cfg := config.Default()
	cfg.Phone.URL, cfg.Phone.User = sim.URL(), "admin"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 4}
	cfg.UI.Language = string(i18n.Current())
	if err := config.Save(cfgPath, cfg); err != nil {
		return err
	}
	// The commands below run in this process and find the password here.
	os.Setenv(secrets.PhonePasswordEnv, demoPassword)

	fmt.Fprintln(e.stdout, i18n.T("demo.banner", sim.URL(), cfgPath))
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(e.stdin)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for {
		fmt.Fprint(e.stdout, "demo> ")
		var line string
		var ok bool
		select {
		case <-e.ctx.Done():
			fmt.Fprintln(e.stdout)
			return nil
		case line, ok = <-lines:
		}
		if !ok {
			// No terminal (e.g. started from a launcher): keep the
			// emulator up until interrupted.
			fmt.Fprintln(e.stdout)
			<-e.ctx.Done()
			return nil
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "quit", "exit", "ende":
			return nil
		case "ring":
			if len(fields) < 2 {
				fmt.Fprintln(e.stdout, i18n.T("demo.ring-usage"))
				continue
			}
			id := sim.IncomingCall(fields[1], strings.Join(fields[2:], " "))
			fmt.Fprintln(e.stdout, i18n.T("demo.ringing", fields[1], id))
		case "state":
			fmt.Fprintln(e.stdout, i18n.T("demo.state", sim.State(), sim.DND()))
			for _, c := range sim.Calls() {
				fmt.Fprintf(e.stdout, "  %s %s %s\n", c.ID, c.State, c.Remote)
			}
		case "requests":
			for _, r := range sim.Requests() {
				fmt.Fprintf(e.stdout, "  %s %s?%s → %d\n", r.Method, r.Path, r.RawQuery, r.Status)
			}
			sim.Reset()
		default:
			args := append([]string{"--config", cfgPath}, fields...)
			run(e.ctx, args, strings.NewReader(""), e.stdout, e.stdout)
		}
	}
}
