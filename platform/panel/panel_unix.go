//go:build !windows && !darwin

package panel

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// darkPanelDesktops draw their panel dark whatever the apps' colour
// scheme: GNOME Shell's top bar (also Ubuntu's "ubuntu:GNOME"), Unity,
// Cinnamon and Budgie. Following the app theme there would put a dark
// icon on a black bar for everybody with light windows.
var darkPanelDesktops = []string{"gnome", "unity", "cinnamon", "x-cinnamon", "budgie"}

func detect() Shade {
	for _, d := range strings.Split(strings.ToLower(os.Getenv("XDG_CURRENT_DESKTOP")), ":") {
		for _, dark := range darkPanelDesktops {
			if d == dark {
				return Dark
			}
		}
		if d == "kde" {
			return kdeShade()
		}
	}
	return Unknown
}

// kdeShade reads Plasma's colour scheme: Plasma's default panel style
// (Breeze) is drawn in the colour scheme, so a "…Dark" scheme means a dark
// panel and any other named scheme a light one.
func kdeShade() Shade {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return Unknown
		}
		dir = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(dir, "kdeglobals"))
	if err != nil {
		return Unknown
	}
	defer f.Close()
	return kdeglobalsShade(f)
}

// kdeglobalsShade finds [General] ColorScheme in a kdeglobals file.
func kdeglobalsShade(f *os.File) Shade {
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || section != "[General]" || strings.TrimSpace(key) != "ColorScheme" {
			continue
		}
		value = strings.TrimSpace(value)
		switch {
		case value == "":
			return Unknown
		case strings.Contains(strings.ToLower(value), "dark"):
			return Dark
		default:
			return Light
		}
	}
	return Unknown
}
