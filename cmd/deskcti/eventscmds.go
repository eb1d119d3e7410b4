package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"deskcti/app"
	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/receiver"
)

func init() {
	var receiverURL string
	var remove, newToken bool
	register(&command{name: "configure-events", summary: "cmd.configure-events",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&receiverURL, "receiver", "", i18n.T("flag.receiver"))
			fs.BoolVar(&remove, "remove", false, i18n.T("flag.remove"))
			fs.BoolVar(&newToken, "new-token", false, i18n.T("flag.new-token"))
		},
		run: func(e *env) error { return runConfigureEvents(e, receiverURL, remove, newToken) }})

	var since time.Duration
	var missed, asCSV bool
	var limit int
	var path string
	register(&command{name: "journal", summary: "cmd.journal",
		flags: func(fs *flag.FlagSet) {
			fs.DurationVar(&since, "since", 0, i18n.T("flag.since"))
			fs.BoolVar(&missed, "missed", false, i18n.T("flag.missed"))
			fs.BoolVar(&asCSV, "csv", false, i18n.T("flag.csv"))
			fs.IntVar(&limit, "limit", 100, i18n.T("flag.limit-calls"))
			fs.StringVar(&path, "journal", "", i18n.T("flag.journal"))
		},
		run: func(e *env) error { return runJournal(e, path, since, missed, asCSV, limit) }})

	var statusListen string
	register(&command{name: "status", summary: "cmd.status",
		flags: func(fs *flag.FlagSet) { fs.StringVar(&statusListen, "listen", "", i18n.T("flag.status-listen")) },
		run:   func(e *env) error { return runStatus(e, statusListen) }})
}

// runConfigureEvents writes (or with --remove clears) the phone's Action
// URLs. The receiver URL defaults to this PC's address towards the phone
// and the configured port.
func runConfigureEvents(e *env, base string, remove, newToken bool) error {
	if len(e.args) != 0 {
		return errUsage
	}
	s, err := app.New(e.cfg, nil)
	if err != nil {
		return err
	}
	if base == "" {
		a, err := app.LocalAddrFor(e.cfg.Phone.URL)
		if err != nil {
			return err
		}
		_, port, err := net.SplitHostPort(e.cfg.Receiver.Listen)
		if err != nil {
			port = "8080"
		}
		base = "http://" + net.JoinHostPort(a.String(), port)
		if newToken {
			// A fresh secret path token, kept in the keyring, where the
			// receiver (serve, the app) reads it.
			if err := secrets.Set(app.ReceiverTokenAccount, receiver.NewToken()); err != nil {
				return err
			}
		}
		tok, err := secrets.Get(app.ReceiverTokenAccount, app.ReceiverTokenEnv)
		switch {
		case err == nil && tok != "":
			base += "/" + tok
		case err != nil && !errors.Is(err, secrets.ErrNotFound) && newToken:
			return err
		}
	}
	drv, err := s.Driver()
	if err != nil {
		return err
	}
	if remove {
		r, ok := drv.(phone.EventRemover)
		if !ok {
			fmt.Fprintln(e.stdout, i18n.T("cli.events.remove-manual"))
			for _, l := range phone.EventLines(phone.Vendor(e.cfg.Phone.Vendor), base) {
				fmt.Fprintln(e.stdout, l)
			}
			return nil
		}
		if err := r.RemoveEvents(e.ctx, base); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, i18n.T("cli.events.removed"))
		return nil
	}
	err = drv.ConfigureEvents(e.ctx, base)
	var manual *phone.ManualError
	var ro *phone.ReadOnlyError
	switch {
	case err == nil:
		fmt.Fprintln(e.stdout, i18n.T("cli.events.configured-at", app.RedactBase(base)))
		return nil
	case errors.As(err, &manual):
		// The lines go to stdout alone, so that they can be redirected
		// into a provisioning file; the explanation to stderr.
		fmt.Fprintln(e.stderr, i18n.T("cli.events.manual", manual.Reason))
		for _, l := range manual.Lines {
			fmt.Fprintln(e.stdout, l)
		}
		return nil
	case errors.As(err, &ro):
		fmt.Fprintln(e.stderr, i18n.T("cli.events.readonly"))
		for _, l := range ro.Lines {
			fmt.Fprintln(e.stdout, l)
		}
		return errSilent{i18n.T("cli.events.readonly-short")}
	}
	return err
}

// runJournal prints the call journal, newest first, as a table or CSV.
func runJournal(e *env, path string, since time.Duration, missed, asCSV bool, limit int) error {
	if len(e.args) > 1 || limit < 0 || since < 0 {
		return errUsage
	}
	j, err := app.OpenJournal(e.ctx, e.cfg.Journal, path)
	if err != nil {
		return err
	}
	defer j.Close()
	q := journal.Query{Missed: missed, Limit: limit}
	if since > 0 {
		q.Since = time.Now().Add(-since)
	}
	if len(e.args) == 1 {
		q.Text = e.args[0]
	}
	cs, err := j.List(e.ctx, q)
	if err != nil {
		return err
	}
	if asCSV {
		// German Excel splits columns at ';', English Excel at ','.
		sep := ','
		if i18n.Current() == i18n.German {
			sep = ';'
		}
		return journal.WriteCSVSep(e.stdout, cs, time.Local, sep)
	}
	if len(cs) == 0 {
		fmt.Fprintln(e.stderr, i18n.T("cli.journal.empty"))
		return nil
	}
	now := time.Now()
	for _, c := range cs {
		fmt.Fprintln(e.stdout, journalLine(c, now))
	}
	return nil
}

// journalLine is one call for the terminal: when, which way, how it
// ended, who, how long.
func journalLine(c calls.Call, now time.Time) string {
	arrow := "←"
	if c.Direction == calls.Outgoing {
		arrow = "→"
	}
	who := c.Remote
	if c.Contact != nil {
		who = c.Contact.Name
		if c.Contact.Company != "" && c.Contact.Company != c.Contact.Name {
			who += " (" + c.Contact.Company + ")"
		}
		who += "  " + c.Remote
	} else if c.Display != "" {
		who = c.Display + "  " + c.Remote
	}
	dur := ""
	if d := c.Duration(now); d > 0 {
		dur = d.Round(time.Second).String()
	}
	return strings.TrimRight(fmt.Sprintf("%s %s %-10s %-40s %s", c.Start.Local().Format("2006-01-02 15:04"), arrow,
		i18n.T("state."+string(c.State)), who, dur), " ")
}

// runStatus asks the running deskcti (app or serve) for its receiver's
// statistics, over loopback.
func runStatus(e *env, listen string) error {
	if len(e.args) != 0 {
		return errUsage
	}
	if listen == "" {
		listen = e.cfg.Receiver.Listen
	}
	_, port, err := net.SplitHostPort(listen)
	if err != nil {
		port = "8080"
	}
	p, _ := strconv.Atoi(port)
	client := &http.Client{Timeout: 3 * time.Second}
	var st receiver.Stats
	var lastErr error
	// The receiver may have fallen back to the next port.
	for _, try := range []int{p, p + 1} {
		resp, err := client.Get("http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(try)) + "/status")
		if err != nil {
			lastErr = err
			continue
		}
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			lastErr = nil
			break
		}
		lastErr = fmt.Errorf("status on port %d: %s", try, resp.Status)
	}
	if lastErr != nil {
		return fmt.Errorf("%s: %w", i18n.T("cli.status.not-running", port), lastErr)
	}
	fmt.Fprintln(e.stdout, i18n.T("cli.status.head", st.Listen, st.Since.Local().Format(time.DateTime), st.Totals.Received, st.Totals.Refused, st.Totals.Errors))
	for _, ps := range st.Peers {
		line := fmt.Sprintf("  %-16s %s %d  %s %d  %s %d  %s %s", ps.Addr,
			i18n.T("status.received"), ps.Received, i18n.T("status.refused"), ps.Refused,
			i18n.T("status.errors"), ps.Errors, i18n.T("status.last"), ps.LastSeen.Local().Format(time.DateTime))
		if ps.LastError != "" {
			line += "  " + i18n.T("status.last-error", ps.LastError)
		}
		fmt.Fprintln(e.stdout, line)
	}
	return nil
}
