package traydetect

import "testing"

func TestIsGNOME(t *testing.T) {
	for desktop, want := range map[string]bool{
		"GNOME": true, "ubuntu:GNOME": true, "GNOME-Classic:GNOME": true, "pop:GNOME": true, "gnome": true,
		"KDE": false, "X-Cinnamon": false, "XFCE": false, "Unity:Unity7:ubuntu": false, "": false, "GNOME-Flashback": false,
	} {
		if got := isGNOME(desktop); got != want {
			t.Errorf("isGNOME(%q) = %v", desktop, got)
		}
	}
}
