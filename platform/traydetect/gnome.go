package traydetect

import "strings"

// isGNOME reports whether XDG_CURRENT_DESKTOP names GNOME. The variable is
// a colon-separated list ("ubuntu:GNOME", "GNOME-Classic:GNOME"); GNOME
// derivatives with their own tray (Unity, Budgie, Cinnamon) do not list
// GNOME alone, so only an element equal to "GNOME" counts.
func isGNOME(desktop string) bool {
	for _, d := range strings.Split(desktop, ":") {
		if strings.EqualFold(strings.TrimSpace(d), "GNOME") {
			return true
		}
	}
	return false
}
