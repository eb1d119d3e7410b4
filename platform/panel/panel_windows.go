//go:build windows

package panel

import "golang.org/x/sys/windows/registry"

// detect reads the "Choose your Windows mode" switch, which colours the
// taskbar independently of the apps' mode (the default is a dark taskbar
// with light apps).
func detect() Shade {
	k, err := registry.OpenKey(registry.CURRENT_USER,
		`Software\Microsoft\Windows\CurrentVersion\Themes\Personalize`, registry.QUERY_VALUE)
	if err != nil {
		// Windows before 10 version 1903 has no such switch and only
		// dark taskbars.
		return Dark
	}
	defer k.Close()
	v, _, err := k.GetIntegerValue("SystemUsesLightTheme")
	if err != nil {
		return Dark
	}
	if v == 1 {
		return Light
	}
	return Dark
}
