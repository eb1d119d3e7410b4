//go:build unix && !darwin

package desktopintegration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"deskcti/platform/testtool"
)

// isolate points every XDG directory into the test's temp dirs, and
// hides xdg-utils unless withTools, so each test knows which path it takes.
func isolate(t *testing.T, withTools bool) (data, conf string) {
	t.Helper()
	home := t.TempDir()
	data, conf = filepath.Join(home, "data"), filepath.Join(home, "conf")
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", data)
	t.Setenv("XDG_CONFIG_HOME", conf)
	t.Setenv("XDG_DATA_DIRS", filepath.Join(home, "sys"))
	t.Setenv("XDG_CONFIG_DIRS", filepath.Join(home, "sysconf"))
	t.Setenv("XDG_CURRENT_DESKTOP", "")
	t.Setenv("DE", "generic")
	if !withTools {
		t.Setenv("PATH", t.TempDir())
	}
	return data, conf
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRegisterHandlersWritesFiles(t *testing.T) {
	data, conf := isolate(t, false)
	o := Options{Exe: "/opt/deskcti/deskcti"}
	if ok, err := HandlersRegistered(o); ok || err != nil {
		t.Fatalf("before: %v, %v", ok, err)
	}
	if err := RegisterHandlers(o); err != nil {
		t.Fatal(err)
	}
	want := "[Desktop Entry]\nType=Application\nName=deskcti\n" +
		"Comment=Dial phone numbers and tel:, callto:, sip: links on the desk phone\n" +
		"Exec=/opt/deskcti/deskcti %u\nTerminal=false\nCategories=Office;Telephony;\n" +
		"MimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;\n"
	if got := read(t, filepath.Join(data, "applications", "deskcti.desktop")); got != want {
		t.Fatalf("desktop entry:\n%s\nwant:\n%s", got, want)
	}
	wantList := "[Default Applications]\nx-scheme-handler/tel=deskcti.desktop;\n" +
		"x-scheme-handler/callto=deskcti.desktop;\nx-scheme-handler/sip=deskcti.desktop;\n"
	if got := read(t, filepath.Join(conf, "mimeapps.list")); got != wantList {
		t.Fatalf("mimeapps.list:\n%s\nwant:\n%s", got, wantList)
	}
	if ok, err := HandlersRegistered(o); !ok || err != nil {
		t.Fatalf("after: %v, %v", ok, err)
	}
	// Another executable is not "registered" by our entry.
	if ok, _ := HandlersRegistered(Options{Exe: "/other/deskcti"}); ok {
		t.Fatal("registered for a different executable")
	}
}

const otherList = `# mine
[Default Applications]
text/html=firefox.desktop
x-scheme-handler/tel=linphone.desktop;

[Added Associations]
x-scheme-handler/sip=linphone.desktop;deskcti.desktop;
image/png=gimp.desktop;
`

func TestMimeappsKeepsOthersAndUnregisterRemovesOnlyOurs(t *testing.T) {
	_, conf := isolate(t, false)
	list := filepath.Join(conf, "mimeapps.list")
	os.MkdirAll(conf, 0o755)
	os.WriteFile(list, []byte(otherList), 0o644)
	o := Options{Exe: "/usr/bin/deskcti"}
	if err := RegisterHandlers(o); err != nil {
		t.Fatal(err)
	}
	want := `# mine
[Default Applications]
text/html=firefox.desktop
x-scheme-handler/tel=deskcti.desktop;
x-scheme-handler/callto=deskcti.desktop;
x-scheme-handler/sip=deskcti.desktop;

[Added Associations]
x-scheme-handler/sip=linphone.desktop;deskcti.desktop;
image/png=gimp.desktop;
`
	if got := read(t, list); got != want {
		t.Fatalf("after register:\n%s\nwant:\n%s", got, want)
	}
	if err := UnregisterHandlers(o); err != nil {
		t.Fatal(err)
	}
	want = `# mine
[Default Applications]
text/html=firefox.desktop

[Added Associations]
x-scheme-handler/sip=linphone.desktop;
image/png=gimp.desktop;
`
	if got := read(t, list); got != want {
		t.Fatalf("after unregister:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_DATA_HOME"), "applications", "deskcti.desktop")); !os.IsNotExist(err) {
		t.Fatalf("desktop entry still there: %v", err)
	}
	if ok, err := HandlersRegistered(o); ok || err != nil {
		t.Fatalf("after unregister: %v, %v", ok, err)
	}
}

func TestExecQuoting(t *testing.T) {
	for _, c := range []struct{ exe, want string }{
		{"/opt/deskcti/deskcti", `Exec=/opt/deskcti/deskcti %u`},
		{"/home/a b/My Apps/deskcti", `Exec="/home/a b/My Apps/deskcti" %u`},
		// " and $ take one backslash in the quoted argument; that backslash
		// and a literal one are doubled again by the string escaping.
		{`/x/it's "q" $HOME\bin/100%`, `Exec="/x/it's \\"q\\" \\$HOME\\\\bin/100%%" %u`},
	} {
		if got := handlerEntry(Options{Exe: c.exe, Name: "deskcti"}); !strings.Contains(got, "\n"+c.want+"\n") {
			t.Errorf("exe %q:\n%s\nwant line %s", c.exe, got, c.want)
		}
	}
}

func TestAutostart(t *testing.T) {
	_, conf := isolate(t, false)
	o := Options{Exe: "/home/a b/deskcti"}
	if ok, err := AutostartEnabled(o); ok || err != nil {
		t.Fatalf("before: %v, %v", ok, err)
	}
	if err := EnableAutostart(o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(conf, "autostart", "deskcti.desktop")
	want := "[Desktop Entry]\nType=Application\nName=deskcti\nComment=Start deskcti in the tray at login\n" +
		"Exec=\"/home/a b/deskcti\" app --hidden\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n"
	if got := read(t, path); got != want {
		t.Fatalf("autostart entry:\n%s\nwant:\n%s", got, want)
	}
	if ok, err := AutostartEnabled(o); !ok || err != nil {
		t.Fatalf("after enable: %v, %v", ok, err)
	}
	// GNOME's settings switch it off in the file rather than deleting it.
	os.WriteFile(path, []byte(strings.Replace(want, "enabled=true", "enabled=false", 1)), 0o644)
	if ok, _ := AutostartEnabled(o); ok {
		t.Fatal("X-GNOME-Autostart-enabled=false read as enabled")
	}
	if err := DisableAutostart(o); err != nil {
		t.Fatal(err)
	}
	if ok, err := AutostartEnabled(o); ok || err != nil {
		t.Fatalf("after disable: %v, %v", ok, err)
	}
	if err := DisableAutostart(o); err != nil {
		t.Fatalf("disable twice: %v", err)
	}
}

func TestOptionsChecked(t *testing.T) {
	isolate(t, false)
	for _, o := range []Options{{Exe: "deskcti"}, {Exe: "/a/deskcti", Name: "../x"}, {Exe: "/a/desk\ncti"}} {
		if err := RegisterHandlers(o); err == nil {
			t.Errorf("RegisterHandlers(%+v) accepted", o)
		}
	}
}

// TestWithXdgUtils runs the real xdg-mime and update-desktop-database
// against the temp directories and asks xdg-mime for the result.
func TestWithXdgUtils(t *testing.T) {
	xdgMime := testtool.Need(t, "xdg-mime", "xdg-utils")
	testtool.Need(t, "update-desktop-database", "desktop-file-utils")
	data, conf := isolate(t, true)
	os.MkdirAll(conf, 0o755)
	os.WriteFile(filepath.Join(conf, "mimeapps.list"), []byte(otherList), 0o644)
	o := Options{Exe: "/opt/desk cti/deskcti"}
	if err := RegisterHandlers(o); err != nil {
		t.Fatal(err)
	}
	for _, s := range Schemes {
		out, err := exec.Command(xdgMime, "query", "default", "x-scheme-handler/"+s).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "deskcti.desktop" {
			t.Fatalf("xdg-mime query default %s = %q, %v; want deskcti.desktop", s, out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "applications", "mimeinfo.cache")); err != nil {
		t.Fatalf("update-desktop-database did not run: %v", err)
	}
	if ok, err := HandlersRegistered(o); !ok || err != nil {
		t.Fatalf("registered: %v, %v", ok, err)
	}
	if err := UnregisterHandlers(o); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(xdgMime, "query", "default", "x-scheme-handler/tel").CombinedOutput()
	if strings.Contains(string(out), "deskcti") {
		t.Fatalf("after unregister xdg-mime still answers %q", out)
	}
	if got := read(t, filepath.Join(conf, "mimeapps.list")); !strings.Contains(got, "text/html=firefox.desktop") || !strings.Contains(got, "image/png=gimp.desktop;") {
		t.Fatalf("other associations lost:\n%s", got)
	}
}
