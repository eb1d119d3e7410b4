package snom

import (
	"testing"
	"time"

	"deskcti/phone/httpx"
	"deskcti/phone/phonesim"
)

// Short timeouts keep the fault tests fast.
const (
	testTimeout        = 300 * time.Millisecond
	testConnectTimeout = 300 * time.Millisecond
)

// startSim runs an emulated snom phone for the test.
func startSim(t *testing.T, o phonesim.Options) *phonesim.Sim {
	t.Helper()
	o.Vendor = "snom"
	s, err := phonesim.Start(o)
	if err != nil {
		t.Fatalf("phonesim: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newDriver makes a driver for sim with the given credentials; mod may
// change the HTTP options.
func newDriver(t *testing.T, sim *phonesim.Sim, user, pass string, o Options, mod func(*httpx.Options)) *Driver {
	t.Helper()
	ho := httpx.Options{BaseURL: sim.URL(), User: user, Password: pass,
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

// lastAction is the RawQuery of the newest request the sim acted on.
func lastAction(t *testing.T, sim *phonesim.Sim) phonesim.Request {
	t.Helper()
	acts := sim.Actions()
	if len(acts) == 0 {
		t.Fatal("the phone acted on no request")
	}
	return acts[len(acts)-1]
}

// requestsTo counts the requests the sim received for path.
func requestsTo(sim *phonesim.Sim, path string) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// auths are the phone configurations every behaviour is tested with.
var auths = []struct {
	name string
	auth phonesim.AuthScheme
}{
	{"digest", phonesim.AuthDigest},
	{"basic", phonesim.AuthBasic},
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
