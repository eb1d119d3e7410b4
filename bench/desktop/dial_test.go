package desktop

import (
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"deskcti/phone/phonesim"
)

// dialsPerRound is how many `deskcti dial` runs one round times.
const dialsPerRound = 30

// BenchmarkDialForward (figure 6): the app runs; `deskcti dial N` is
// started as a new process, hands the number to the app over its socket
// (platform/ipc) and exits; the app dials. The time runs from the process's
// creation to the phone (the emulator, in this process) receiving the
// authorised dial request.
func BenchmarkDialForward(b *testing.B) {
	s := newSession(b)
	h := s.newHome(b, "")
	app := s.startApp(b, h)
	s.waitTray(b, app)
	waitUntil(b, app, "the app's socket", func() bool { _, err := askStatus(h.ipc); return err == nil })
	bin := binary(b, deskctiBin)

	var samples []time.Duration
	n := 0
	for b.Loop() {
		for range dialsPerRound {
			n++
			samples = append(samples, dialOnce(b, s.sim, app, bin, h, n))
		}
	}
	reportLatency(b, samples)
}

// dialOnce runs `deskcti dial` for the n-th number and returns the time
// from starting the process to the phone receiving the dial.
func dialOnce(b *testing.B, sim *phonesim.Sim, app *proc, bin string, h *home, n int) time.Duration {
	b.Helper()
	local := fmt.Sprintf("555%04d", n)
	want := "00221" + local // outside line 0, then the national number
	cmd := exec.Command(bin, "dial", "0221 "+local)
	// Without the phone's password: a run that did not hand over to the
	// app cannot dial, and fails the benchmark instead of timing a dial
	// of its own.
	cmd.Env = slices.DeleteFunc(slices.Clone(h.env), func(kv string) bool {
		return strings.HasPrefix(kv, "DESKCTI_PHONE_PASSWORD=")
	})
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("deskcti dial: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), want) {
		b.Fatalf("deskcti dial said %q, want the number %s", out, want)
	}
	var at time.Time
	waitUntil(b, app, "the dial of "+want+" at the phone", func() bool {
		for _, r := range sim.Actions() {
			if r.Path == "/command.htm" && r.RawQuery == "number="+want && !r.Time.Before(start) {
				at = r.Time
				return true
			}
		}
		return false
	})
	for _, c := range sim.Calls() {
		sim.RemoteHangup(c.ID)
	}
	return at.Sub(start)
}
