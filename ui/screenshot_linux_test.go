//go:build linux

package ui

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/app/i18n"
	"deskcti/phone/phonesim"
	"deskcti/platform/xshot"
)

var updateShots = flag.Bool("update-screenshots", false, "write the screenshots to docs/screenshots")

// TestScreenshots starts the real app (GL driver, under Xvfb) in demo mode
// in a child process, lets a call ring, opens journal, settings and the
// Test dialog, and takes the windows' pictures from the X server, in
// German and English. Every picture must show something; with
// -update-screenshots they become docs/screenshots/*.png.
func TestScreenshots(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole app twice")
	}
	display := xshot.StartXvfb(t)
	out := t.TempDir()
	if *updateShots {
		out = filepath.Join("..", "docs", "screenshots")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) { screenshots(t, display, lang, out) })
	}
}

func screenshots(t *testing.T, display, lang, out string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The child is this test binary; TestMain turns it into the demo app,
	// because Fyne must own the main thread.
	cmd := exec.CommandContext(ctx, os.Args[0])
	// No DBus session: the app must fall back to its main window rather
	// than crash, which is part of what this test shows.
	// "disabled:" also keeps godbus from autolaunching a session bus
	// (dbus-launch), which would outlive the test.
	env := []string{"DESKCTI_SHOT_CHILD=1", "DESKCTI_SHOT_LANG=" + lang, "DISPLAY=" + display, "HOME=" + t.TempDir(), "LANG=C",
		"DBUS_SESSION_BUS_ADDRESS=disabled:"}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "PATH" || k == "GOCOVERDIR" {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	x, err := xshot.Dial(display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()

	shots := map[string]bool{}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := sc.Text()
		if line == "DONE" {
			break
		}
		name, title, ok := strings.Cut(strings.TrimPrefix(line, "WINDOW "), " ")
		if !strings.HasPrefix(line, "WINDOW ") || !ok {
			continue
		}
		w, err := x.Find(title, 20*time.Second)
		if err != nil {
			t.Fatalf("%s: %v\nchild stderr:\n%s", name, err, stderr.String())
		}
		img, err := x.CaptureDrawn(w, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if xshot.Blank(img) {
			t.Errorf("%s window %q is blank", name, title)
		}
		// The desktop entry's StartupWMClass must find every window.
		if instance, _, err := x.Class(w); err != nil || instance != wmInstance {
			t.Errorf("%s window %q: WM_CLASS instance %q (%v), want %q", name, title, instance, err, wmInstance)
		}
		f, err := os.Create(filepath.Join(out, name+"-"+lang+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		shots[name] = true
	}
	for _, want := range []string{"main", "popup", "journal", "dial", "settings", "test"} {
		if !shots[want] {
			t.Errorf("no %s window captured (got %v)\nchild stderr:\n%s", want, shots, stderr.String())
		}
	}
}

// screenshotChild is the child of TestScreenshots: the demo app, driven
// to show each window in turn. It runs from TestMain on the main thread.
func screenshotChild() {
	l, _ := i18n.Parse(os.Getenv("DESKCTI_SHOT_LANG"))
	i18n.Set(l)
	err := RunDemo(context.Background(), DemoOptions{FirstCall: -1, Ready: func(d *Desk, sim *phonesim.Sim) {
		go showEach(d, sim)
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// showEach opens the windows one after the other and tells the parent
// their titles; the parent waits for each to be drawn.
func showEach(d *Desk, sim *phonesim.Sim) {
	announce := func(name string, w fyne.Window) {
		fmt.Printf("WINDOW %s %s\n", name, w.Title())
	}
	var w fyne.Window
	fyne.DoAndWait(func() { w = d.main })
	if w != nil {
		announce("main", w)
	}
	// The demo writes the phone's Action URLs as it starts; the call must
	// wait for them.
	for i := 0; i < 600; i++ {
		if v, _ := sim.Setting("action_incoming_url"); v != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	sim.IncomingCall("sip:022198765 42@pbx.example", "Gisela Müller")
	for i := 0; i < 600; i++ {
		var ws []fyne.Window
		fyne.DoAndWait(func() { ws = d.Popups().Windows() })
		if len(ws) > 0 {
			announce("popup", ws[0])
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	fyne.DoAndWait(func() { d.journal.Show(); w = d.journal.Window() })
	time.Sleep(time.Second) // the journal loads in the background
	announce("journal", w)
	fyne.DoAndWait(func() { d.dial.ShowDial(); w = d.dial.Window() })
	announce("dial", w)
	fyne.DoAndWait(func() { d.showSettings(); w = d.settings.Window() })
	announce("settings", w)
	fyne.DoAndWait(func() { d.showTest(); w = d.test.Window() })
	// Let the checks run against the emulator before the picture.
	time.Sleep(4 * time.Second)
	announce("test", w)
	fmt.Println("DONE")
}

func TestMain(m *testing.M) {
	if os.Getenv("DESKCTI_SHOT_CHILD") == "1" {
		screenshotChild()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
