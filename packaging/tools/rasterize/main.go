// Command rasterize renders an SVG into square PNGs of the given sizes, with
// the same SVG renderer Fyne uses, so the packaged icons match the app's.
//
//	go run ./packaging/tools/rasterize -in assets/icons/deskcti.svg -out DIR 16 32 48
//
// writes DIR/16.png, DIR/32.png and DIR/48.png.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"deskcti/assets/svgpng"
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
		data, err := svgpng.Render(svg, size)
		if err != nil {
			return fmt.Errorf("render %s at %d: %w", in, size, err)
		}
		if err := os.WriteFile(filepath.Join(out, s+".png"), data, 0o644); err != nil {
			return fmt.Errorf("write png: %w", err)
		}
	}
	return nil
}
