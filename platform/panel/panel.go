// Package panel tells whether the panel the tray icons sit on (the
// taskbar, top bar or menu bar) is dark or light, so that deskcti shows the
// tray icon drawn for it. Operating systems have no common question for
// this: each per-OS file asks what its desktop does say.
package panel

import "strings"

// Shade is what is known about the panel's colour.
type Shade int

const (
	// Unknown means the desktop does not say; callers then follow the
	// app's light or dark theme, which is the best remaining guess.
	Unknown Shade = iota
	// Light panels want the dark tray icons.
	Light
	// Dark panels want the light tray icons.
	Dark
)

// String is the shade as written in the configuration ("light", "dark",
// "" for unknown).
func (s Shade) String() string {
	switch s {
	case Light:
		return "light"
	case Dark:
		return "dark"
	}
	return ""
}

// Parse reads a shade as the configuration writes it (String's words, in
// any case): "" is Unknown (ask the desktop), anything else not ok.
func Parse(s string) (shade Shade, ok bool) {
	for _, sh := range []Shade{Unknown, Light, Dark} {
		if strings.EqualFold(s, sh.String()) {
			return sh, true
		}
	}
	return Unknown, false
}

// Detect asks the desktop for the shade of its panel. It reads a setting
// or the environment and never blocks for long.
func Detect() Shade { return detect() }
