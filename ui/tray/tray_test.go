package tray

import (
	"bytes"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/phone"
	"deskcti/platform/panel"
	"deskcti/platform/traydetect"
)

// recorder counts handler calls by name.
type recorder struct{ calls []string }

func (r *recorder) handlers() Handlers {
	rec := func(name string) func() { return func() { r.calls = append(r.calls, name) } }
	return Handlers{
		Dial: rec("dial"), Journal: rec("journal"), Settings: rec("settings"), Test: rec("test"),
		Quit: rec("quit"), SimulateCall: rec("simulate"),
		SetDND: func(on bool) error { return nil },
	}
}

// withLang runs the test body in language l and restores English.
func withLang(t *testing.T, l i18n.Lang) {
	i18n.Set(l)
	t.Cleanup(func() { i18n.Set(i18n.English) })
}

// labels lists the menu's labels, "-" for a separator.
func labels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if it.IsSeparator {
			out = append(out, "-")
		} else {
			out = append(out, it.Label)
		}
	}
	return out
}

// itemLabelled finds the item with the given label.
func itemLabelled(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("no item %q in %q", label, labels(m))
	return nil
}

func TestMenuLabels(t *testing.T) {
	for lang, want := range map[i18n.Lang][]string{
		i18n.English: {"Starting…", "-", "Dial…", "Call journal", "Do not disturb", "-", "Settings", "Test connection", "(demo) Simulate incoming call", "-", "Quit"},
		i18n.German:  {"Wird gestartet…", "-", "Wählen…", "Anrufjournal", "Nicht stören", "-", "Einstellungen", "Verbindung testen", "(Demo) Eingehenden Anruf simulieren", "-", "Beenden"},
	} {
		t.Run(string(lang), func(t *testing.T) {
			withLang(t, lang)
			test.NewTempApp(t)
			r := &recorder{}
			m := New(fyne.CurrentApp(), r.handlers()).Menu()
			if got := labels(m); !slices.Equal(got, want) {
				t.Fatalf("labels %q\nwant %q", got, want)
			}
			last := m.Items[len(m.Items)-1]
			if !last.IsQuit {
				t.Error("Quit is not marked IsQuit: Fyne would add a second Quit item")
			}
			if !m.Items[0].Disabled {
				t.Error("the status line is clickable")
			}
		})
	}
}

func TestActionsCallHandlers(t *testing.T) {
	test.NewTempApp(t)
	r := &recorder{}
	m := New(fyne.CurrentApp(), r.handlers()).Menu()
	for label, want := range map[string]string{
		"Dial…": "dial", "Call journal": "journal", "Settings": "settings", "Test connection": "test",
		"(demo) Simulate incoming call": "simulate", "Quit": "quit",
	} {
		r.calls = nil
		it := itemLabelled(t, m, label)
		if it.Disabled {
			t.Errorf("%q is disabled", label)
		}
		it.Action()
		if !slices.Equal(r.calls, []string{want}) {
			t.Errorf("%q called %v, want %s", label, r.calls, want)
		}
	}
}

func TestMissingHandlers(t *testing.T) {
	test.NewTempApp(t)
	m := New(fyne.CurrentApp(), Handlers{}).Menu()
	for _, it := range m.Items {
		if it.Label == "(demo) Simulate incoming call" {
			t.Error("the demo item shows without a SimulateCall handler")
		}
	}
	for _, label := range []string{"Dial…", "Call journal", "Do not disturb", "Settings", "Test connection"} {
		if !itemLabelled(t, m, label).Disabled {
			t.Errorf("%q is enabled without a handler", label)
		}
	}
	// Quit stays usable: Fyne supplies its quit action for an IsQuit item.
	if q := itemLabelled(t, m, "Quit"); q.Disabled || !q.IsQuit {
		t.Errorf("Quit: disabled %v, IsQuit %v", q.Disabled, q.IsQuit)
	}
}

// dndTray is a tray whose SetDND waits for the test and reports each call.
type dndTray struct {
	*Tray
	item    *fyne.MenuItem
	calls   chan bool
	release chan error
	done    chan error
}

func newDNDTray(t *testing.T) *dndTray {
	test.NewTempApp(t)
	d := &dndTray{calls: make(chan bool, 1), release: make(chan error), done: make(chan error, 1)}
	d.Tray = New(fyne.CurrentApp(), Handlers{SetDND: func(on bool) error {
		d.calls <- on
		return <-d.release
	}})
	d.afterDND = func(err error) { d.done <- err }
	d.item = itemLabelled(t, d.Menu(), i18n.T("tray.dnd"))
	return d
}

// toggle taps the item and checks what shows while the phone is asked.
func (d *dndTray) toggle(t *testing.T, want bool) {
	t.Helper()
	d.item.Action()
	if on := <-d.calls; on != want {
		t.Fatalf("SetDND(%v), want %v", on, want)
	}
	if d.item.Checked != want || !d.item.Disabled {
		t.Fatalf("while asking the phone: checked %v disabled %v; want the new state, disabled", d.item.Checked, d.item.Disabled)
	}
}

func TestDNDOn(t *testing.T) {
	d := newDNDTray(t)
	d.SetState(Connected, false)
	test.AssertNotificationSent(t, nil, func() {
		d.toggle(t, true)
		d.release <- nil
		if err := <-d.done; err != nil {
			t.Fatal(err)
		}
	})
	if !d.item.Checked || d.item.Disabled {
		t.Fatalf("after success: checked %v disabled %v", d.item.Checked, d.item.Disabled)
	}
	if got := d.Icon().Name(); got != "deskcti-dnd-light.png" {
		t.Errorf("icon %s after DND on, want the DND icon", got)
	}
	if got := d.Menu().Items[0].Label; got != "Do not disturb is on" {
		t.Errorf("status line %q", got)
	}
	// And off again.
	d.toggle(t, false)
	d.release <- nil
	<-d.done
	if d.item.Checked || d.Icon().Name() != "deskcti-connected-light.png" {
		t.Fatalf("after DND off: checked %v icon %s", d.item.Checked, d.Icon().Name())
	}
}

func TestDNDRevertsOnError(t *testing.T) {
	d := newDNDTray(t)
	d.SetState(Connected, false)
	err := &phone.Error{Kind: phone.KindUnreachable, Vendor: phone.Snom, Op: "dnd"}
	ex := app.Explain(err)
	want := fyne.NewNotification("Do not disturb could not be switched", ex.Problem+"\n"+ex.Fix)
	test.AssertNotificationSent(t, want, func() {
		d.toggle(t, true)
		d.release <- err
		<-d.done
	})
	if d.item.Checked || d.item.Disabled {
		t.Fatalf("after failure: checked %v disabled %v; want the check back off and the item usable", d.item.Checked, d.item.Disabled)
	}
	if d.Icon().Name() != "deskcti-connected-light.png" {
		t.Errorf("icon %s after a failed DND switch", d.Icon().Name())
	}
}

func TestDNDErrorNotificationText(t *testing.T) {
	withLang(t, i18n.German)
	d := newDNDTray(t)
	var sent *fyne.Notification
	d.app = notifyApp{App: d.app, sent: &sent}
	d.toggle(t, true)
	d.release <- &phone.Error{Kind: phone.KindAuth, Vendor: phone.Yealink, Op: "dnd"}
	<-d.done
	if sent == nil {
		t.Fatal("no notification")
	}
	if sent.Title != "„Nicht stören“ konnte nicht umgeschaltet werden" {
		t.Errorf("title %q", sent.Title)
	}
	problem, fix := i18n.T("err.auth"), i18n.T("err.auth.fix")
	if !strings.Contains(sent.Content, problem) || !strings.Contains(sent.Content, fix) {
		t.Errorf("content %q lacks the explanation %q / %q", sent.Content, problem, fix)
	}
}

// notifyApp records the notification a tray sends.
type notifyApp struct {
	fyne.App
	sent **fyne.Notification
}

func (n notifyApp) SendNotification(x *fyne.Notification) { *n.sent = x }

// A second tap while the phone is asked does nothing.
func TestDNDIgnoresTapWhileBusy(t *testing.T) {
	d := newDNDTray(t)
	d.toggle(t, true)
	d.item.Action()
	select {
	case on := <-d.calls:
		t.Fatalf("second SetDND(%v) while the first runs", on)
	default:
	}
	d.release <- nil
	<-d.done
}

func TestSetState(t *testing.T) {
	test.NewTempApp(t)
	tr := New(fyne.CurrentApp(), (&recorder{}).handlers())
	dnd := itemLabelled(t, tr.Menu(), "Do not disturb")
	for _, c := range []struct {
		s       State
		dnd     bool
		icon    string
		checked bool
		status  string
	}{
		{Starting, false, "deskcti-starting-light.png", false, "Starting…"},
		{Connected, false, "deskcti-connected-light.png", false, "Connected to the phone"},
		{Connected, true, "deskcti-dnd-light.png", true, "Do not disturb is on"},
		{DND, false, "deskcti-dnd-light.png", true, "Do not disturb is on"},
		{Unreachable, false, "deskcti-unreachable-light.png", false, "Phone not reachable"},
		{Unreachable, true, "deskcti-unreachable-light.png", true, "Phone not reachable"},
	} {
		tr.SetState(c.s, c.dnd)
		if got := tr.Icon().Name(); got != c.icon {
			t.Errorf("%v dnd=%v: icon %s, want %s", c.s, c.dnd, got, c.icon)
		}
		if dnd.Checked != c.checked {
			t.Errorf("%v dnd=%v: DND checked %v", c.s, c.dnd, dnd.Checked)
		}
		if got := tr.Menu().Items[0].Label; got != c.status {
			t.Errorf("%v dnd=%v: status %q, want %q", c.s, c.dnd, got, c.status)
		}
	}
}

func TestRetranslate(t *testing.T) {
	test.NewTempApp(t)
	tr := New(fyne.CurrentApp(), (&recorder{}).handlers())
	tr.SetState(Unreachable, false)
	withLang(t, i18n.German)
	tr.Retranslate()
	got := labels(tr.Menu())
	if got[0] != "Telefon nicht erreichbar" || got[2] != "Wählen…" || got[len(got)-1] != "Beenden" {
		t.Fatalf("after switching to German: %q", got)
	}
}

// fakeDesktop is a desktop.App that records what the tray is given.
type fakeDesktop struct {
	fyne.App
	menu  *fyne.Menu
	icons []fyne.Resource
}

func (f *fakeDesktop) SetSystemTrayMenu(m *fyne.Menu)    { f.menu = m }
func (f *fakeDesktop) SetSystemTrayIcon(r fyne.Resource) { f.icons = append(f.icons, r) }
func (f *fakeDesktop) SetSystemTrayWindow(w fyne.Window) {}

func TestInstall(t *testing.T) {
	ok := traydetect.Result{Available: true, Code: traydetect.CodeOK}
	no := traydetect.Result{Code: traydetect.CodeNoSessionBus, Reason: "no bus"}

	t.Run("unavailable", func(t *testing.T) {
		f := &fakeDesktop{App: test.NewTempApp(t)}
		tr := New(f, (&recorder{}).handlers())
		tr.tooltip = func(string) { t.Error("tooltip set without a tray") }
		if tr.Install(no) {
			t.Fatal("installed although traydetect said no")
		}
		tr.SetState(Connected, false)
		if f.menu != nil || len(f.icons) > 0 {
			t.Fatal("Fyne's tray was touched although traydetect said no")
		}
	})
	t.Run("not a desktop app", func(t *testing.T) {
		tr := New(test.NewTempApp(t), (&recorder{}).handlers())
		tr.tooltip = func(string) { t.Error("tooltip set without a tray") }
		if tr.Install(ok) {
			t.Fatal("installed into an app without a tray")
		}
	})
	t.Run("available", func(t *testing.T) {
		f := &fakeDesktop{App: test.NewTempApp(t)}
		tr := New(f, (&recorder{}).handlers())
		var tips []string
		tr.tooltip = func(s string) { tips = append(tips, s) }
		if !tr.Install(ok) {
			t.Fatal("not installed")
		}
		if f.menu != tr.Menu() || len(f.icons) != 1 || f.icons[0].Name() != "deskcti-starting-light.png" {
			t.Fatalf("tray got menu %p (want %p) and icons %v", f.menu, tr.Menu(), f.icons)
		}
		tr.SetState(Unreachable, false)
		if last := f.icons[len(f.icons)-1]; last.Name() != "deskcti-unreachable-light.png" {
			t.Errorf("icon after SetState: %s", last.Name())
		}
		tr.SetPanel(panel.Dark)
		if last := f.icons[len(f.icons)-1]; last.Name() != "deskcti-unreachable-dark.png" {
			t.Errorf("icon after SetPanel(panel.Dark): %s", last.Name())
		}
		n := len(f.icons)
		tr.SetPanel(panel.Dark)
		if len(f.icons) != n {
			t.Error("SetPanel with the same shade set the icon again")
		}
		if want := []string{"deskcti: Starting…", "deskcti: Phone not reachable", "deskcti: Phone not reachable"}; !slices.Equal(tips, want) {
			t.Errorf("tooltips %q, want %q", tips, want)
		}
	})
}

// Every icon renders as a 64×64 PNG whose badge has the state's colour,
// on both panel shades, and the handset contrasts with its panel: dark on
// light panels, light on dark ones.
func TestIconsRender(t *testing.T) {
	type rgb struct{ r, g, b uint32 }
	badge := map[State]func(rgb) bool{
		Connected:   func(c rgb) bool { return c.g > 2*c.r && c.g > 2*c.b },               // green
		DND:         func(c rgb) bool { return c.r > 2*c.g && c.r > 2*c.b },               // red
		Unreachable: func(c rgb) bool { return c.r > 2*c.g && c.r > 2*c.b },               // red
		Starting:    func(c rgb) bool { return c.r > c.b*2 && c.g > c.b*2 && c.r >= c.g }, // amber
	}
	decode := func(p panel.Shade, s State) image.Image {
		t.Helper()
		r, err := icon(p, s)
		if err != nil {
			t.Fatalf("%v on panel %v: %v", s, p, err)
		}
		img, err := png.Decode(bytes.NewReader(r.Content()))
		if err != nil {
			t.Fatalf("%v on panel %v: %v", s, p, err)
		}
		return img
	}
	// luma of the handset body, 0–255.
	handset := func(img image.Image) uint32 {
		r, g, b, _ := img.At(14, 14).RGBA()
		return (299*(r>>8) + 587*(g>>8) + 114*(b>>8)) / 1000
	}
	for _, p := range []panel.Shade{panel.Light, panel.Dark} {
		for s, isColour := range badge {
			img := decode(p, s)
			if img.Bounds() != image.Rect(0, 0, iconSize, iconSize) {
				t.Errorf("%v/%v: bounds %v", p, s, img.Bounds())
			}
			r, g, b, a := img.At(48, 26).RGBA()
			if a < 0xf000 || !isColour(rgb{r >> 8, g >> 8, b >> 8}) {
				t.Errorf("%v/%v: badge pixel %d,%d,%d alpha %d is not the state's colour", p, s, r>>8, g>>8, b>>8, a>>8)
			}
			if _, _, _, a := img.At(14, 14).RGBA(); a < 0xf000 {
				t.Errorf("%v/%v: the handset is missing (alpha %d at 14,14)", p, s, a>>8)
			}
			if _, _, _, a := img.At(2, 62).RGBA(); a != 0 {
				t.Errorf("%v/%v: the background is not transparent", p, s)
			}
			// A connected phone's handset is the strongest contrast; the
			// greyed states stay on the right side of the middle.
			switch y := handset(img); {
			case p == panel.Light && y > 128:
				t.Errorf("%v on a light panel: handset luma %d is too light to see", s, y)
			case p == panel.Dark && y < 128:
				t.Errorf("%v on a dark panel: handset luma %d is too dark to see", s, y)
			}
		}
		// The DND badge carries a white minus, the unreachable one a
		// cross: the two reds must not be told apart by colour alone.
		white := func(s State, x, y int) bool {
			r, g, b, _ := decode(p, s).At(x, y).RGBA()
			return r > 0xe000 && g > 0xe000 && b > 0xe000
		}
		if !white(DND, 42, 16) || white(Unreachable, 42, 16) {
			t.Errorf("panel %v: the DND minus is missing or the cross looks like one", p)
		}
		if !white(Unreachable, 44, 12) || white(DND, 44, 12) {
			t.Errorf("panel %v: the unreachable cross is missing", p)
		}
	}
}

func TestUnavailableTranslated(t *testing.T) {
	for _, l := range i18n.Supported {
		for _, code := range traydetect.Codes {
			key := "tray.unavailable." + code
			if i18n.In(l, key) == key {
				t.Errorf("%s lacks %s", l, key)
			}
		}
		for _, s := range []State{Starting, Connected, Unreachable, DND} {
			if key := "tray.state." + s.key(); i18n.In(l, key) == key {
				t.Errorf("%s lacks %s", l, key)
			}
		}
	}
	withLang(t, i18n.German)
	if got := Unavailable(traydetect.Result{Code: traydetect.CodeNoWatcher, GnomeHint: true}); !strings.Contains(got, "AppIndicator") {
		t.Errorf("GNOME advice: %q", got)
	}
	if got := Unavailable(traydetect.Result{Code: traydetect.CodeNoSessionBus}); !strings.Contains(got, "DBus-Sitzungsbus") {
		t.Errorf("no session bus: %q", got)
	}
}
