package app

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"deskcti/app/config"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/platform/firewall"
)

func fakeFirewall(t *testing.T, st firewall.Status) {
	t.Helper()
	FirewallCheck = func(context.Context, int, string) (firewall.Status, error) { return st, nil }
	t.Cleanup(func() { FirewallCheck = firewall.Check })
}

func reach(t *testing.T, s *Service) map[string]Step {
	t.Helper()
	live, err := s.StartLive(context.Background(), LiveOptions{Listen: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	steps := map[string]Step{}
	for _, st := range s.TestReach(context.Background(), live, nil) {
		steps[st.ID] = st
	}
	return steps
}

func TestReachSnomFetchesProbe(t *testing.T) {
	fakeFirewall(t, firewall.Status{})
	sim := start(t, phonesim.Options{Vendor: phone.Snom})
	steps := reach(t, service(t, sim, nil))
	for _, id := range ReachSteps {
		if steps[id].Status != Passed {
			t.Errorf("%s: %+v", id, steps[id])
		}
	}
	if !strings.Contains(steps["reach"].Detail, "127.0.0.1") || len(sim.Fetched()) != 1 {
		t.Fatalf("reach: %+v, fetched %v", steps["reach"], sim.Fetched())
	}
}

func TestReachSnomCannotReach(t *testing.T) {
	fakeFirewall(t, firewall.Status{})
	probeWait = 500 * time.Millisecond
	defer func() { probeWait = 8 * time.Second }()
	sim := start(t, phonesim.Options{Vendor: phone.Snom})
	// The receiver listens on 127.0.0.1, but the phone is told an address
	// where nothing answers: as if a firewall dropped the packets.
	s := service(t, sim, func(c *config.Config) { c.Receiver.Host = "127.0.0.3" })
	steps := reach(t, s)
	if st := steps["reach"]; st.Status != Failed || !strings.Contains(st.Fix, "firewall") {
		t.Fatalf("reach: %+v", st)
	}
}

func TestReachYealinkExplains(t *testing.T) {
	fakeFirewall(t, firewall.Status{})
	sim := start(t, phonesim.Options{Vendor: phone.Yealink})
	steps := reach(t, service(t, sim, func(c *config.Config) { c.Phone.Vendor = "yealink" }))
	if st := steps["reach"]; st.Status != NotApplicable || !strings.Contains(st.Detail, "Receive OK") {
		t.Fatalf("reach: %+v", st)
	}
}

func TestReachFirewallBlocked(t *testing.T) {
	fakeFirewall(t, firewall.Status{Firewall: firewall.UFW, Active: true, Open: firewall.Blocked,
		Notes: []firewall.Note{{Key: "firewall.ufw.active"}, {Key: "firewall.ufw.default-deny", Args: []string{"deny"}}},
		Fix:   []string{"sudo ufw allow 8080/tcp comment deskcti"}})
	sim := start(t, phonesim.Options{Vendor: phone.Snom})
	steps := reach(t, service(t, sim, nil))
	if st := steps["firewall"]; st.Status != Failed || !strings.Contains(st.Fix, "sudo ufw allow 8080/tcp") {
		t.Fatalf("firewall: %+v", st)
	}
	if AllPassed([]Step{steps["firewall"]}) {
		t.Fatal("a blocking firewall passed")
	}
}

func TestOpenFirewallRunsTheFix(t *testing.T) {
	fakeFirewall(t, firewall.Status{Firewall: firewall.UFW, Active: true, Open: firewall.Blocked,
		Fix: []string{"sudo ufw allow 8080/tcp"}, Commands: [][]string{{"ufw", "allow", "8080/tcp"}}, NeedsAdmin: true})
	var ran [][]string
	FirewallApply = func(_ context.Context, st firewall.Status) error { ran = st.Commands; return nil }
	defer func() { FirewallApply = firewall.Apply }()
	sim := start(t, phonesim.Options{Vendor: phone.Snom})
	if _, err := service(t, sim, nil).OpenFirewall(context.Background(), 8080); err != nil || len(ran) != 1 || ran[0][0] != "ufw" {
		t.Fatalf("OpenFirewall: %v, ran %v", err, ran)
	}
}
