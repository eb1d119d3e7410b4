package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"deskcti/assets"
	"deskcti/assets/svgpng"
	"deskcti/platform/panel"
)

// panelOf picks the tray icons: the shade set in [ui] tray_icons, else the
// one the desktop reports, else the app theme's variant (which follows the
// desktop's light/dark preference and is right where the panel is drawn
// in the theme's colours, as on KDE and XFCE).
func panelOf(setting string, detected panel.Shade, variant fyne.ThemeVariant) panel.Shade {
	switch strings.ToLower(setting) {
	case "light":
		return panel.Light
	case "dark":
		return panel.Dark
	}
	switch {
	case detected != panel.Unknown:
		return detected
	case variant == theme.VariantDark:
		return panel.Dark
	}
	return panel.Light
}

// applyPanel shows the tray icons for the panel now; on the Fyne
// goroutine. The desktop is asked again each time, as the user may have
// switched between light and dark mode since.
func (d *Desk) applyPanel() {
	d.tray.SetPanel(panelOf(d.service().Config().UI.TrayIcons, panel.Detect(), d.a.Settings().ThemeVariant()))
}

// trackPanel follows light/dark mode switches, which Fyne reports as a
// settings change.
func (d *Desk) trackPanel() {
	d.applyPanel()
	d.a.Settings().AddListener(func(fyne.Settings) { d.applyPanel() })
}

// appIcon is deskcti's icon as a PNG for the window manager's task
// switcher: Fyne passes the app icon to GLFW, which takes raster images.
func appIcon() fyne.Resource {
	data, err := svgpng.Render(assets.AppIcon, 256)
	if err != nil {
		fyne.LogError("deskcti app icon", err)
		return nil
	}
	return fyne.NewStaticResource("deskcti.png", data)
}
