package yealink

import (
	"strings"
	"testing"
	"time"

	"deskcti/phone"
	"deskcti/phone/httpx"
	"deskcti/phone/phonesim"
)

func httpTestOptions(sim *phonesim.Sim) httpx.Options {
	return httpx.Options{BaseURL: sim.URL(), User: "admin", Password: "admin",
		Timeout: testTimeout, ConnectTimeout: testConnectTimeout}
}

func TestUnreachable(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, nil)
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindUnreachable)
}

func TestDeadPhoneTimesOutAndDialIsSentOnce(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.Timeout = testTimeout })
	if _, err := d.Probe(t.Context()); err != nil { // learn the Basic challenge
		t.Fatal(err)
	}
	sim.SetDead(true)
	sim.Reset()
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindTimeout)
	if got := sim.Requests(); len(got) != 1 || got[0].RawQuery != "key=number=0221" {
		t.Errorf("phone saw %+v, want the dial exactly once", got)
	}
}

func TestSlowPhoneDialsOnceDespiteTimeout(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.Timeout = testTimeout })
	if _, err := d.Probe(t.Context()); err != nil {
		t.Fatal(err)
	}
	sim.SetDelay(3 * testTimeout)
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindTimeout)
	var dials int
	for _, a := range sim.Actions() {
		if a.RawQuery == "key=number=0221" {
			dials++
		}
	}
	if dials != 1 || len(sim.Calls()) != 1 {
		t.Errorf("phone dialed %d times, %d calls; want exactly one", dials, len(sim.Calls()))
	}
}

func TestWrongPassword(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.Password = "Wr0ngPassw0rd" })
	pe := wantKind(t, d.Dial(t.Context(), "0221"), phone.KindAuth)
	if pe.Status != 401 || strings.Contains(pe.Error(), "Wr0ngPassw0rd") {
		t.Errorf("error %v", pe)
	}
	if len(sim.Actions()) != 0 {
		t.Error("the phone acted on a request with a wrong password")
	}
}

func TestLockoutAfterFailedLoginsIsForbidden(t *testing.T) {
	sim := startSim(t, phonesim.Options{LockoutAfter: 2, LockoutFor: time.Minute})
	bad := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.Password = "wrong" })
	for range 2 {
		wantKind(t, bad.Dial(t.Context(), "0221"), phone.KindAuth)
	}
	good := newDriver(t, sim, Options{}, nil)
	wantKind(t, good.Dial(t.Context(), "0221"), phone.KindForbidden)
}

func TestForbidden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts phonesim.Options
	}{
		{"not in the allow list", phonesim.Options{AllowIPs: "10.1.2.3,192.168.*.*"}},
		{"blank allow list", phonesim.Options{AllowIPs: phonesim.BlankAllowList}},
		{"Action URI disabled", phonesim.Options{ActionURIDisabled: true}},
		{"prompt not accepted", phonesim.Options{Prompt: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := startSim(t, tc.opts)
			d := newDriver(t, sim, Options{}, nil)
			pe := wantKind(t, d.Dial(t.Context(), "0221"), phone.KindForbidden)
			if pe.Status != 403 || pe.Op != "dial" {
				t.Errorf("error %+v", pe)
			}
			for _, cause := range []string{"features.action_uri_limit_ip", "Allow remote control?", "features.action_uri.enable"} {
				if !strings.Contains(pe.Error(), cause) {
					t.Errorf("error does not name %q: %v", cause, pe)
				}
			}
			_, err := d.Probe(t.Context())
			wantKind(t, err, phone.KindForbidden)
			if len(sim.Calls()) != 0 {
				t.Error("the phone dialed despite the 403")
			}
		})
	}
}

func TestPromptAccepted(t *testing.T) {
	sim := startSim(t, phonesim.Options{Prompt: true})
	d := newDriver(t, sim, Options{}, nil)
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindForbidden)
	if !sim.PromptShowing() {
		t.Fatal("prompt not showing")
	}
	sim.AcceptPrompt()
	if err := d.Dial(t.Context(), "0221"); err != nil {
		t.Fatalf("Dial after the prompt was accepted: %v", err)
	}
	if sim.State() != phonesim.Dialing {
		t.Errorf("state %s", sim.State())
	}
}

func TestAllowListWithLoopback(t *testing.T) {
	sim := startSim(t, phonesim.Options{AllowIPs: "10.1.2.3,127.0.*.*"})
	d := newDriver(t, sim, Options{}, nil)
	if err := d.Dial(t.Context(), "0221"); err != nil {
		t.Fatalf("Dial from an allowed address: %v", err)
	}
}

func TestTLS(t *testing.T) {
	sim := startSim(t, phonesim.Options{TLS: true})

	untrusted := newDriver(t, sim, Options{}, nil)
	_, err := untrusted.Probe(t.Context())
	pe := wantKind(t, err, phone.KindUntrustedCertificate)
	if pe.Fingerprint != sim.Fingerprint() {
		t.Errorf("untrusted fingerprint %q, want %q", pe.Fingerprint, sim.Fingerprint())
	}

	pinned := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.Fingerprint = sim.Fingerprint() })
	info, err := pinned.Probe(t.Context())
	if err != nil || info.Fingerprint != sim.Fingerprint() || info.Model != "SIP-T46U" {
		t.Fatalf("pinned Probe = %+v, %v", info, err)
	}
	if err := sim.RotateCertificate(); err != nil {
		t.Fatal(err)
	}
	sim.Reset()
	pe = wantKind(t, pinned.Dial(t.Context(), "0221"), phone.KindFingerprintChanged)
	if pe.Fingerprint != sim.Fingerprint() || len(sim.Requests()) != 0 {
		t.Errorf("changed: fingerprint %q (want %q), %d requests", pe.Fingerprint, sim.Fingerprint(), len(sim.Requests()))
	}

	insecure := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.Insecure = true })
	if err := insecure.Dial(t.Context(), "0221"); err != nil || sim.LastDialed() != "0221" {
		t.Errorf("insecure Dial: %v", err)
	}
}
