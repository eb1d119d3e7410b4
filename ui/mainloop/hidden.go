package mainloop

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// glfwWindow is the package and name of the type of Fyne's GLFW windows.
const glfwPkg, glfwWindow = "fyne.io/fyne/v2/internal/driver/glfw", "window"

// napsPossible: only Fyne's GLFW driver (a desktop.Driver) has a loop to
// nap and windows whose visibility allHidden can read.
func napsPossible(a fyne.App) bool {
	_, ok := a.Driver().(desktop.Driver)
	return ok
}

// allHidden reports whether none of ws is on screen. It runs on the loop.
//
// Fyne 2.7 has no API for this: fyne.Window has Show and Hide but no
// getter. The GLFW driver's window keeps it in an unexported bool field,
// visible, set by Show and cleared by Hide on the main goroutine, where
// this runs too; reflect reads it without writing. A window of any other
// type, or a GLFW window without that field (a later Fyne), counts as on
// screen, so that a change in Fyne stops naps rather than freezing a
// window; TestRealLoopNaps then fails and says so.
func allHidden(ws []fyne.Window) bool {
	for _, w := range ws {
		if shown, known := visible(w); shown || !known {
			return false
		}
	}
	return true
}

// visible reads w's visibility; known is false when w is not a GLFW window
// as Fyne 2.7 builds it.
func visible(w fyne.Window) (shown, known bool) {
	v := reflect.ValueOf(w)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false, false
	}
	v = v.Elem()
	if t := v.Type(); t.Kind() != reflect.Struct || t.PkgPath() != glfwPkg || t.Name() != glfwWindow {
		return false, false
	}
	f := v.FieldByName("visible")
	if !f.IsValid() || f.Kind() != reflect.Bool {
		return false, false
	}
	return f.Bool(), true
}
