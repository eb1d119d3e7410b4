//go:build darwin && cgo

package hotkey

// This file holds only the export: a file with //export may declare but not
// define C functions, so the handler lives in hotkey_darwin_cgo.go.

// #include <MacTypes.h>
import "C"

//export deskctiHotkeyPressed
func deskctiHotkeyPressed(id C.UInt32) { macPressed(uint32(id)) }
