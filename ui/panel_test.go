package ui

import (
	"testing"

	"fyne.io/fyne/v2/theme"

	"deskcti/platform/panel"
)

func TestPanelOf(t *testing.T) {
	for _, c := range []struct {
		setting  string
		detected panel.Shade
		dark     bool
		want     panel.Shade
	}{
		{"light", panel.Dark, true, panel.Light}, // the setting wins
		{"Dark", panel.Light, false, panel.Dark},
		{"", panel.Dark, false, panel.Dark}, // GNOME's black bar with light apps
		{"", panel.Light, true, panel.Light},
		{"", panel.Unknown, true, panel.Dark}, // then the theme
		{"", panel.Unknown, false, panel.Light},
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
