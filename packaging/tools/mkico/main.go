// Command mkico writes a Windows .ico whose entries are PNG files, which
// Windows Vista and later read as they are; no resampling, no BMP/DIB.
//
//	go run ./packaging/tools/mkico -o deskcti.ico 16.png 32.png 48.png 256.png
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image/png"
	"os"
)

func main() {
	out := flag.String("o", "", "ICO file to write")
	flag.Parse()
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "mkico:", err)
		os.Exit(1)
	}
}

func run(out string, pngs []string) error {
	if out == "" || len(pngs) == 0 {
		return fmt.Errorf("usage: mkico -o FILE.ico IMAGE.png...")
	}
	var images [][]byte
	for _, p := range pngs {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read png: %w", err)
		}
		images = append(images, b)
	}
	ico, err := encode(images)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, ico, 0o644); err != nil {
		return fmt.Errorf("write ico: %w", err)
	}
	return nil
}

// encode lays out ICONDIR, one ICONDIRENTRY per image, then the PNG data.
// A width or height of 256 is stored as 0, as the format requires.
func encode(images [][]byte) ([]byte, error) {
	const dirSize, entrySize = 6, 16
	var buf bytes.Buffer
	le := binary.LittleEndian
	buf.Write(le.AppendUint16(le.AppendUint16(le.AppendUint16(nil, 0), 1), uint16(len(images))))
	offset := dirSize + entrySize*len(images)
	for i, img := range images {
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil {
			return nil, fmt.Errorf("image %d: %w", i, err)
		}
		if cfg.Width > 256 || cfg.Height > 256 {
			return nil, fmt.Errorf("image %d: %dx%d, ICO allows at most 256x256", i, cfg.Width, cfg.Height)
		}
		e := []byte{byte(cfg.Width % 256), byte(cfg.Height % 256), 0, 0}
		e = le.AppendUint16(e, 1)  // colour planes
		e = le.AppendUint16(e, 32) // bits per pixel
		e = le.AppendUint32(e, uint32(len(img)))
		e = le.AppendUint32(e, uint32(offset))
		buf.Write(e)
		offset += len(img)
	}
	for _, img := range images {
		buf.Write(img)
	}
	return buf.Bytes(), nil
}
