package desktop

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/app/config"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/platform/traydetect/snitest"
	"deskcti/platform/xshot"
)

// simPassword is the emulated phone's web password; the app gets it from
// the environment, as it would from the keyring.
const simPassword = "bench-pw"

// waitLimit bounds every wait for the app; reaching it makes the run
// invalid. It is a guard against hangs, not a target.
const waitLimit = 60 * time.Second

// session is the desktop the app runs on: an X server, a session bus with
// a StatusNotifier watcher (a tray host), and the desk phone.
type session struct {
	display string
	bus     string
	watcher *snitest.Watcher
	sim     *phonesim.Sim
}

func newSession(tb testing.TB) *session {
	tb.Helper()
	s := &session{display: xshot.StartXvfb(tb), bus: snitest.Bus(tb)}
	s.watcher = snitest.NewWatcher(tb, s.bus, true)
	sim, err := phonesim.Start(phonesim.Options{Vendor: phone.Snom, User: "admin", Password: simPassword})
	if err != nil {
		tb.Fatalf("phone emulator: %v", err)
	}
	tb.Cleanup(func() { sim.Close() })
	s.sim = sim
	return s
}

// home is one user's deskcti set-up: settings, runtime directory (the
// instance lock and the ipc socket), data (the journal) and address book.
type home struct {
	dir      string
	contacts string // the CSV address book, "" for none
	receiver string // the receiver's host:port
	ipc      string // the app's socket
	env      []string
}

// newHome writes the settings for an app that talks to the session's
// phone, listens for events on a free loopback port and reads the CSV
// address book contacts ("" for none).
func (s *session) newHome(tb testing.TB, contacts string) *home {
	tb.Helper()
	// Short: the ipc socket path must fit a sockaddr_un.
	dir, err := os.MkdirTemp("", "dcb")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	h := &home{dir: dir, contacts: contacts, receiver: fmt.Sprintf("127.0.0.1:%d", freePort(tb)), ipc: filepath.Join(dir, "run", "deskcti.sock")}
	for _, d := range []string{"run", "config", "data", "home"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			tb.Fatal(err)
		}
	}
	cfg := config.Default()
	cfg.Phone.URL, cfg.Phone.User = s.sim.URL(), "admin"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 4}
	cfg.Receiver.Listen = h.receiver
	cfg.Journal.Path = filepath.Join(dir, "data", "journal.db")
	cfg.UI.Language = "en"
	if contacts != "" {
		cfg.Contacts.Sources = []config.Source{{Type: "csv", Path: contacts}}
	}
	// Where the app looks by default: `deskcti dial` forwards to the
	// running app only when no --config is given.
	if err := config.Save(filepath.Join(dir, "config", "deskcti", config.FileName), cfg); err != nil {
		tb.Fatal(err)
	}
	h.env = []string{
		"DISPLAY=" + s.display, "DBUS_SESSION_BUS_ADDRESS=" + s.bus,
		"HOME=" + filepath.Join(dir, "home"), "XDG_RUNTIME_DIR=" + filepath.Join(dir, "run"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"DESKCTI_PHONE_PASSWORD=" + simPassword, "DESKCTI_RECEIVER_TOKEN=", "LANG=C.UTF-8",
		"PATH=" + os.Getenv("PATH"),
	}
	return h
}

// freePort is a loopback TCP port nobody listens on just now.
func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startApp starts `deskcti app --hidden` for h and stops it when the
// benchmark ends.
func (s *session) startApp(tb testing.TB, h *home) *proc {
	tb.Helper()
	return startProc(tb, binary(tb, deskctiBin), h.env, "app", "--hidden")
}

// waitTray waits until p's tray item registers with the watcher and
// returns when that happened. Registrations of other processes are
// skipped: the watcher asks the bus which process registered.
func (s *session) waitTray(tb testing.TB, p *proc) time.Time {
	tb.Helper()
	timeout := time.After(waitLimit)
	for {
		select {
		case it := <-s.watcher.Registered():
			at := time.Now()
			var pid uint32
			err := s.watcher.Conn().BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, it.Service).Store(&pid)
			if err != nil {
				tb.Fatalf("who registered tray item %s: %v", it.Service, err)
			}
			if int(pid) == p.cmd.Process.Pid {
				return at
			}
		case <-p.done:
			tb.Fatalf("the app exited before its tray item registered: %v\n%s", p.err, p.log())
		case <-timeout:
			tb.Fatalf("no tray item registered within %v\n%s", waitLimit, p.log())
		}
	}
}

// waitReceiver waits until the app's receiver answers its /status page
// (the receiver moves to the next port when its port is taken, which
// would make every event of the benchmark miss).
func waitReceiver(tb testing.TB, p *proc, h *home) {
	tb.Helper()
	waitUntil(tb, p, "the receiver at "+h.receiver, func() bool {
		resp, err := http.Get("http://" + h.receiver + "/status")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// waitUntil polls cond every 10 ms until it holds; the app exiting or
// waitLimit passing ends the benchmark. It returns when cond first held.
func waitUntil(tb testing.TB, p *proc, what string, cond func() bool) time.Time {
	tb.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		if cond() {
			return time.Now()
		}
		select {
		case <-p.done:
			tb.Fatalf("the app exited while waiting for %s: %v\n%s", what, p.err, p.log())
		default:
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no %s within %v\n%s", what, waitLimit, p.log())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// get requests url and fails unless it answers 200.
func get(tb testing.TB, url string) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %s", url, resp.Status)
	}
}

// lastLines is the end of a log, for failure messages.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
