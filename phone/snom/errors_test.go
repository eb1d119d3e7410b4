package snom

import (
	"errors"
	"testing"
	"time"

	"deskcti/phone"
	"deskcti/phone/httpx"
	"deskcti/phone/phonesim"
)

func httpTestOptions(sim *phonesim.Sim) httpx.Options {
	return httpx.Options{BaseURL: sim.URL(), Timeout: testTimeout, ConnectTimeout: testConnectTimeout}
}

func wantKind(t *testing.T, err error, k phone.Kind) *phone.Error {
	t.Helper()
	var pe *phone.Error
	if !errors.As(err, &pe) || pe.Kind != k {
		t.Fatalf("error %v, want kind %v", err, k)
	}
	if pe.Vendor != phone.Snom {
		t.Errorf("error vendor %q, want snom", pe.Vendor)
	}
	return pe
}

func TestUnreachable(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{}, nil)
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindUnreachable)
	_, err := d.Probe(t.Context())
	wantKind(t, err, phone.KindUnreachable)
}

func TestDeadPhoneTimesOutAndDialIsSentOnce(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "secret", Options{}, func(o *httpx.Options) { o.Timeout = testTimeout })
			// Learn the challenge first, so that the dial goes out
			// authenticated in one request.
			if _, err := d.Probe(t.Context()); err != nil {
				t.Fatal(err)
			}
			sim.SetDead(true)
			sim.Reset()
			pe := wantKind(t, d.Dial(t.Context(), "0221"), phone.KindTimeout)
			if pe.Op != "dial" {
				t.Errorf("op %q", pe.Op)
			}
			if n := requestsTo(sim, "/command.htm"); n != 1 {
				t.Errorf("dial reached the phone %d times, want exactly once", n)
			}
		})
	}
}

func TestSlowPhoneDialsOnceDespiteTimeout(t *testing.T) {
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret"})
	d := newDriver(t, sim, "admin", "secret", Options{}, func(o *httpx.Options) { o.Timeout = testTimeout })
	if _, err := d.Probe(t.Context()); err != nil { // learn the challenge
		t.Fatal(err)
	}
	sim.SetDelay(3 * testTimeout)
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindTimeout)
	// The slow phone acted before answering: it dials, exactly once.
	var dials int
	for _, a := range sim.Actions() {
		if a.RawQuery == "number=0221" {
			dials++
		}
	}
	if dials != 1 || len(sim.Calls()) != 1 {
		t.Errorf("phone dialed %d times, %d calls; want exactly one", dials, len(sim.Calls()))
	}
}

func TestWrongPassword(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "n0tThePassw0rd", Options{}, nil)
			pe := wantKind(t, d.Dial(t.Context(), "0221"), phone.KindAuth)
			if pe.Status != 401 {
				t.Errorf("status %d", pe.Status)
			}
			if len(sim.Actions()) != 0 || len(sim.Calls()) != 0 {
				t.Error("the phone acted on a request with a wrong password")
			}
			_, err := d.Probe(t.Context())
			wantKind(t, err, phone.KindAuth)
		})
	}
}

func TestNoPasswordConfigured(t *testing.T) {
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret"})
	d := newDriver(t, sim, "", "", Options{}, nil)
	wantKind(t, d.Dial(t.Context(), "0221"), phone.KindAuth)
}

func TestFactoryResetPhoneNeedsNoPassword(t *testing.T) {
	sim := startSim(t, phonesim.Options{}) // no web password
	d := newDriver(t, sim, "", "", Options{}, nil)
	if err := d.Dial(t.Context(), "0221"); err != nil {
		t.Fatal(err)
	}
	if sim.State() != phonesim.Dialing {
		t.Errorf("state %s", sim.State())
	}
}

func TestD8xxIsUnsupported(t *testing.T) {
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Model: "snomD865"})
	d := newDriver(t, sim, "admin", "secret", Options{}, nil)
	pe := wantKind(t, d.Dial(t.Context(), "0221"), phone.KindUnsupportedModel)
	if pe.Status != 404 {
		t.Errorf("status %d, want the 404 that revealed it", pe.Status)
	}
	// Known now: later commands are refused without asking the phone.
	sim.Reset()
	for name, err := range map[string]error{
		"hangup": d.Hangup(t.Context()),
		"hold":   d.Hold(t.Context()),
		"dnd":    d.SetDND(t.Context(), true),
	} {
		if !phone.IsKind(err, phone.KindUnsupportedModel) {
			t.Errorf("%s: %v, want unsupported-model", name, err)
		}
	}
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("%d requests to a known D8xx", n)
	}
}

func TestD8xxProbe(t *testing.T) {
	sim := startSim(t, phonesim.Options{Model: "snomD862"})
	d := newDriver(t, sim, "", "", Options{}, nil)
	_, err := d.Probe(t.Context())
	wantKind(t, err, phone.KindUnsupportedModel)
	if len(sim.Calls()) != 0 {
		t.Error("probe placed a call")
	}
}

func TestTLSPinnedFingerprint(t *testing.T) {
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", TLS: true})
	d := newDriver(t, sim, "admin", "secret", Options{}, func(o *httpx.Options) { o.Fingerprint = sim.Fingerprint() })
	info, err := d.Probe(t.Context())
	if err != nil {
		t.Fatalf("Probe: %v", err)
	}
	if info.Fingerprint != sim.Fingerprint() {
		t.Errorf("Info.Fingerprint %q, want %q", info.Fingerprint, sim.Fingerprint())
	}
	if err := d.Dial(t.Context(), "0221"); err != nil {
		t.Fatalf("Dial: %v", err)
	}

	if err := sim.RotateCertificate(); err != nil {
		t.Fatal(err)
	}
	sim.Reset()
	pe := wantKind(t, d.Dial(t.Context(), "0222"), phone.KindFingerprintChanged)
	if pe.Fingerprint != sim.Fingerprint() {
		t.Errorf("presented fingerprint %q, want the new %q", pe.Fingerprint, sim.Fingerprint())
	}
	if n := len(sim.Requests()); n != 0 || sim.LastDialed() != "0221" {
		t.Errorf("%d requests reached a phone with a changed certificate", n)
	}
}

func TestTLSUntrustedAndInsecure(t *testing.T) {
	sim := startSim(t, phonesim.Options{TLS: true})
	d := newDriver(t, sim, "", "", Options{}, nil)
	_, err := d.Probe(t.Context())
	pe := wantKind(t, err, phone.KindUntrustedCertificate)
	if pe.Fingerprint != sim.Fingerprint() {
		t.Errorf("fingerprint %q, want %q", pe.Fingerprint, sim.Fingerprint())
	}
	fp, err := httpx.FetchFingerprint(t.Context(), sim.URL(), time.Second)
	if err != nil || fp != sim.Fingerprint() {
		t.Errorf("FetchFingerprint = %q, %v", fp, err)
	}

	insecure := newDriver(t, sim, "", "", Options{}, func(o *httpx.Options) { o.Insecure = true })
	info, err := insecure.Probe(t.Context())
	if err != nil || info.Fingerprint != sim.Fingerprint() {
		t.Errorf("insecure Probe = %+v, %v", info, err)
	}
	if err := insecure.Dial(t.Context(), "0221"); err != nil || sim.LastDialed() != "0221" {
		t.Errorf("insecure Dial: %v", err)
	}
}
