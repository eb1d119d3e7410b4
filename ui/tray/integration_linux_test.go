//go:build linux

package tray

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"deskcti/app/i18n"
	"deskcti/platform/testtool"
	"deskcti/platform/traydetect"
	"deskcti/platform/traydetect/snitest"
	"deskcti/ui/internal/helperproc"
)

// The tray as a panel sees it: a private session bus with a
// StatusNotifierWatcher, a real Fyne app on Xvfb in a subprocess, and the
// menu read back and clicked over com.canonical.dbusmenu, in English and
// German.
func TestTrayOverDBus(t *testing.T) {
	addr := snitest.Bus(t)
	watcher := snitest.NewWatcher(t, addr, true)
	display := startXvfb(t)
	for _, lang := range []i18n.Lang{i18n.English, i18n.German} {
		t.Run(string(lang), func(t *testing.T) {
			locale := map[i18n.Lang]string{i18n.English: "en_GB.UTF-8", i18n.German: "de_DE.UTF-8"}[lang]
			h := startHelper(t, "DISPLAY="+display, "DBUS_SESSION_BUS_ADDRESS="+addr, "LANG="+locale)
			h.WaitLine(t, "INSTALLED true")
			item := h.registeredItem(t, watcher)
			conn := watcher.Conn()
			obj := conn.Object(item.Service, item.Path)

			var menuPath dbus.ObjectPath
			getProp(t, obj, "Menu", &menuPath)
			menu := conn.Object(item.Service, menuPath)
			tr := func(key string) string { return i18n.In(lang, key) }
			want := []string{tr("tray.state.connected"), tr("tray.dial"), tr("tray.journal"), tr("tray.dnd"),
				tr("tray.settings"), tr("tray.test"), tr("tray.simulate"), tr("tray.quit")}
			entries := waitLayout(t, menu, func(es []entry) bool { return slices.Equal(labelsOf(es), want) })
			// Literally, so that a German run that fell back to English fails.
			find(t, entries, map[i18n.Lang]string{i18n.English: "Settings", i18n.German: "Einstellungen"}[lang])
			if entries[0].enabled {
				t.Error("the status line is clickable over DBus")
			}

			var tip struct {
				Name  string
				Icons []pixmap
				Title string
				Text  string
			}
			getProp(t, obj, "ToolTip", &tip)
			if tip.Title != "deskcti: "+tr("tray.state.connected") {
				t.Errorf("tooltip %q", tip.Title)
			}
			before := iconPixmap(t, obj)
			if before.W != iconSize || before.H != iconSize || len(before.Pix) != iconSize*iconSize*4 {
				t.Fatalf("icon pixmap %dx%d with %d bytes: the PNG did not reach the panel", before.W, before.H, len(before.Pix))
			}

			// The helper's loop naps for an hour once left alone: only
			// the click, a DBus call, can wake it for the item's action.
			id := find(t, readLayout(t, menu), tr("tray.settings")).id
			h.waitNap(t)
			click(t, menu, id)
			h.WaitLine(t, "CLICKED settings")

			h.clickItem(t, menu, tr("tray.dnd"), "DND true")
			waitLayout(t, menu, func(es []entry) bool {
				for _, e := range es {
					if e.label == tr("tray.dnd") {
						return e.toggleType == "checkmark" && e.toggleState == 1 && e.enabled && es[0].label == tr("tray.state.dnd")
					}
				}
				return false
			})
			waitFor(t, "the DND icon", func() bool { return !slices.Equal(iconPixmap(t, obj).Pix, before.Pix) })

			h.clickItem(t, menu, tr("tray.quit"), "CLICKED quit")
			h.WaitLine(t, "QUIT-RETURNED")
			h.WaitExit(t)
		})
	}
}

// Without a session bus traydetect says no, Install leaves Fyne's tray
// alone, the fallback window opens and the app quits without the nil
// pointer panic Fyne 2.7.1 has when it stops a tray started without a bus.
func TestNoSessionBusFallsBack(t *testing.T) {
	display := startXvfb(t)
	// An empty PATH keeps godbus, inside Fyne, from autolaunching a bus
	// with dbus-launch, which would outlive the test.
	h := startHelper(t, "DISPLAY="+display, "PATH="+t.TempDir(), "LANG=de_DE.UTF-8")
	h.WaitLine(t, "DETECT "+traydetect.CodeNoSessionBus)
	h.WaitLine(t, "INSTALLED false")
	h.WaitLine(t, "TRAYMENU false")
	h.WaitLine(t, "FOCUSED")
	h.WaitLine(t, "QUIT-RETURNED")
	h.WaitExit(t)
}

// helper is the running helper app.
type helper struct{ *helperproc.Proc }

// startHelper starts the test binary as the helper app with a clean
// environment plus env, and stops it when the test ends.
func startHelper(t *testing.T, env ...string) *helper {
	t.Helper()
	home := t.TempDir()
	cmdEnv := []string{helperEnv + "=1", "HOME=" + home, "XDG_RUNTIME_DIR=" + home}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "DISPLAY" || k == "WAYLAND_DISPLAY" || k == "HOME" || k == "PATH" || k == "LANGUAGE" || strings.HasPrefix(k, "LC_") || k == "LANG" ||
			strings.HasPrefix(k, "DBUS_") || strings.HasPrefix(k, "XDG_"):
		default:
			cmdEnv = append(cmdEnv, kv)
		}
	}
	if !slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "PATH=") }) {
		cmdEnv = append(cmdEnv, "PATH="+os.Getenv("PATH"))
	}
	return &helper{helperproc.Start(t, home, append(cmdEnv, env...))}
}

// clickItem clicks the item labelled label, as a panel does, and waits
// for the helper to print want. Fyne rebuilds the whole systray menu, with
// new IDs, on every change, so the ID just read may be gone already:
// systray then logs "no menu item with ID n" and drops the click. A panel
// re-reads the layout on LayoutUpdated and the user clicks again; so does
// this, for such a rejected click only, never for one that may have landed.
func (h *helper) clickItem(t *testing.T, menu dbus.BusObject, label, want string) {
	t.Helper()
	for range 20 {
		id := find(t, readLayout(t, menu), label).id
		click(t, menu, id)
		rejected := fmt.Sprintf("no menu item with ID %d\n", id)
		if h.WaitLineUnless(t, want, func() bool { return strings.Contains(h.RawLog(), rejected) }) {
			return
		}
	}
	t.Fatalf("every click on %q hit a stale menu; its log:\n%s", label, h.Log())
}

// waitNap waits for a nap of the helper's loop that began after the
// caller's last DBus call to it: NAP lines come within 50 ms of a nap's
// start, so those already printed 100 ms after the call are older naps
// (which the call has ended) and are skipped, with any other line nobody
// waits for (TRAYMENU).
func (h *helper) waitNap(t *testing.T) {
	t.Helper()
	time.Sleep(100 * time.Millisecond)
	for drained := false; !drained; {
		select {
		case _, ok := <-h.Lines():
			if !ok {
				t.Fatalf("helper ended; its log:\n%s", h.Log())
			}
		default:
			drained = true
		}
	}
	deadline := time.After(helperproc.WaitLimit)
	for {
		select {
		case line, ok := <-h.Lines():
			if !ok {
				t.Fatalf("helper ended before napping; its log:\n%s", h.Log())
			}
			if helperproc.First(line) == "NAP" {
				return
			}
			t.Fatalf("helper printed %q while waiting for a nap", line)
		case <-deadline:
			t.Fatalf("the helper's loop did not nap; its log:\n%s", h.Log())
		}
	}
}

// registeredItem waits for the helper's RegisterStatusNotifierItem call,
// telling it from other registrations by the caller's process ID.
func (h *helper) registeredItem(t *testing.T, w *snitest.Watcher) snitest.Item {
	t.Helper()
	deadline := time.After(helperproc.WaitLimit)
	for {
		select {
		case it := <-w.Registered():
			var pid uint32
			err := w.Conn().BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, it.Service).Store(&pid)
			if err == nil && int(pid) == h.Pid() {
				if it.Path != "/StatusNotifierItem" {
					t.Errorf("item path %s, systray's is /StatusNotifierItem", it.Path)
				}
				return it
			}
		case <-deadline:
			t.Fatalf("the tray never registered with the watcher; its log:\n%s", h.Log())
		}
	}
}

// pixmap is one StatusNotifierItem icon image: ARGB32, network byte order.
type pixmap struct {
	W, H int32
	Pix  []byte
}

func getProp(t *testing.T, obj dbus.BusObject, name string, dst any) {
	t.Helper()
	v, err := obj.GetProperty("org.kde.StatusNotifierItem." + name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if err := v.Store(dst); err != nil {
		t.Fatalf("read %s (%s): %v", name, v.Signature(), err)
	}
}

func iconPixmap(t *testing.T, obj dbus.BusObject) pixmap {
	t.Helper()
	var px []pixmap
	getProp(t, obj, "IconPixmap", &px)
	if len(px) != 1 {
		t.Fatalf("%d icon pixmaps, want 1", len(px))
	}
	return px[0]
}

// entry is one dbusmenu item as a panel reads it.
type entry struct {
	id          int32
	label       string
	separator   bool
	enabled     bool
	toggleType  string
	toggleState int64
}

// readLayout calls GetLayout for the whole menu and flattens the root's
// children.
func readLayout(t *testing.T, menu dbus.BusObject) []entry {
	t.Helper()
	var rev uint32
	var root struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	err := menu.Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{}).Store(&rev, &root)
	if err != nil {
		t.Fatalf("GetLayout: %v", err)
	}
	var out []entry
	for _, c := range root.Children {
		var id int32
		var props map[string]dbus.Variant
		var kids []dbus.Variant
		fields, ok := c.Value().([]any)
		if !ok {
			t.Fatalf("menu child is %T, want a struct", c.Value())
		}
		if err := dbus.Store(fields, &id, &props, &kids); err != nil {
			t.Fatalf("menu child: %v", err)
		}
		e := entry{id: id, enabled: true}
		if v, ok := props["visible"]; ok && v.Value() == false {
			continue
		}
		if v, ok := props["label"]; ok {
			e.label, _ = v.Value().(string)
		}
		if v, ok := props["type"]; ok {
			e.separator = v.Value() == "separator"
		}
		if v, ok := props["enabled"]; ok {
			e.enabled, _ = v.Value().(bool)
		}
		if v, ok := props["toggle-type"]; ok {
			e.toggleType, _ = v.Value().(string)
		}
		if v, ok := props["toggle-state"]; ok {
			e.toggleState = toInt(v.Value())
		}
		out = append(out, e)
	}
	return out
}

// toInt reads the integer types godbus may decode toggle-state into.
func toInt(v any) int64 {
	switch n := v.(type) {
	case int32:
		return int64(n)
	case int64:
		return n
	case int16:
		return int64(n)
	case uint32:
		return int64(n)
	case byte:
		return int64(n)
	}
	return -1
}

// labelsOf lists the labels of the non-separator entries.
func labelsOf(es []entry) []string {
	var out []string
	for _, e := range es {
		if !e.separator {
			out = append(out, e.label)
		}
	}
	return out
}

// waitLayout polls GetLayout until ok accepts it. Fyne fills the menu on
// its main loop after systray has registered, and rebuilds it on every
// change, so the first reads may be empty or stale.
func waitLayout(t *testing.T, menu dbus.BusObject, ok func([]entry) bool) []entry {
	t.Helper()
	var es []entry
	deadline := time.Now().Add(helperproc.WaitLimit)
	for es = readLayout(t, menu); !ok(es); es = readLayout(t, menu) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for the menu; the last layout was %+v", es)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return es
}

// waitFor polls cond until it holds, failing after helperproc.WaitLimit.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(helperproc.WaitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func find(t *testing.T, es []entry, label string) entry {
	t.Helper()
	for _, e := range es {
		if e.label == label {
			return e
		}
	}
	t.Fatalf("no menu entry %q in %q", label, labelsOf(es))
	return entry{}
}

// click sends what a panel sends when the user picks an item.
func click(t *testing.T, menu dbus.BusObject, id int32) {
	t.Helper()
	call := menu.Call("com.canonical.dbusmenu.Event", 0, id, "clicked", dbus.MakeVariant(""), uint32(0))
	if call.Err != nil {
		t.Fatalf("Event(%d, clicked): %v", id, call.Err)
	}
}

// startXvfb starts a virtual X server on a display number it picks itself
// (-displayfd, so no race with other tests for a free number) and returns
// the DISPLAY value.
func startXvfb(t *testing.T) string {
	t.Helper()
	xvfb := testtool.Need(t, "Xvfb", "xvfb")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	err = cmd.Start()
	w.Close()
	if err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // lets Xvfb remove its lock file and socket
		_ = cmd.Wait()
	})
	got := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(s)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb ended without a display number")
		}
		return ":" + n
	case <-time.After(helperproc.WaitLimit):
		t.Fatal("Xvfb did not report its display")
	}
	return ""
}
