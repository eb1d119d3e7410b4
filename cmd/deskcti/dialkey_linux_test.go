//go:build linux

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/app/config"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/platform/testtool"
	"deskcti/platform/xshot"
)

// TestMain lets the test binary be the desktop app for TestDialKeyEndToEnd:
// Fyne must own the main thread, which only TestMain's goroutine has.
//
// The tests run without a session bus: the commands look secrets up in
// the keyring (go-keyring, over DBus), and without a bus address godbus
// autolaunches one with dbus-launch, a dbus-daemon that outlives the test
// run.
func TestMain(m *testing.M) {
	if cfg := os.Getenv("DESKCTI_APP_CHILD"); cfg != "" {
		args := []string{"app", "--config", cfg}
		if os.Getenv("DESKCTI_APP_HIDDEN") != "" {
			args = append(args, "--hidden")
		}
		os.Exit(run(context.Background(), args, strings.NewReader(""), os.Stdout, os.Stderr))
	}
	os.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
	os.Exit(m.Run())
}

// TestDialKeyEndToEnd runs the real app (GL driver, under Xvfb) against the
// emulator: a number selected in PRIMARY is dialled with the Pause key; a
// later `deskcti dial` and a tel: link are handed to the running app over
// its socket. Each ends as a dial at the phone, outside line included.
func TestDialKeyEndToEnd(t *testing.T) {
	a := startDesktopApp(t, false, nil)
	env, appErr, sim, xdotool, xclip := a.env, a.out, a.sim, a.xdotool, a.xclip

	dialled := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if sim.LastDialed() == want {
				return
			}
		}
		t.Fatalf("the phone dialled %q, want %q\napp output:\n%s", sim.LastDialed(), want, appErr.String())
	}
	hangup := func() {
		for _, c := range sim.Calls() {
			sim.RemoteHangup(c.ID)
		}
	}

	// 1. Select a number anywhere, press Pause. The key grab may need a
	// moment after the socket appears: press until the dial arrives.
	sel := exec.Command(xclip, "-selection", "primary", "-loops", "0")
	sel.Env = env
	sel.Stdin = strings.NewReader("Bitte zurückrufen: +49 221 555 0123")
	if err := sel.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sel.Process.Kill(); sel.Wait() })
	for i := 0; i < 50 && sim.LastDialed() == ""; i++ {
		key := exec.Command(xdotool, "key", "Pause")
		key.Env = env
		if out, err := key.CombinedOutput(); err != nil {
			t.Fatalf("xdotool: %v %s", err, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	dialled("002215550123")
	hangup()

	// 2. A second process: `deskcti dial` hands over to the running app.
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	var out, errOut strings.Builder
	start := time.Now()
	code := run(context.Background(), []string{"dial", "0221 4711"}, strings.NewReader(""), &out, &errOut)
	took := time.Since(start)
	if code != 0 || !strings.Contains(out.String(), "002214711") {
		t.Fatalf("deskcti dial: exit %d %q %q", code, out.String(), errOut.String())
	}
	dialled("002214711")
	t.Logf("deskcti dial forwarded to the running app in %v", took)
	hangup()

	// 2b. The same as its own process, as scripts and the browser start
	// it: package handoff forwards it from init, before main.
	self := exec.Command(os.Args[0], "dial", "0221 4712")
	self.Env = append(os.Environ(), env...)
	start = time.Now()
	if b, err := self.CombinedOutput(); err != nil || !strings.Contains(string(b), "002214712") {
		t.Fatalf("deskcti dial as a process: %v %q", err, b)
	}
	dialled("002214712")
	t.Logf("deskcti dial as a process forwarded in %v", time.Since(start))
	hangup()

	// 3. A tel: link, as the browser starts it.
	out.Reset()
	start = time.Now()
	if code := run(context.Background(), []string{"tel:+4930123456"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("deskcti tel: exit %d %s", code, errOut.String())
	}
	dialled("0030123456")
	t.Logf("tel: link forwarded in %v", time.Since(start))
}

// desktopApp is the real desktop app, run by this test binary (TestMain)
// under its own Xvfb against an emulated snom.
type desktopApp struct {
	cmd            *exec.Cmd
	env            []string         // its environment, for the X tools and CLI runs
	out            *strings.Builder // what it printed
	display        string
	sim            *phonesim.Sim
	xdotool, xclip string // the X tools that press keys and select text
}

// startDesktopApp starts the app with German dial rules (area code 221,
// outside line 0) and edit's changes to the settings, --hidden if hidden,
// and waits for its socket. It runs without a session bus (the main
// window stands in for the tray) and stops with the test. It skips under
// -short.
func startDesktopApp(t *testing.T, hidden bool, edit func(*config.Config)) *desktopApp {
	t.Helper()
	if testing.Short() {
		t.Skip("starts the whole app")
	}
	xdotool := testtool.Need(t, "xdotool", "xdotool")
	xclip := testtool.Need(t, "xclip", "xclip")
	display := xshot.StartXvfb(t)
	sim := startSim(t, phonesim.Options{Vendor: phone.Snom, User: "admin", Password: "pw"})
	dir := t.TempDir()
	runtime, cfgHome := filepath.Join(dir, "run"), filepath.Join(dir, "config")
	for _, d := range []string{runtime, cfgHome} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cfgPath := filepath.Join(dir, "config.toml")
	cfg := config.Default()
	cfg.Phone.URL, cfg.Phone.User = sim.URL(), "admin"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 4}
	cfg.Receiver.Listen = "127.0.0.1:0"
	cfg.Journal.Path = filepath.Join(dir, "journal.db")
	if edit != nil {
		edit(&cfg)
	}
	if err := config.Save(cfgPath, cfg); err != nil {
		t.Fatal(err)
	}
	env := []string{"DISPLAY=" + display, "XDG_RUNTIME_DIR=" + runtime, "XDG_CONFIG_HOME=" + cfgHome,
		"HOME=" + dir, "DESKCTI_PHONE_PASSWORD=pw", "DESKCTI_RECEIVER_TOKEN=", "LANG=C",
		// No session bus, and none autolaunched (dbus-launch would leave a
		// dbus-daemon behind): the app falls back to its window.
		"DBUS_SESSION_BUS_ADDRESS=disabled:"}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "PATH" {
			env = append(env, kv)
		}
	}
	a := &desktopApp{cmd: exec.Command(os.Args[0]), env: env, out: &strings.Builder{},
		display: display, sim: sim, xdotool: xdotool, xclip: xclip}
	a.cmd.Env = append(env, "DESKCTI_APP_CHILD="+cfgPath)
	if hidden {
		a.cmd.Env = append(a.cmd.Env, "DESKCTI_APP_HIDDEN=1")
	}
	a.cmd.Stderr, a.cmd.Stdout = a.out, a.out
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.cmd.Process.Kill(); a.cmd.Wait() })
	socket := filepath.Join(runtime, "deskcti.sock")
	waitFor(t, "the app's socket", func() bool { _, err := os.Stat(socket); return err == nil })
	return a
}
