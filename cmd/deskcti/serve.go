package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"sync"
	"time"

	"deskcti/app"
	"deskcti/app/actions"
	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/contacts"
	"deskcti/phone"
	"deskcti/phone/receiver"
)

// prefixes is a repeatable --allow/--deny flag.
type prefixes []netip.Prefix

func (p *prefixes) String() string { return fmt.Sprint(*p) }
func (p *prefixes) Set(v string) error {
	pr, err := receiver.ParsePrefix(v)
	if err != nil {
		return err
	}
	*p = append(*p, pr)
	return nil
}

type serveFlags struct {
	listen      string
	allow, deny prefixes
	contacts    files
	journal     string
	noJournal   bool
	configure   bool
}

func init() {
	var f serveFlags
	register(&command{name: "serve", summary: "cmd.serve",
		flags: func(fs *flag.FlagSet) {
			f = serveFlags{}
			fs.StringVar(&f.listen, "listen", "", i18n.T("flag.serve-listen"))
			fs.Var(&f.allow, "allow", i18n.T("flag.allow-cidr"))
			fs.Var(&f.deny, "deny", i18n.T("flag.deny-cidr"))
			fs.Var(&f.contacts, "contacts", i18n.T("flag.contacts"))
			fs.StringVar(&f.journal, "journal", "", i18n.T("flag.journal"))
			fs.BoolVar(&f.noJournal, "no-journal", false, i18n.T("flag.no-journal"))
			fs.BoolVar(&f.configure, "configure", false, i18n.T("flag.configure"))
		},
		run: func(e *env) error { return runServe(e, f) }})
}

// eventJSON is one line of `deskcti serve`: stable names for scripts.
type eventJSON struct {
	Event     string       `json:"event"`
	CallID    string       `json:"call_id"`
	Remote    string       `json:"remote"`
	RemoteRaw string       `json:"remote_raw"`
	Display   string       `json:"display"`
	Contact   *contactLine `json:"contact"`
	State     string       `json:"state,omitempty"`
	Direction string       `json:"direction,omitempty"`
	Duplicate bool         `json:"duplicate,omitempty"`
	Peer      string       `json:"peer,omitempty"`
	Time      string       `json:"time"`
}

type contactLine struct {
	Name      string `json:"name"`
	Company   string `json:"company"`
	Source    string `json:"source"`
	Match     string `json:"match,omitempty"`
	Extension string `json:"extension,omitempty"`
}

// lineOf turns a change into its output line.
func lineOf(ch calls.Change) eventJSON {
	ev := ch.Event
	out := eventJSON{Event: string(ev.Kind), CallID: ev.CallID, Remote: ev.Remote, RemoteRaw: ev.Remote,
		Display: ev.Display, Duplicate: ch.Duplicate, Time: ev.Time.Format(time.RFC3339Nano)}
	if ev.Peer.IsValid() {
		out.Peer = ev.Peer.String()
	}
	if c := ch.Call; c != nil {
		out.RemoteRaw, out.State, out.Direction = c.Remote, string(c.State), string(c.Direction)
		if c.RemoteE164 != "" {
			out.Remote = c.RemoteE164
		} else {
			out.Remote = c.Remote
		}
		if c.Display != "" {
			out.Display = c.Display
		}
		if c.CallID != "" {
			out.CallID = c.CallID
		}
		if ct := c.Contact; ct != nil {
			out.Contact = &contactLine{Name: ct.Name, Company: ct.Company, Source: ct.Source, Match: ct.Match, Extension: ct.Extension}
		}
	}
	return out
}

// runServe is deskcti without a screen: receiver, lookup, journal and
// actions, one JSON line per event on stdout, everything else on stderr.
func runServe(e *env, f serveFlags) error {
	if len(e.args) != 0 {
		return errUsage
	}
	s, err := app.New(e.cfg, nil)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()

	var book *contacts.Book
	if len(e.cfg.Contacts.Sources) > 0 || len(f.contacts) > 0 {
		b, setupErr := app.OpenBook(e.cfg, app.BookOptions{Files: f.contacts, Logger: logger})
		for _, err := range unjoin(setupErr) {
			fmt.Fprintln(e.stderr, i18n.T("cli.contacts.warning", err))
		}
		// The first load happens before events are taken, so the first
		// caller is already found; later changes load in the background.
		b.Reload(ctx)
		go b.Run(ctx)
		book = b
	}

	var jr *journal.Journal
	if !f.noJournal {
		if jr, err = app.OpenJournal(ctx, e.cfg.Journal, f.journal); err != nil {
			return err
		}
		defer jr.Close()
	}

	runner, err := actions.New(e.cfg.Actions, nil, logger)
	if err != nil {
		return err
	}
	defer runner.Wait()

	var mu sync.Mutex
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	live, err := s.StartLive(ctx, app.LiveOptions{
		Book: book, Journal: jr, Actions: runner, Listen: f.listen, Allow: f.allow, Deny: f.deny, Logger: logger,
		OnChange: func(ch calls.Change) {
			mu.Lock()
			defer mu.Unlock()
			enc.Encode(lineOf(ch))
			if fl, ok := e.stdout.(interface{ Sync() error }); ok {
				fl.Sync()
			}
		},
		OnError: func(err error) { fmt.Fprintln(e.stderr, i18n.T("cli.contacts.warning", err)) },
	})
	if err != nil {
		return err
	}
	defer live.Close()
	announce(e.stderr, live)
	if f.configure {
		if err := configureEvents(ctx, e.stderr, live); err != nil {
			return err
		}
		if e.cfg.Receiver.RemoveOnExit {
			defer func() {
				rctx, rcancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer rcancel()
				if err := live.RemoveEvents(rctx); err != nil {
					printError(e.stderr, err)
				}
			}()
		}
	}
	err = live.Run(ctx)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// announce says where the phone must send its events.
func announce(w io.Writer, live *app.Live) {
	r := live.Receiver()
	base, err := live.BaseURL()
	if err != nil {
		base = r.BaseURL("")
	}
	if r.FellBack() {
		fmt.Fprintln(w, i18n.T("cli.serve.fellback", r.Addr().Port()))
	}
	fmt.Fprintln(w, i18n.T("cli.serve.listening", r.Addr(), app.RedactBase(base)))
}

// configureEvents writes the Action URLs into the phone and explains what
// the user must do where the driver cannot.
func configureEvents(ctx context.Context, w io.Writer, live *app.Live) error {
	err := live.ConfigureEvents(ctx)
	var manual *phone.ManualError
	var ro *phone.ReadOnlyError
	switch {
	case err == nil:
		fmt.Fprintln(w, i18n.T("cli.events.configured"))
		return nil
	case errors.As(err, &manual):
		fmt.Fprintln(w, i18n.T("cli.events.manual", manual.Reason))
		for _, l := range manual.Lines {
			fmt.Fprintln(w, "  "+l)
		}
		return nil
	case errors.As(err, &ro):
		fmt.Fprintln(w, i18n.T("cli.events.readonly"))
		for _, l := range ro.Lines {
			fmt.Fprintln(w, "  "+l)
		}
		return errSilent{i18n.T("cli.events.readonly-short")}
	}
	return err
}
