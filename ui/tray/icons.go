package tray

import (
	"fmt"
	"sync"

	"deskcti/assets"
	"deskcti/assets/svgpng"

	"fyne.io/fyne/v2"
)

// iconSize is the edge of the tray icon in pixels: panels scale it down,
// and 64 stays sharp at 200 % display scaling.
const iconSize = 64

// Panel is the shade of the panel the icon sits on; each has its own
// drawing of every state (assets.TrayIcons): a dark handset for light
// panels, a light one for dark panels. The badges keep their colours.
type Panel int

const (
	// LightPanel shows the dark icons (the default: they carry a white
	// outline and stay visible on a dark panel too).
	LightPanel Panel = iota
	// DarkPanel shows the light icons.
	DarkPanel
)

func (p Panel) dir() string {
	if p == DarkPanel {
		return "dark"
	}
	return "light"
}

type iconKey struct {
	panel Panel
	state State
}

// icons holds the PNG of each panel shade and state. systray hands the
// bytes to the panel as they are and decodes only PNG (and ICO on
// Windows), never SVG, so the SVGs are rasterised once, with the same
// renderer Fyne uses.
var icons = sync.OnceValues(func() (map[iconKey]fyne.Resource, error) {
	m := map[iconKey]fyne.Resource{}
	for _, p := range []Panel{LightPanel, DarkPanel} {
		for _, s := range []State{Starting, Connected, Unreachable, DND} {
			name := "icons/tray/" + p.dir() + "/" + s.key() + ".svg"
			svg, err := assets.TrayIcons.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("tray icon %s: %w", name, err)
			}
			data, err := svgpng.Render(svg, iconSize)
			if err != nil {
				return nil, fmt.Errorf("tray icon %s: %w", name, err)
			}
			// The name differs per shade: systray and Fyne cache icons
			// by resource name.
			m[iconKey{p, s}] = fyne.NewStaticResource("deskcti-"+s.key()+"-"+p.dir()+".png", data)
		}
	}
	return m, nil
})

// iconFor is the icon of state s on panel p, or nil (Fyne then keeps its
// default) in the impossible case that the embedded SVG does not render,
// which TestIconsRender rules out.
func iconFor(p Panel, s State) fyne.Resource {
	m, err := icons()
	if err != nil {
		fyne.LogError("deskcti tray icons", err)
		return nil
	}
	return m[iconKey{p, s}]
}
