// Command rasterize renders an SVG into square PNGs of the given sizes, with
// the same SVG renderer Fyne uses, so the packaged icons match the app's.
//
//	go run ./packaging/tools/rasterize -in assets/icons/deskcti.svg -out DIR 16 32 48
//
// writes DIR/16.png, DIR/32.png and DIR/48.png.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

func main() {
	in := flag.String("in", "", "SVG file to render")
	out := flag.String("out", ".", "directory for SIZE.png files")
	flag.Parse()
	if err := run(*in, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "rasterize:", err)
		os.Exit(1)
	}
}

func run(in, out string, sizes []string) error {
	if in == "" || len(sizes) == 0 {
		return fmt.Errorf("usage: rasterize -in FILE.svg -out DIR SIZE...")
	}
	svg, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read svg: %w", err)
	}
	for _, s := range sizes {
		size, err := strconv.Atoi(s)
		if err != nil || size < 1 || size > 4096 {
			return fmt.Errorf("size %q: want 1..4096", s)
		}
		data, err := render(svg, size)
		if err != nil {
			return fmt.Errorf("render %s at %d: %w", in, size, err)
		}
		if err := os.WriteFile(filepath.Join(out, s+".png"), data, 0o644); err != nil {
			return fmt.Errorf("write png: %w", err)
		}
	}
	return nil
}

// render draws svg into a size×size PNG. It parses per size because
// SetTarget rescales the parsed paths in place.
func render(svg []byte, size int) ([]byte, error) {
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
