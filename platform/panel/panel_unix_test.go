//go:build !windows && !darwin

package panel

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDetectDesktops(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(cfg, "kdeglobals"), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		desktop, kdeglobals string
		want                Shade
	}{
		{"GNOME", "", Dark},
		{"ubuntu:GNOME", "", Dark},
		{"X-Cinnamon", "", Dark},
		{"XFCE", "", Unknown},
		{"", "", Unknown},
		{"KDE", "", Unknown}, // no kdeglobals
		{"KDE", "[General]\nColorScheme=BreezeDark\n", Dark},
		{"KDE", "[General]\nColorScheme=BreezeLight\n", Light},
		{"KDE", "[Colors:View]\nColorScheme=BreezeDark\n[General]\nName=x\n", Unknown},
		{"KDE", "[General]\nColorScheme=\n", Unknown},
	} {
		t.Setenv("XDG_CURRENT_DESKTOP", tc.desktop)
		os.Remove(filepath.Join(cfg, "kdeglobals"))
		if tc.kdeglobals != "" {
			write(tc.kdeglobals)
		}
		if got := Detect(); got != tc.want {
			t.Errorf("desktop %q, kdeglobals %q: Detect() = %v, want %v", tc.desktop, tc.kdeglobals, got, tc.want)
		}
	}
}

func TestShadeString(t *testing.T) {
	if Light.String() != "light" || Dark.String() != "dark" || Unknown.String() != "" {
		t.Fatal("shade names changed: they are what [ui] tray_icons stores")
	}
}
