// Command hello is the bare Fyne app BenchmarkIdle compares deskcti with:
// one window with one label, nothing else.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello Fyne!"))
	w.ShowAndRun()
}
