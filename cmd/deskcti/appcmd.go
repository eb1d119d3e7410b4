package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"deskcti/app"
	"deskcti/app/actions"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/platform/instance"
	"deskcti/platform/ipc"
	"deskcti/ui"
)

func init() {
	var hidden bool
	register(&command{name: "app", summary: "cmd.app",
		flags: func(fs *flag.FlagSet) { fs.BoolVar(&hidden, "hidden", false, i18n.T("flag.hidden")) },
		run:   func(e *env) error { return runApp(e, hidden) }})
}

// runApp starts the desktop app: tray, pop-ups, journal, settings. A
// first start (no settings file yet) opens the set-up wizard.
func runApp(e *env, hidden bool) error {
	if len(e.args) != 0 {
		return errUsage
	}
	lockPath, err := instance.DefaultPath()
	if err != nil {
		return err
	}
	lock, err := instance.Acquire(lockPath)
	if errors.Is(err, instance.ErrRunning) {
		// Bring the running app forward; it answers that it runs.
		if forwarded, ferr := forward(e, []string{"app"}); forwarded && ferr == nil {
			return nil
		}
		return errSilent{i18n.T("cli.app.running")}
	}
	if err != nil {
		return err
	}
	defer lock.Release()
	_, statErr := os.Stat(e.cfgPath)
	firstRun := errors.Is(statErr, os.ErrNotExist)
	s, err := app.New(e.cfg, nil)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	// Always a book, even without sources: "Add contact" in the pop-up
	// creates the user's own address book, read from then on.
	book, setupErr := app.OpenBook(e.cfg, app.BookOptions{Logger: logger, OwnContacts: true})
	for _, err := range unjoin(setupErr) {
		fmt.Fprintln(e.stderr, i18n.T("cli.contacts.warning", err))
	}
	var jr *journal.Journal
	if jr, err = app.OpenJournal(e.ctx, e.cfg.Journal, ""); err != nil {
		// The app still runs without a journal; the error says why.
		printError(e.stderr, err)
		jr = nil
	} else {
		defer jr.Close()
	}
	runner, err := actions.New(e.cfg.Actions, nil, logger)
	if err != nil {
		return err
	}
	defer runner.Wait()
	return ui.Run(e.ctx, ui.Options{
		Config: e.cfg, CfgPath: e.cfgPath, Service: s, Book: book, Journal: jr, Actions: runner,
		Hidden: hidden, FirstRun: firstRun && !hidden, Logger: logger, IPCPath: ipcPath(),
		// The address books load in the background once the app is up:
		// callers are found as soon as their book is read. Not earlier: on
		// two cores, reading 100 000 contacts while Fyne starts made the
		// tray icon appear after 0.85 s instead of 0.35 s (bench/desktop,
		// BenchmarkColdStart).
		Ready: func(*ui.Desk) { go book.Run(e.ctx) },
	})
}

// ipcPath is where this user's app takes requests of later processes.
func ipcPath() string {
	p, err := ipc.DefaultPath()
	if err != nil {
		return ""
	}
	return p
}
