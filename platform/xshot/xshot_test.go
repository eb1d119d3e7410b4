//go:build unix

package xshot

import (
	"image"
	"image/color"
	"os"
	"os/exec"
	"testing"
	"time"

	"deskcti/platform/testtool"
)

func TestBlank(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 100, 50))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	if !Blank(img) {
		t.Fatal("white image not blank")
	}
	for x := 10; x < 90; x++ {
		for y := 10; y < 40; y += 3 {
			img.Set(x, y, color.RGBA{uint8(x), 0, uint8(y), 255})
		}
	}
	if Blank(img) {
		t.Fatal("drawn image blank")
	}
}

// StartXvfb starts a virtual X server on a free display and returns its
// name; it stops when the test ends. Exported for the UI tests through
// this package's helper below.
func TestCaptureRealWindow(t *testing.T) {
	xmessage := testtool.Need(t, "xmessage", "x11-utils")
	display := StartXvfb(t)
	msg := exec.Command(xmessage, "-name", "deskcti-xshot", "-title", "deskcti xshot test", "Hallo Köln, 0221 4711")
	msg.Env = append(os.Environ(), "DISPLAY="+display)
	if err := msg.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { msg.Process.Kill(); msg.Wait() }()
	c, err := Dial(display)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	w, err := c.Find("xshot test", 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// The window is mapped before it is drawn: wait for its content.
	img, err := c.CaptureDrawn(w, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if Blank(img) || img.Bounds().Dx() < 50 {
		t.Fatalf("window %q captured blank", w.Title)
	}
}
