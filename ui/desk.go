package ui

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/actions"
	"deskcti/app/calls"
	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/contacts"
	"deskcti/platform/hotkey"
	"deskcti/platform/ipc"
	"deskcti/platform/traydetect"
	"deskcti/ui/dialbox"
	_ "deskcti/ui/fynelocale" // before Fyne reads the locale
	"deskcti/ui/journalwin"
	"deskcti/ui/mainloop"
	"deskcti/ui/popup"
	"deskcti/ui/settings"
	"deskcti/ui/testdialog"
	"deskcti/ui/tray"
)

// AppID identifies deskcti to the desktop (preferences, notifications).
const AppID = "de.deskcti.desktop"

// Options are what the desktop app runs with.
type Options struct {
	Config  config.Config
	CfgPath string
	Service *app.Service
	Book    *contacts.Book   // may be nil: no address books
	Journal *journal.Journal // may be nil: no journal
	Actions *actions.Runner  // may be nil
	// Listen overrides the receiver address.
	Listen string
	// Hidden starts in the tray without a window (autostart).
	Hidden bool
	// FirstRun opens the set-up wizard: phone, test, contacts.
	FirstRun bool
	// IPCPath is where later deskcti processes hand their requests over
	// (platform/ipc); "" takes none.
	IPCPath string
	// NoHotkey leaves the global dial key alone (tests).
	NoHotkey bool
	// SimulateCall adds the demo's "Simulate incoming call"; nil outside
	// the demo.
	SimulateCall func()
	// App is the Fyne app; nil makes the real one. Tests pass fyne/test's.
	App fyne.App
	// Ready runs on the Fyne goroutine once everything is up.
	Ready  func(d *Desk)
	Logger *slog.Logger
}

// Desk is the running desktop app: tray, pop-ups, windows, and the event
// pipeline behind them.
type Desk struct {
	o    Options
	a    fyne.App
	ctx  context.Context
	live *app.Live
	log  *slog.Logger

	ipc     *ipc.Server
	hotkey  *hotkey.Hotkey // guarded by mu
	tray    *tray.Tray
	popups  *popup.Manager
	dial    *dialbox.Box
	journal *journalwin.Window
	main    fyne.Window // when there is no tray

	svcMu sync.Mutex
	svc   *app.Service // replaced when the user saves settings

	stopped atomic.Bool // Run returned: the quit watchdog stands down
	inTray  bool        // the tray icon is installed (else the main window shows)

	mu       sync.Mutex // guards the windows below
	settings *settings.Window
	test     *testdialog.Dialog
}

// service is the app service for the settings in force.
func (d *Desk) service() *app.Service {
	d.svcMu.Lock()
	defer d.svcMu.Unlock()
	return d.svc
}

// Run starts the desktop app and returns when the user quits or ctx ends.
func Run(ctx context.Context, o Options) error {
	d, err := New(ctx, o)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		// The driver's Quit, as Fyne's own SIGINT/SIGTERM handler does, not
		// App.Quit: on a signal both run at once (main's ctx ends on
		// SIGINT), and once Fyne's has ended the loop and terminated GLFW,
		// fyne.Do runs this directly, where App.Quit's closing of windows
		// panics ("GLFW library is not initialized", exit status 2, seen
		// about once in five stops by bench/desktop). The driver's Quit
		// does nothing the second time.
		mainloop.Stop()
		mainloop.Do(d.a.Driver().Quit)
	}()
	// Hidden in the tray, deskcti's loop naps instead of waking sixty times
	// a second (see ui/mainloop). A panel talking to the tray wakes it.
	mainloop.Start(d.a, mainloop.Options{Wakers: d.trayWakers(ctx)})
	d.a.Run()
	mainloop.Stop()
	d.shutdown()
	return nil
}

// quit ends the app. Fyne 2.7.1 sometimes hangs in its own shutdown after
// Quit (a race in Lifecycle.WaitForEvents, about once in a hundred quits
// under load); a user who chose Quit must not be left with a process that
// holds the receiver's port, so a watchdog ends the process if Run has not
// returned a few seconds later.
func (d *Desk) quit() {
	mainloop.Stop()
	go func() {
		time.Sleep(8 * time.Second)
		if !d.stopped.Load() {
			d.log.Warn("Fyne did not stop after Quit; exiting")
			d.live.Close()
			os.Exit(0)
		}
	}()
	d.a.Quit()
}

// New builds the desktop app without running Fyne's loop (Run does), so
// that tests can drive it with fyne/test.
func New(ctx context.Context, o Options) (*Desk, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	a := o.App
	if a == nil {
		if err := checkDisplay(); err != nil {
			return nil, err
		}
		alignFyneLocale(i18n.Current())
		nameWindows()
		a = fyneapp.NewWithID(AppID)
		if icon := appIcon(); icon != nil {
			a.SetIcon(icon)
		}
	}
	d := &Desk{o: o, a: a, ctx: ctx, log: o.Logger, svc: o.Service}
	live, err := o.Service.StartLive(ctx, app.LiveOptions{
		Book: o.Book, Journal: o.Journal, Actions: o.Actions, Listen: o.Listen, Logger: o.Logger,
		OnChange: func(ch calls.Change) { mainloop.Do(func() { d.changed(ch) }) },
		OnError:  func(err error) { mainloop.Do(func() { d.notifyError(err) }) },
	})
	if err != nil {
		return nil, err
	}
	d.live = live
	go live.Run(ctx)

	d.popups = popup.NewManager(a, d.popupHandlers(), popup.Options{OnTop: true})
	d.dial = dialbox.New(a, d.dialHandlers())
	d.journal = journalwin.New(a, d.journalHandlers())
	d.tray = tray.New(a, tray.Handlers{
		Dial:     func() { d.dial.ShowDial() },
		Journal:  func() { d.journal.Show() },
		Settings: d.showSettings,
		Test:     d.showTest,
		Quit:     d.quit,
		SetDND: func(on bool) error {
			return d.withDriver(func(ctx context.Context) error { return d.driverSetDND(ctx, on) })
		},
		SimulateCall: o.SimulateCall,
	})
	d.trackPanel()
	detect := traydetect.Check(ctx)
	d.inTray = d.tray.Install(detect)
	if !d.inTray {
		d.showMain(detect)
	}
	if o.IPCPath != "" {
		if err := d.listenForwarded(o.IPCPath); err != nil {
			// Dialling from the CLI then works on its own; say why the
			// app does not take it over.
			d.log.Warn("no forwarding from other deskcti processes", "err", err)
		}
	}
	if !o.NoHotkey {
		d.startHotkey()
	}
	go d.probe()
	if o.FirstRun {
		d.showWizard()
	}
	if o.Ready != nil {
		mainloop.Do(func() { o.Ready(d) })
	}
	return d, nil
}

// App is the Fyne app, for tests.
func (d *Desk) App() fyne.App { return d.a }

// Live is the event pipeline, for tests and the demo.
func (d *Desk) Live() *app.Live { return d.live }

// Popups is the pop-up manager, for tests and screenshots.
func (d *Desk) Popups() *popup.Manager { return d.popups }

// changed is one call change, on the Fyne goroutine.
func (d *Desk) changed(ch calls.Change) {
	if ch.Call != nil && !ch.Duplicate {
		d.popups.Update(*ch.Call)
		if ch.Prev == "" && ch.Call.State == calls.Ringing && !d.service().Config().UI.NoNotifications {
			d.a.SendNotification(fyne.NewNotification(i18n.T("ui.notify.ringing"), d.callerLine(*ch.Call)))
		}
		if ch.Call.State.Final() {
			d.journal.Refresh()
		}
	}
}

// showMain is the fallback without a tray: a small window with the tray's
// menu, saying once why there is no tray icon.
func (d *Desk) showMain(detect traydetect.Result) {
	w := d.a.NewWindow("deskcti")
	w.SetIcon(d.tray.Icon())
	w.SetMainMenu(fyne.NewMainMenu(d.tray.Menu()))
	d.log.Info("no tray icon", "code", detect.Code, "reason", detect.Reason, "desktop", detect.Desktop)
	status := widget.NewLabel(tray.Unavailable(detect) + "\n" + i18n.T("ui.notray.window"))
	status.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewVBox(
		widget.NewLabelWithStyle("deskcti", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status,
		container.NewGridWithColumns(2,
			widget.NewButton(i18n.T("ui.main.dial"), d.dial.ShowDial),
			widget.NewButton(i18n.T("ui.main.journal"), d.journal.Show),
			widget.NewButton(i18n.T("ui.main.settings"), d.showSettings),
			widget.NewButton(i18n.T("ui.main.test"), d.showTest),
		),
	))
	w.Resize(fyne.NewSize(420, 200))
	// Closing the main window quits: without a tray there is no other way
	// back.
	w.SetMaster()
	w.SetCloseIntercept(d.quit)
	d.main = w
	if !d.o.Hidden {
		w.Show()
	}
}

// probe asks the phone once how it is, for the tray icon.
func (d *Desk) probe() {
	ctx, cancel := context.WithTimeout(d.ctx, 10*time.Second)
	defer cancel()
	state := tray.Connected
	drv, err := d.service().Driver()
	if err == nil {
		_, err = drv.Probe(ctx)
	}
	if err != nil {
		state = tray.Unreachable
	}
	mainloop.Do(func() { d.tray.SetState(state, false) })
}

func (d *Desk) notifyError(err error) {
	ex := app.Explain(err)
	d.log.Warn("deskcti", "err", err)
	d.a.SendNotification(fyne.NewNotification("deskcti", ex.Problem))
}

// shutdown stops the receiver and, if the user wants, takes the Action
// URLs off the phone.
func (d *Desk) shutdown() {
	d.stopped.Store(true)
	if d.ipc != nil {
		d.ipc.Close()
	}
	d.stopHotkey()
	if d.o.Config.Receiver.RemoveOnExit {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := d.live.RemoveEvents(ctx); err != nil {
			d.log.Warn("remove action URLs", "err", err)
		}
	}
	d.live.Close()
}

// withDriver runs a phone operation with a timeout.
func (d *Desk) withDriver(op func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(d.ctx, 15*time.Second)
	defer cancel()
	return op(ctx)
}

func (d *Desk) driverSetDND(ctx context.Context, on bool) error {
	drv, err := d.service().Driver()
	if err != nil {
		return err
	}
	if err := drv.SetDND(ctx, on); err != nil {
		return err
	}
	state := tray.Connected
	if on {
		state = tray.DND
	}
	mainloop.Do(func() { d.tray.SetState(state, on) })
	return nil
}

var errNoContact = errors.New("no contact to open")

// callerLine names the caller for a notification: the contact, else the
// display name, else the number.
func (d *Desk) callerLine(c calls.Call) string {
	number, _ := d.format(c)
	switch {
	case c.Contact != nil && c.Contact.Company != "" && c.Contact.Company != c.Contact.Name:
		return c.Contact.Name + " (" + c.Contact.Company + ") " + number
	case c.Contact != nil:
		return c.Contact.Name + " " + number
	case c.Display != "":
		return c.Display + " " + number
	}
	return number
}
