package tray

import (
	"bytes"
	"embed"
	"fmt"
	"image"
	"image/png"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
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
		data, err := rasterize(svg, iconSize)
		if err != nil {
			return nil, fmt.Errorf("tray icon %s: %w", name, err)
		}
		m[s] = fyne.NewStaticResource("deskcti-"+s.key()+".png", data)
	}
	return m, nil
})

// rasterize draws an SVG into a size×size PNG.
func rasterize(svg []byte, size int) ([]byte, error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg), oksvg.StrictErrorMode)
	if err != nil {
		return nil, fmt.Errorf("parse svg: %w", err)
	}
	icon.SetTarget(0, 0, float64(size), float64(size))
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}

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
