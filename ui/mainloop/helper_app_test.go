package mainloop

import (
	"bufio"
	"fmt"
	"os"
	"time"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// helperEnv makes the test binary the helper app (see TestMain).
const helperEnv = "DESKCTI_MAINLOOP_HELPER"

// helperTitle is the title of the helper's one window.
const helperTitle = "Nap test"

// runHelperApp is a real Fyne app on the GLFW driver with one hidden
// window and naps of an hour, so that only a wake-up ends one. It obeys
// one command per line on stdin and answers on stdout: "naps" → "NAPS n",
// "known" → "KNOWN bool" (whether the window's visibility can be read),
// "show" → "SHOWN", "hide" → "HIDDEN", "quit" → the process ends with 0.
// Everything but "naps" goes through Do or DoAndWait, so it needs the
// loop, and answers only if those woke it.
func runHelperApp() int {
	a := fyneapp.NewWithID("net.deskcti.mainlooptest")
	w := a.NewWindow(helperTitle)
	w.SetContent(widget.NewLabel("The main loop naps while this is hidden."))
	Start(a, Options{MaxNap: time.Hour})
	say := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			switch sc.Text() {
			case "naps":
				say("NAPS %d", Naps())
			case "known":
				DoAndWait(func() {
					_, known := visible(w)
					say("KNOWN %v", known)
				})
			case "show":
				Do(func() { w.Show(); say("SHOWN") })
			case "hide":
				Do(func() { w.Hide(); say("HIDDEN") })
			case "quit":
				Do(a.Quit)
			}
		}
	}()
	say("READY")
	a.Run()
	Stop()
	return 0
}
