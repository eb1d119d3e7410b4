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

// rendered caches the PNG of each panel shade and state. systray hands
// the bytes to the panel as they are and decodes only PNG (and ICO on
// Windows), never SVG, so each SVG is rasterised with the renderer Fyne
// uses — once, and only when first shown: all eight at start cost the
// tray 30–60 ms before it appeared (bench/desktop, BenchmarkColdStart).
var rendered sync.Map // iconKey → fyne.Resource

// icon renders (or finds) the icon of panel p and state s.
func icon(p Panel, s State) (fyne.Resource, error) {
	k := iconKey{p, s}
	if r, ok := rendered.Load(k); ok {
		return r.(fyne.Resource), nil
	}
	name := "icons/tray/" + p.dir() + "/" + s.key() + ".svg"
	svg, err := assets.TrayIcons.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("tray icon %s: %w", name, err)
	}
	data, err := svgpng.Render(svg, iconSize)
	if err != nil {
		return nil, fmt.Errorf("tray icon %s: %w", name, err)
	}
	// The name differs per shade: systray and Fyne cache icons by
	// resource name.
	r, _ := rendered.LoadOrStore(k, fyne.NewStaticResource("deskcti-"+s.key()+"-"+p.dir()+".png", data))
	return r.(fyne.Resource), nil
}

// iconFor is the icon of state s on panel p, or nil (Fyne then keeps its
// default) in the impossible case that the embedded SVG does not render,
// which TestIconsRender rules out.
func iconFor(p Panel, s State) fyne.Resource {
	r, err := icon(p, s)
	if err != nil {
		fyne.LogError("deskcti tray icons", err)
		return nil
	}
	return r
}
