package ui

import (
	"testing"

	"fyne.io/fyne/v2/theme"

	"deskcti/platform/panel"
	"deskcti/ui/tray"
)

func TestPanelOf(t *testing.T) {
	for _, c := range []struct {
		setting  string
		detected panel.Shade
		dark     bool
		want     tray.Panel
	}{
		{"light", panel.Dark, true, tray.LightPanel}, // the setting wins
		{"Dark", panel.Light, false, tray.DarkPanel},
		{"", panel.Dark, false, tray.DarkPanel}, // GNOME's black bar with light apps
		{"", panel.Light, true, tray.LightPanel},
		{"", panel.Unknown, true, tray.DarkPanel}, // then the theme
		{"", panel.Unknown, false, tray.LightPanel},
	} {
		v := theme.VariantLight
		if c.dark {
			v = theme.VariantDark
		}
		if got := panelOf(c.setting, c.detected, v); got != c.want {
			t.Errorf("panelOf(%q, %v, dark theme %v) = %v, want %v", c.setting, c.detected, c.dark, got, c.want)
		}
	}
}
