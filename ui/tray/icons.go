package tray

import (
	"fmt"
	"sync"

	"deskcti/assets"
	"deskcti/assets/svgpng"
	"deskcti/platform/panel"

	"fyne.io/fyne/v2"
)

// iconSize is the edge of the tray icon in pixels: panels scale it down,
// and 64 stays sharp at 200 % display scaling.
const iconSize = 64

// Each panel shade has its own drawing of every state (assets.TrayIcons):
// a dark handset for light panels, a light one for dark panels; the
// badges keep their colours. An unknown shade gets the dark icons, which
// carry a white outline and stay visible on a dark panel too.
func dir(p panel.Shade) string {
	if p == panel.Dark {
		return panel.Dark.String()
	}
	return panel.Light.String()
}

type iconKey struct {
	dir   string // dir of the panel shade
	state State
}

// rendered caches the PNG of each panel shade and state. systray hands
// the bytes to the panel as they are and decodes only PNG (and ICO on
// Windows), never SVG, so each SVG is rasterised with the renderer Fyne
// uses — once, and only when first shown: all eight at start cost the
// tray 30–60 ms before it appeared (bench/desktop, BenchmarkColdStart).
var rendered sync.Map // iconKey → fyne.Resource

// icon renders (or finds) the icon of panel p and state s.
func icon(p panel.Shade, s State) (fyne.Resource, error) {
	k := iconKey{dir(p), s}
	if r, ok := rendered.Load(k); ok {
		return r.(fyne.Resource), nil
	}
	name := "icons/tray/" + k.dir + "/" + s.key() + ".svg"
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
	r, _ := rendered.LoadOrStore(k, fyne.NewStaticResource("deskcti-"+s.key()+"-"+k.dir+".png", data))
	return r.(fyne.Resource), nil
}

// iconFor is the icon of state s on panel p, or nil (Fyne then keeps its
// default) in the impossible case that the embedded SVG does not render,
// which TestIconsRender rules out.
func iconFor(p panel.Shade, s State) fyne.Resource {
	r, err := icon(p, s)
	if err != nil {
		fyne.LogError("deskcti tray icons", err)
		return nil
	}
	return r
}
