package tray

import (
	"embed"
	"fmt"
	"sync"

	"deskcti/assets/svgpng"

	"fyne.io/fyne/v2"
)

// iconSize is the edge of the tray icon in pixels: panels scale it down,
// and 64 stays sharp at 200 % display scaling.
const iconSize = 64

// The icons are drawn for deskcti as SVG (a handset with a status badge:
// green connected, amber starting, grey handset with a red cross
// unreachable, red minus do-not-disturb).
//
//go:embed icons/*.svg
var iconFiles embed.FS

// icons holds the PNG of each state. systray hands the bytes to the panel
// as they are and decodes only PNG (and ICO on Windows), never SVG, so the
// SVG is rasterised once, with the same renderer Fyne uses.
var icons = sync.OnceValues(func() (map[State]fyne.Resource, error) {
	m := map[State]fyne.Resource{}
	for _, s := range []State{Starting, Connected, Unreachable, DND} {
		name := "icons/" + s.key() + ".svg"
		svg, err := iconFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("tray icon %s: %w", name, err)
		}
		data, err := svgpng.Render(svg, iconSize)
		if err != nil {
			return nil, fmt.Errorf("tray icon %s: %w", name, err)
		}
		m[s] = fyne.NewStaticResource("deskcti-"+s.key()+".png", data)
	}
	return m, nil
})

// iconFor is the icon of state s, or nil (Fyne then keeps its default)
// in the impossible case that the embedded SVG does not render, which
// TestIconsRender rules out.
func iconFor(s State) fyne.Resource {
	m, err := icons()
	if err != nil {
		fyne.LogError("deskcti tray icons", err)
		return nil
	}
	return m[s]
}
