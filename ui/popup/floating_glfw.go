//go:build cgo && !ci && !android && !ios && !mobile && !wasm && !js && !test_web_driver && !tamago && !noos && !tinygo

package popup

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// showOnTop shows a new window with GLFW's FLOATING hint set, so that it
// stays above other windows; false when the driver is not Fyne's GLFW
// desktop driver (the test driver, mobile), which then shows nothing.
//
// Fyne 2.7 has no API for this. It works because Fyne's GLFW driver creates
// the native window inside Show, on the main goroutine (where the Manager's
// methods run), and sets only the hints it cares about: the hint set here
// is in force for exactly this window and reset before anything else is
// created. Should Fyne ever reset all hints first, the window is simply
// not floating.
func showOnTop(a fyne.App, w fyne.Window) bool {
	if _, ok := a.Driver().(desktop.Driver); !ok {
		return false
	}
	glfw.WindowHint(glfw.Floating, glfw.True)
	defer glfw.WindowHint(glfw.Floating, glfw.False)
	w.Show()
	return true
}
