package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/phonesim"
)

// served is a `deskcti serve` running in-process, its stdout as lines.
type served struct {
	lines  chan eventJSON
	stderr *syncBuffer
	done   chan struct{} // closed when serve returned
	code   int
	cancel context.CancelFunc
}

type syncBuffer struct {
	ch  chan string
	buf strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) { s.ch <- string(p); return len(p), nil }

// String drains what was written so far.
func (s *syncBuffer) String() string {
	for {
		select {
		case p := <-s.ch:
			s.buf.WriteString(p)
		default:
			return s.buf.String()
		}
	}
}

func startServe(t *testing.T, cfg string, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &served{lines: make(chan eventJSON, 100), stderr: &syncBuffer{ch: make(chan string, 1000)}, done: make(chan struct{}), cancel: cancel}
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var ev eventJSON
			if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
				t.Errorf("serve printed a line that is not JSON: %q", sc.Text())
				continue
			}
			s.lines <- ev
		}
	}()
	go func() {
		full := append(append([]string{"serve"}, args...), "--config", cfg)
		s.code = run(ctx, full, strings.NewReader(""), pw, s.stderr)
		pw.Close()
		close(s.done)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return s
}

// next returns the next line whose event is kind, skipping others (the
// phone also reports off-hook and on-hook).
func (s *served) next(t *testing.T, kind phone.EventKind) eventJSON {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-s.lines:
			if ev.Event == string(kind) {
				return ev
			}
		case <-s.done:
			t.Fatalf("serve ended with exit %d while waiting for %s:\n%s", s.code, kind, s.stderr.String())
		case <-timeout:
			t.Fatalf("no %s event from serve; stderr:\n%s", kind, s.stderr.String())
		}
	}
}

// freePort finds a loopback port nobody listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitFor polls cond; the phone's settings change in the background.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func checkCall(t *testing.T, ev eventJSON, kind, state, callID string) {
	t.Helper()
	if ev.Event != kind || ev.State != state || ev.CallID != callID || ev.Remote != "+492219876542" ||
		ev.Contact == nil || ev.Contact.Name != "Gisela Müller" || ev.Contact.Match != "head" || ev.Contact.Extension != "42" {
		t.Fatalf("%s line = %+v (contact %+v)", kind, ev, ev.Contact)
	}
}

// wholeCall follows call id from ringing to its end: the user answers at
// the desk (deskcti answer), the caller hangs up; serve must print each
// step with the caller found in the address book.
func wholeCall(t *testing.T, s *served, sim *phonesim.Sim, cfg string, shared []string, id string) {
	t.Helper()
	checkCall(t, s.next(t, phone.EventIncoming), "incoming", "ringing", id)
	if _, errOut, code := cli(t, cfg, append([]string{"answer"}, shared...)...); code != 0 {
		t.Fatalf("answer: %s", errOut)
	}
	checkCall(t, s.next(t, phone.EventConnected), "connected", "connected", id)
	if err := sim.RemoteHangup(id); err != nil {
		t.Fatal(err)
	}
	checkCall(t, s.next(t, phone.EventDisconnected), "disconnected", "ended", id)
}

func TestServeSnomEndToEnd(t *testing.T) {
	englishEnv(t)
	sim := startSim(t, phonesim.Options{Vendor: phone.Snom, User: "admin", Password: "s3cret", Auth: phonesim.AuthDigest})
	t.Setenv(secrets.PhonePasswordEnv, "s3cret")
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "config.toml"), filepath.Join(dir, "journal.db")
	port := strconv.Itoa(freePort(t))
	shared := []string{"--vendor", "snom", "--phone", sim.URL(), "--user", "admin", "--area-code", "221"}
	s := startServe(t, cfg, append(shared, "--configure", "--listen", "127.0.0.1:"+port,
		"--contacts", filepath.Join("testdata", "kontakte.csv"), "--journal", db)...)
	waitFor(t, "the phone's Action URLs", func() bool {
		v, _ := sim.Setting("action_incoming_url")
		return strings.HasPrefix(v, "http://127.0.0.1:"+port+"/event/incoming?")
	})

	// A call comes in, the user answers at the desk (deskcti answer), the
	// caller hangs up.
	id := sim.IncomingCall("sip:022198765 42@pbx.example", "Gisela Müller")
	wholeCall(t, s, sim, cfg, shared, id)

	// A caller gives up before anybody answers: a missed call.
	missed := sim.IncomingCall("030 1234567", "")
	s.next(t, phone.EventIncoming)
	if err := sim.RemoteHangup(missed); err != nil {
		t.Fatal(err)
	}
	if ev := s.next(t, phone.EventMissed); ev.State != "missed" || ev.Remote != "+49301234567" || ev.Contact != nil {
		t.Fatalf("missed line = %+v", ev)
	}

	// Someone else on the loopback network is refused and counted.
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}
	client := &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	resp, err := client.Get("http://127.0.0.1:" + port + "/event/incoming?remote=0800666")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("event from 127.0.0.2: %s, want 403", resp.Status)
	}
	out, errOut, code := cli(t, cfg, "status", "--listen", "127.0.0.1:"+port)
	_ = errOut
	if code != 0 || !strings.Contains(out, "127.0.0.2") || !strings.Contains(out, "refused 1") {
		t.Fatalf("status: exit %d\n%s%s", code, out, errOut)
	}

	s.cancel()
	<-s.done
	if s.code != 0 {
		t.Fatalf("serve: exit %d\n%s", s.code, s.stderr.String())
	}
	out, errOut, code = cli(t, cfg, "journal", "--journal", db, "--missed", "--lang", "en")
	if code != 0 || !strings.Contains(out, "missed") || !strings.Contains(out, "030 1234567") || strings.Contains(out, "Gisela") {
		t.Fatalf("journal --missed: exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = cli(t, cfg, "journal", "--journal", db, "--csv")
	if !strings.Contains(out, "Gisela Müller") || strings.Count(out, "\n") != 3 {
		t.Fatalf("journal --csv:\n%s", out)
	}
}

func TestServeYealinkWithPastedLines(t *testing.T) {
	englishEnv(t)
	sim := startSim(t, phonesim.Options{Vendor: phone.Yealink, User: "admin", Password: "s3cret"})
	t.Setenv(secrets.PhonePasswordEnv, "s3cret")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	port := strconv.Itoa(freePort(t))
	shared := []string{"--vendor", "yealink", "--phone", sim.URL(), "--user", "admin", "--area-code", "221",
		"--config", cfg}
	// A secret path token, as in a shared office network.
	const token = "5f0c1e2d3b4a69788796a5b4c3d2e1f0"
	t.Setenv("DESKCTI_RECEIVER_TOKEN", token)
	if err := os.WriteFile(cfg, []byte("[receiver]\nlisten = \"127.0.0.1:"+port+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// Yealink: deskcti prints the lines, the user pastes them.
	lines, errOut, code := cli(t, cfg, append([]string{"configure-events"}, shared...)...)
	if code != 0 || !strings.Contains(lines, "action_url.incoming_call = http://127.0.0.1:"+port+"/"+token+"/event/incoming?") ||
		!strings.Contains(lines, "features.action_uri_limit_ip = 127.0.0.1") || !strings.Contains(errOut, "by hand") {
		t.Fatalf("configure-events: exit %d\n%s\n%s", code, lines, errOut)
	}
	if err := sim.LoadConfig(lines); err != nil {
		t.Fatalf("the printed lines do not load into the phone: %v\n%s", err, lines)
	}
	s := startServe(t, cfg, append(shared, "--contacts", filepath.Join("testdata", "kontakte.csv"), "--no-journal")...)
	waitFor(t, "the receiver", func() bool {
		c, err := net.Dial("tcp", "127.0.0.1:"+port)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
	// Without the token, even this PC is refused.
	resp, err := http.Get("http://127.0.0.1:" + port + "/event/incoming?remote=0800666")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("event without the token: %s, want 403", resp.Status)
	}
	id := sim.IncomingCall("022198765 42", "Gisela Müller")
	wholeCall(t, s, sim, cfg, shared, id)
	if strings.Contains(s.stderr.String(), token) {
		t.Fatalf("serve printed the secret token:\n%s", s.stderr.String())
	}
}
