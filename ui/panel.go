package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"deskcti/assets"
	"deskcti/assets/svgpng"
	"deskcti/platform/panel"
	"deskcti/ui/mainloop"
)

// panelOf picks the tray icons: the shade set in [ui] tray_icons, else the
// one the desktop reports, else the app theme's variant (which follows the
// desktop's light/dark preference and is right where the panel is drawn
// in the theme's colours, as on KDE and XFCE).
func panelOf(setting string, detected panel.Shade, variant fyne.ThemeVariant) panel.Shade {
	if set, _ := panel.Parse(setting); set != panel.Unknown {
		return set
	}
	switch {
	case detected != panel.Unknown:
		return detected
	case variant == theme.VariantDark:
		return panel.Dark
	}
	return panel.Light
}

// applyPanel shows the tray icons for the panel shade detected; on the
// Fyne goroutine.
func (d *Desk) applyPanel(detected panel.Shade) {
	d.tray.SetPanel(panelOf(d.service().Config().UI.TrayIcons, detected, d.a.Settings().ThemeVariant()))
}

// refreshPanel asks the desktop again, as the user may have switched
// between light and dark mode, and then applies the answer. The asking
// runs off the Fyne goroutine: on macOS it runs a program (defaults).
func (d *Desk) refreshPanel() {
	go func() {
		detected := panel.Detect()
		mainloop.Do(func() { d.applyPanel(detected) })
	}()
}

// trackPanel sets the tray icons before the tray shows them (start-up
// waits for the desktop's answer, so that the icon does not change right
// after it appears) and follows light/dark mode switches, which Fyne
// reports as a settings change.
func (d *Desk) trackPanel() {
	d.applyPanel(panel.Detect())
	d.a.Settings().AddListener(func(fyne.Settings) { d.refreshPanel() })
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
