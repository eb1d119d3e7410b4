package yealink

import (
	"errors"
	"strings"
	"testing"
	"time"

	"deskcti/phone"
	"deskcti/phone/httpx"
	"deskcti/phone/phonesim"
)

// Short timeouts keep the fault tests fast.
const (
	testTimeout        = 300 * time.Millisecond
	testConnectTimeout = 300 * time.Millisecond
)

// startSim runs an emulated Yealink phone with the default admin/admin
// credentials unless o says otherwise.
func startSim(t *testing.T, o phonesim.Options) *phonesim.Sim {
	t.Helper()
	o.Vendor = phone.Yealink
	if o.User == "" {
		o.User, o.Password = "admin", "admin"
	}
	s, err := phonesim.Start(o)
	if err != nil {
		t.Fatalf("phonesim: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newDriver makes a driver for sim; mod may change the HTTP options.
func newDriver(t *testing.T, sim *phonesim.Sim, o Options, mod func(*httpx.Options)) *Driver {
	t.Helper()
	ho := httpx.Options{BaseURL: sim.URL(), User: "admin", Password: "admin",
		Timeout: 2 * time.Second, ConnectTimeout: testConnectTimeout}
	if mod != nil {
		mod(&ho)
	}
	d, err := New(ho, o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return d
}

// lastAction is the newest request the sim acted on.
func lastAction(t *testing.T, sim *phonesim.Sim) phonesim.Request {
	t.Helper()
	acts := sim.Actions()
	if len(acts) == 0 {
		t.Fatal("the phone acted on no request")
	}
	return acts[len(acts)-1]
}

// servletQueries are the raw queries of the authorised servlet requests,
// in order.
func servletQueries(sim *phonesim.Sim) []string {
	var out []string
	for _, r := range sim.Requests() {
		if r.Path == "/servlet" && r.Authorized {
			out = append(out, r.RawQuery)
		}
	}
	return out
}

// checkWireRules asserts what the phone insists on for every servlet
// request: key= first and no trailing '&'.
func checkWireRules(t *testing.T, sim *phonesim.Sim) {
	t.Helper()
	for _, r := range sim.Requests() {
		if r.Path != "/servlet" {
			continue
		}
		if !strings.HasPrefix(r.RawQuery, "key=") || strings.HasSuffix(r.RawQuery, "&") {
			t.Errorf("servlet request %q breaks the key-first rule", r.RawQuery)
		}
	}
}

// connectedCall dials and lets the far end answer; it returns the call id.
func connectedCall(t *testing.T, sim *phonesim.Sim, d *Driver, number string) string {
	t.Helper()
	if err := d.Dial(t.Context(), number); err != nil {
		t.Fatalf("Dial: %v", err)
	}
	calls := sim.Calls()
	if len(calls) == 0 {
		t.Fatal("no call after Dial")
	}
	id := calls[len(calls)-1].ID
	if err := sim.RemoteAnswer(id); err != nil {
		t.Fatalf("RemoteAnswer: %v", err)
	}
	return id
}

func wantKind(t *testing.T, err error, k phone.Kind) *phone.Error {
	t.Helper()
	var pe *phone.Error
	if !errors.As(err, &pe) || pe.Kind != k {
		t.Fatalf("error %v, want kind %v", err, k)
	}
	if pe.Vendor != phone.Yealink {
		t.Errorf("error vendor %q, want yealink", pe.Vendor)
	}
	return pe
}
