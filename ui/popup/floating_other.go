//go:build !cgo || ci || android || ios || mobile || wasm || js || test_web_driver || tamago || noos || tinygo

package popup

import "fyne.io/fyne/v2"

// showOnTop is unavailable without Fyne's GLFW desktop driver.
func showOnTop(fyne.App, fyne.Window) bool { return false }
