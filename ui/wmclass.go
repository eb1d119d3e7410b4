package ui

import (
	"os"
	"runtime"
)

// wmInstance is the WM_CLASS instance name of every deskcti window, and
// StartupWMClass in packaging/linux/deskcti.desktop.
const wmInstance = "deskcti"

// nameWindows makes GLFW name every window's WM_CLASS instance "deskcti",
// so that docks and task switchers (GNOME Shell matches the instance
// against StartupWMClass) show deskcti's icon and group its windows under
// its menu entry. Fyne sets no WM_CLASS itself, and GLFW then uses each
// window's title — a pop-up would be "Anna Müller" — unless RESOURCE_NAME
// is set; the class half stays the title, GLFW offers no other way
// without a Fyne API. The variable is inherited by programs the user's
// actions start, which matters only to X toolkit programs reading
// per-instance resources; an explicit RESOURCE_NAME is left alone.
func nameWindows() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || os.Getenv("RESOURCE_NAME") != "" {
		return
	}
	// With cgo, os.Setenv also sets the C environment GLFW reads.
	os.Setenv("RESOURCE_NAME", wmInstance)
}
