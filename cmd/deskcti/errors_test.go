package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskcti/app"
	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/platform/firewall"
)

func simArgs(sim *phonesim.Sim, vendor phone.Vendor) []string {
	return []string{"--vendor", string(vendor), "--phone", sim.URL(), "--user", "admin"}
}

func TestPhoneStateFollowsCommands(t *testing.T) {
	englishEnv(t)
	sim := startSim(t, phonesim.Options{Vendor: phone.Snom, User: "admin", Password: "pw", Auth: phonesim.AuthBasic})
	t.Setenv(secrets.PhonePasswordEnv, "pw")
	cfg := filepath.Join(t.TempDir(), "c.toml")
	args := func(a ...string) []string { return append(a, simArgs(sim, phone.Snom)...) }

	if _, e, code := cli(t, cfg, args("dial", "Tel. 0221 / 4711-23", "--outside-line", "0")...); code != 0 {
		t.Fatalf("dial: %d %s", code, e)
	}
	if got := sim.LastDialed(); got != "00221471123" {
		t.Fatalf("phone dialled %q", got)
	}
	id := sim.IncomingCall("030123456", "Max Mustermann")
	_ = id
	if _, e, code := cli(t, cfg, args("answer")...); code != 0 || sim.State() != phonesim.Connected {
		t.Fatalf("answer: %d %s, state %s", code, e, sim.State())
	}
	if _, _, code := cli(t, cfg, args("hold")...); code != 0 || sim.State() != phonesim.Held {
		t.Fatalf("hold: state %s", sim.State())
	}
	if _, _, code := cli(t, cfg, args("dnd", "on")...); code != 0 || !sim.DND() {
		t.Fatalf("dnd on: %d, dnd %v", code, sim.DND())
	}
	// Shared flags may also stand before the command.
	if _, _, code := cli(t, cfg, append(simArgs(sim, phone.Snom), "dnd", "off")...); code != 0 || sim.DND() {
		t.Fatalf("dnd off with flags first: %d, dnd %v", code, sim.DND())
	}
}

func TestFailuresExplainAndExit1(t *testing.T) {
	englishEnv(t)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	snom := startSim(t, phonesim.Options{Vendor: phone.Snom, User: "admin", Password: "Pa55-w0rd!"})
	d8 := startSim(t, phonesim.Options{Vendor: phone.Snom, Model: "snomD865", User: "admin", Password: "Pa55-w0rd!"})
	yea := startSim(t, phonesim.Options{Vendor: phone.Yealink, User: "admin", Password: "Pa55-w0rd!", AllowIPs: "10.1.2.3"})
	closed := startSim(t, phonesim.Options{Vendor: phone.Snom})
	closedURL := closed.URL()
	closed.Close()

	cases := []struct {
		name     string
		password string
		args     []string
		want     []string // in stderr
	}{
		{"wrong password", "wrong", append([]string{"dial", "0221 1234"}, simArgs(snom, phone.Snom)...), []string{"rejected the user name or password", "deskcti password set"}},
		{"D8xx", "Pa55-w0rd!", append([]string{"hangup"}, simArgs(d8, phone.Snom)...), []string{"cannot be remote-controlled", "D8xx"}},
		{"yealink 403", "Pa55-w0rd!", append([]string{"hangup"}, simArgs(yea, phone.Yealink)...), []string{"HTTP 403", "action_uri_limit_ip", "Allow remote control?", "features.action_uri.enable"}},
		{"unreachable", "Pa55-w0rd!", []string{"hangup", "--phone", closedURL, "--timeout", "1s"}, []string{"cannot be reached", "firewall"}},
		{"no number", "Pa55-w0rd!", append([]string{"dial", "Hallo"}, simArgs(snom, phone.Snom)...), []string{"No phone number found"}},
		{"no phone", "Pa55-w0rd!", []string{"hangup", "--phone", ""}, []string{"no phone address configured"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(secrets.PhonePasswordEnv, c.password)
			out, errOut, code := cli(t, cfg, c.args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut+out, c.password) && len(c.password) > 3 {
				t.Errorf("the password appears in the output")
			}
		})
	}
}

func TestTestCommand(t *testing.T) {
	englishEnv(t)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	sim := startSim(t, phonesim.Options{Vendor: phone.Snom, User: "admin", Password: "Pa55-w0rd!"})
	t.Setenv(secrets.PhonePasswordEnv, "Pa55-w0rd!")
	app.FirewallCheck = func(context.Context, int, string) (firewall.Status, error) {
		return firewall.Status{Firewall: firewall.UFW, Active: true, Open: firewall.Open}, nil
	}
	defer func() { app.FirewallCheck = firewall.Check }()
	out, _, code := cli(t, cfg, append([]string{"test", "--listen", "127.0.0.1:0"}, simArgs(sim, phone.Snom)...)...)
	for _, want := range []string{"✓ Remote control: snom · snomD785", "✓ Receiver: listening on 127.0.0.1:", "✓ Firewall of this PC: ufw lets port",
		"✓ Phone reaches this PC: the phone fetched the test URL from 127.0.0.1", "OK: the phone can be controlled."} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("exit %d, want %q:\n%s", code, want, out)
		}
	}
	t.Setenv(secrets.PhonePasswordEnv, "wrong")
	out, _, code = cli(t, cfg, append([]string{"test", "--listen", "127.0.0.1:0"}, simArgs(sim, phone.Snom)...)...)
	if code != 1 || !strings.Contains(out, "✗ Login") || !strings.Contains(out, "– Remote control: skipped") {
		t.Fatalf("wrong password: exit %d:\n%s", code, out)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	englishEnv(t)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	for _, args := range [][]string{{"frobnicate"}, {"dial"}, {"dnd", "maybe"}, {"hangup", "--vendor", "cisco"}, {"hold", "--no-such-flag"}, {"dial", "1", "--lang", "fr"}} {
		if _, _, code := cli(t, cfg, args...); code != 2 {
			t.Errorf("deskcti %v: exit %d, want 2", args, code)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	englishEnv(t)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	out, _, code := cli(t, cfg, "--help")
	if code != 0 || !strings.Contains(out, "Commands:") || !strings.Contains(out, "dial TEXT") || !strings.Contains(out, "DESKCTI_PHONE_PASSWORD") {
		t.Fatalf("help: %d\n%s", code, out)
	}
	t.Setenv("LANG", "de_DE.UTF-8")
	out, _, _ = cli(t, cfg, "--help")
	if !strings.Contains(out, "Befehle:") || !strings.Contains(out, "Amtsholung") {
		t.Fatalf("German help expected with LANG=de_DE:\n%s", out)
	}
	out, _, _ = cli(t, cfg, "--lang", "en", "--help")
	if !strings.Contains(out, "Commands:") {
		t.Fatalf("--lang en must win over LANG:\n%s", out)
	}
	out, _, code = cli(t, cfg, "--version")
	if code != 0 || !strings.HasPrefix(out, "deskcti ") {
		t.Fatalf("version: %q", out)
	}
}

func TestConfigSaveAndBrokenFile(t *testing.T) {
	englishEnv(t)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	if _, e, code := cli(t, cfg, "config", "--save", "--phone", "192.0.2.10", "--area-code", "221", "--outside-line", "0"); code != 0 {
		t.Fatalf("save: %s", e)
	}
	out, _, _ := cli(t, cfg, "config")
	if !strings.Contains(out, `url = "192.0.2.10"`) || !strings.Contains(out, `outside_line = "0"`) {
		t.Fatalf("saved settings not shown:\n%s", out)
	}
	if _, e, code := cli(t, cfg, "config", "--save", "--area-code", "0221"); code != 1 || !strings.Contains(e, "without the leading 0") {
		t.Fatalf("invalid area code must not be saved: %d %s", code, e)
	}
	os.WriteFile(cfg, []byte("[phone\nbroken"), 0o600)
	_, e, _ := cli(t, cfg, "config")
	if !strings.Contains(e, "could not be read") || !strings.Contains(e, "c.toml.bak") {
		t.Fatalf("broken file not reported:\n%s", e)
	}
	if b, err := os.ReadFile(cfg + ".bak"); err != nil || string(b) != "[phone\nbroken" {
		t.Fatalf("backup: %q %v", b, err)
	}
}
