package tray

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/i18n"
	"deskcti/platform/buswake"
	"deskcti/platform/traydetect"
	"deskcti/ui/mainloop"
)

// helperEnv makes the test binary the helper app (see TestMain).
const helperEnv = "DESKCTI_TRAY_HELPER"

// runHelperApp is a real Fyne desktop app with the tray, as deskcti
// starts it: traydetect, New, Install, SetState, Run. It reports on stdout,
// one line each: "DETECT code", "INSTALLED bool", "TRAYMENU bool" (whether
// Fyne's driver holds a tray menu), "CLICKED item" for every handler,
// "DND bool" for SetDND, "QUIT-RETURNED" once a.Quit has returned, and
// "NAP n" soon after the main loop began its n-th nap.
// Without a tray it opens the fallback window with the same menu and quits
// once that has the focus ("FOCUSED"), which proves that quitting does not
// crash.
func runHelperApp() int {
	if l, ok := i18n.Parse(os.Getenv("LANG")); ok {
		i18n.Set(l)
	}
	say := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	a := fyneapp.NewWithID("net.deskcti.traytest")
	// quit is deskcti's Quit: a.Quit closes the windows and, with a focused
	// window, stops Fyne's tray (where systray dereferences its connection).
	// The process then ends at once: the rest of Fyne 2.7.1's shutdown, in
	// Run, races its OnStopped event against the drain of its main-thread
	// queue and, about once in a hundred runs under load, hangs in
	// Lifecycle.WaitForEvents, which is not what these tests are about.
	quit := func() {
		a.Quit()
		say("QUIT-RETURNED")
		os.Exit(0)
	}
	clicked := func(name string) func() { return func() { say("CLICKED %s", name) } }
	tr := New(a, Handlers{
		Dial: clicked("dial"), Journal: clicked("journal"), Settings: clicked("settings"),
		Test: clicked("test"), SimulateCall: clicked("simulate"),
		Quit:   func() { say("CLICKED quit"); quit() },
		SetDND: func(on bool) error { say("DND %v", on); return nil },
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	detect := traydetect.Check(ctx)
	cancel()
	say("DETECT %s", detect.Code)
	installed := tr.Install(detect)
	say("INSTALLED %v", installed)
	if d, ok := a.Driver().(interface{ SystemTrayMenu() *fyne.Menu }); ok {
		say("TRAYMENU %v", d.SystemTrayMenu() != nil)
	}
	tr.SetState(Connected, false)
	if installed {
		napLikeDeskcti(a, say)
	}
	if !installed {
		w := a.NewWindow("deskcti")
		w.SetMainMenu(fyne.NewMainMenu(tr.Menu()))
		w.SetContent(widget.NewLabel(Unavailable(detect)))
		w.Show()
		// Quit with the window focused: that is when Fyne stops its tray,
		// the step that dereferences systray's nil connection when a tray
		// was started without a bus.
		a.Lifecycle().SetOnStarted(w.RequestFocus)
		a.Lifecycle().SetOnEnteredForeground(func() { say("FOCUSED"); go fyne.Do(quit) })
	}
	a.Run()
	return 1 // only quit ends the helper
}

// napLikeDeskcti lets the loop nap as deskcti does (ui/naps.go), woken by
// DBus calls to the tray, but for an hour, so that in the test only the
// panel's call can end a nap. It says "NAP n" within 50 ms of the n-th
// nap's start.
func napLikeDeskcti(a fyne.App, say func(string, ...any)) {
	w, err := buswake.Watch(context.Background())
	if err != nil {
		say("BUSWAKE %v", err)
		return
	}
	mainloop.Start(a, mainloop.Options{MaxNap: time.Hour, Wakers: []<-chan struct{}{w}})
	go func() {
		var seen int64
		for range time.Tick(50 * time.Millisecond) {
			if n := mainloop.Naps(); n != seen {
				seen = n
				say("NAP %d", n)
			}
		}
	}()
}
