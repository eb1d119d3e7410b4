//go:build unix

// Package xshot takes screenshots of real X11 windows (under Xvfb in the
// tests), by asking the X server for the pixels of a window found by its
// title: what a user would see, not what the toolkit thinks it drew.
package xshot

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"deskcti/platform/testtool"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

var quietOnce sync.Once

// Conn is a connection to one X display.
type Conn struct {
	x    *xgb.Conn
	root xproto.Window
}

// Dial connects to display (":99"); "" means $DISPLAY.
func Dial(display string) (*Conn, error) {
	// xgb logs to stderr about a missing ~/.Xauthority, which Xvfb does
	// not need. Set once: xgb's reader goroutines read it.
	quietOnce.Do(func() { xgb.Logger = log.New(io.Discard, "", 0) })
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("xshot: connect to X display %q: %w", display, err)
	}
	return &Conn{x: x, root: xproto.Setup(x).DefaultScreen(x).Root}, nil
}

// Close ends the connection.
func (c *Conn) Close() { c.x.Close() }

// Window is a mapped top-level window.
type Window struct {
	ID    xproto.Window
	Title string
	W, H  int
}

// Windows lists the viewable windows that have a title, searching the
// whole tree (without a window manager, top-level windows are children of
// the root; with one, they are nested in frames).
func (c *Conn) Windows() ([]Window, error) {
	var out []Window
	var walk func(w xproto.Window, depth int) error
	walk = func(w xproto.Window, depth int) error {
		tree, err := xproto.QueryTree(c.x, w).Reply()
		if err != nil {
			return err
		}
		for _, ch := range tree.Children {
			attr, err := xproto.GetWindowAttributes(c.x, ch).Reply()
			if err != nil || attr.MapState != xproto.MapStateViewable {
				continue
			}
			if title := c.title(ch); title != "" {
				geo, err := xproto.GetGeometry(c.x, xproto.Drawable(ch)).Reply()
				if err == nil {
					out = append(out, Window{ID: ch, Title: title, W: int(geo.Width), H: int(geo.Height)})
				}
			}
			if depth < 3 {
				if err := walk(ch, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return out, walk(c.root, 0)
}

// title reads _NET_WM_NAME (UTF-8), else WM_NAME.
func (c *Conn) title(w xproto.Window) string {
	for _, name := range []string{"_NET_WM_NAME", "WM_NAME"} {
		atom, err := xproto.InternAtom(c.x, true, uint16(len(name)), name).Reply()
		if err != nil || atom.Atom == 0 {
			continue
		}
		p, err := xproto.GetProperty(c.x, false, w, atom.Atom, xproto.GetPropertyTypeAny, 0, 1024).Reply()
		if err == nil && len(p.Value) > 0 {
			return string(p.Value)
		}
	}
	return ""
}

// Class reads WM_CLASS: the instance and class names the desktop matches
// against a .desktop entry's StartupWMClass.
func (c *Conn) Class(w Window) (instance, class string, err error) {
	p, err := xproto.GetProperty(c.x, false, w.ID, xproto.AtomWmClass, xproto.AtomString, 0, 256).Reply()
	if err != nil {
		return "", "", fmt.Errorf("WM_CLASS of %q: %w", w.Title, err)
	}
	// Two NUL-terminated strings, instance first.
	parts := strings.Split(strings.TrimRight(string(p.Value), "\x00"), "\x00")
	if len(parts) != 2 {
		return "", "", fmt.Errorf("WM_CLASS of %q is %q, not instance and class", w.Title, p.Value)
	}
	return parts[0], parts[1], nil
}

// Find waits up to timeout for a viewable window whose title contains
// part.
func (c *Conn) Find(part string, timeout time.Duration) (Window, error) {
	deadline := time.Now().Add(timeout)
	for {
		ws, err := c.Windows()
		if err != nil {
			return Window{}, err
		}
		for _, w := range ws {
			if strings.Contains(w.Title, part) {
				return w, nil
			}
		}
		if time.Now().After(deadline) {
			var titles []string
			for _, w := range ws {
				titles = append(titles, w.Title)
			}
			return Window{}, fmt.Errorf("xshot: no window titled %q within %v (windows: %q)", part, timeout, titles)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Capture returns the window's pixels as the X server has them.
func (c *Conn) Capture(w Window) (*image.RGBA, error) {
	if w.W <= 0 || w.H <= 0 {
		return nil, errors.New("xshot: empty window")
	}
	img := image.NewRGBA(image.Rect(0, 0, w.W, w.H))
	// GetImage replies are limited in size; fetch in bands of rows.
	band := max(1, (1<<20)/(w.W*4))
	for y := 0; y < w.H; y += band {
		h := min(band, w.H-y)
		r, err := xproto.GetImage(c.x, xproto.ImageFormatZPixmap, xproto.Drawable(w.ID),
			0, int16(y), uint16(w.W), uint16(h), 0xffffffff).Reply()
		if err != nil {
			return nil, fmt.Errorf("xshot: get image of %q: %w", w.Title, err)
		}
		if len(r.Data) < w.W*h*4 {
			return nil, fmt.Errorf("xshot: %q: %d bytes for %dx%d, want 32-bit pixels (start Xvfb with -screen 0 WxHx24)", w.Title, len(r.Data), w.W, h)
		}
		for i := 0; i < w.W*h; i++ {
			// ZPixmap at depth 24/32 on little-endian servers is BGRX.
			b, g, rr := r.Data[i*4], r.Data[i*4+1], r.Data[i*4+2]
			img.SetRGBA(i%w.W, y+i/w.W, color.RGBA{R: rr, G: g, B: b, A: 255})
		}
	}
	return img, nil
}

// Blank reports whether img is (nearly) one colour: a window that shows
// nothing. A real window has text, so many pixels differ from the most
// common colour.
func Blank(img image.Image) bool {
	b := img.Bounds()
	counts := map[color.RGBA]int{}
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			counts[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bb >> 8), 255}]++
			total++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	// One colour, or hardly a pixel off the background (text strokes are
	// thin: a line of text in a small window is well under 1 %).
	return total == 0 || len(counts) < 2 || total-most < max(20, total/1000)
}

// CaptureDrawn captures w until it is not blank any more (a window is
// mapped before it is drawn) or timeout passes; it returns the last
// capture either way.
func (c *Conn) CaptureDrawn(w Window, timeout time.Duration) (*image.RGBA, error) {
	deadline := time.Now().Add(timeout)
	for {
		img, err := c.Capture(w)
		if err != nil || !Blank(img) || time.Now().After(deadline) {
			return img, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// StartXvfb starts a virtual X server (Debian package xvfb) on the first
// free display from :90 for a test and stops it when the test ends; it
// returns the display name. Without Xvfb the test is skipped (failed under
// make test, see platform/testtool).
func StartXvfb(t testing.TB) string {
	t.Helper()
	xvfb := testtool.Need(t, "Xvfb", "xvfb")
	for n := 90; n < 190; n++ {
		socket, lockFile := fmt.Sprintf("/tmp/.X11-unix/X%d", n), fmt.Sprintf("/tmp/.X%d-lock", n)
		if _, err := os.Stat(socket); err == nil && !stale(lockFile) {
			continue
		}
		os.Remove(socket)
		os.Remove(lockFile)
		display := fmt.Sprintf(":%d", n)
		// -noreset: Xvfb would otherwise reset when its first client leaves.
		cmd := exec.Command(xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// SIGTERM lets Xvfb remove its socket and lock file; a killed
			// one leaves them and uses up display numbers.
			cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			os.Remove(socket)
			os.Remove(lockFile)
		})
		for i := 0; i < 100; i++ {
			if c, err := Dial(display); err == nil {
				c.Close()
				return display
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not come up", display)
	}
	t.Fatal("no free X display")
	return ""
}

// stale reports whether an X lock file names a process that is gone (or
// cannot be read), so that its display number may be used again.
func stale(lockFile string) bool {
	b, err := os.ReadFile(lockFile)
	if err != nil {
		return true
	}
	var pid int
	if _, err := fmt.Sscan(string(b), &pid); err != nil || pid <= 0 {
		return true
	}
	return syscall.Kill(pid, 0) == syscall.ESRCH
}
