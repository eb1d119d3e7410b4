package receiver

import (
	"net/http"
	"net/netip"
	"testing"

	"deskcti/phone"
	"deskcti/phone/phonesim"
)

// startSim runs an emulated phone without web password whose Action URLs
// for kinds point at the receiver.
func startSim(t *testing.T, r *Receiver, vendor phone.Vendor, kinds ...phone.EventKind) *phonesim.Sim {
	t.Helper()
	sim, err := phonesim.Start(phonesim.Options{Vendor: vendor})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	settings := phone.SnomEventSettings
	if vendor == phone.Yealink {
		settings = phone.YealinkEventKeys
	}
	for _, k := range kinds {
		sim.SetActionURL(settings[k], phone.EventURL(r.BaseURL("127.0.0.1"), vendor, k))
	}
	return sim
}

// press presses a key on the emulated phone over its HTTP interface, as
// the user or a driver would.
func press(t *testing.T, sim *phonesim.Sim, vendor phone.Vendor, key string) {
	t.Helper()
	path := "/command.htm?key=" + key
	if vendor == phone.Yealink {
		path = "/servlet?key=" + key
	}
	code, body := get(t, http.DefaultClient, sim.URL()+path)
	if code >= 400 {
		t.Fatalf("%s %s: %d %q", vendor, path, code, body)
	}
}

// collect takes n events off the queue, keyed by kind: phones deliver each
// event over its own connection, so their order is not guaranteed.
func collect(t *testing.T, r *Receiver, n int) map[phone.EventKind]phone.Event {
	t.Helper()
	got := map[phone.EventKind]phone.Event{}
	for range n {
		ev := nextEvent(t, r)
		if _, dup := got[ev.Kind]; dup {
			t.Fatalf("two %s events", ev.Kind)
		}
		got[ev.Kind] = ev
	}
	noEvent(t, r)
	return got
}

func TestWholeCallFromEmulatedPhones(t *testing.T) {
	const (
		number  = "02211234567"
		display = "Jürgen Müller-Lüdenscheidt & Söhne GmbH"
	)
	kinds := []phone.EventKind{phone.EventIncoming, phone.EventConnected, phone.EventDisconnected}
	for _, tc := range []struct {
		vendor phone.Vendor
		answer string
	}{{phone.Snom, "ENTER"}, {phone.Yealink, "OK"}} {
		t.Run(string(tc.vendor), func(t *testing.T) {
			r := start(t, Config{Token: NewToken(), Allow: prefixes(t, "127.0.0.1")})
			sim := startSim(t, r, tc.vendor, kinds...)

			id := sim.IncomingCall(number, display)
			press(t, sim, tc.vendor, tc.answer)
			if err := sim.RemoteHangup(id); err != nil {
				t.Fatal(err)
			}
			if !sim.WaitFired(3, wait) || sim.FireErrors() != 0 {
				t.Fatalf("fired %q, %d failed", sim.Fired(), sim.FireErrors())
			}
			got := collect(t, r, 3)
			for _, k := range kinds {
				ev, ok := got[k]
				if !ok {
					t.Errorf("no %s event; got %+v", k, got)
					continue
				}
				if ev.CallID != id || ev.Remote != "sip:"+number+"@pbx.example" || ev.Display != display ||
					ev.Vendor != tc.vendor || ev.Local != "sip:201@pbx.example" || ev.User != "201" ||
					ev.Peer != netip.MustParseAddr("127.0.0.1") || ev.Time.IsZero() {
					t.Errorf("%s event %+v", k, ev)
				}
				if tc.vendor == phone.Yealink && (ev.Caller != display || ev.Called != "201") {
					t.Errorf("%s caller %q called %q", k, ev.Caller, ev.Called)
				}
				if len(ev.Extra) != 0 {
					t.Errorf("%s extras %v: the EventURL scheme should be fully understood", k, ev.Extra)
				}
			}
			if ps := peerStats(t, r, "127.0.0.1"); ps.Received != 3 || ps.Refused+ps.Errors != 0 {
				t.Errorf("stats %+v", ps)
			}
		})
	}
}

// Events without a call (DND) leave the call variables unexpanded on a
// real phone; they arrive empty.
func TestEventWithoutCallFromEmulatedPhone(t *testing.T) {
	r := start(t, Config{})
	sim := startSim(t, r, phone.Snom, phone.EventDNDOn)
	press(t, sim, phone.Snom, "DND")
	if !sim.WaitFired(1, wait) || sim.FireErrors() != 0 {
		t.Fatalf("fired %q, %d failed", sim.Fired(), sim.FireErrors())
	}
	ev := nextEvent(t, r)
	if ev.Kind != phone.EventDNDOn || ev.CallID != "" || ev.Remote != "" || ev.Display != "" ||
		ev.Reason != "" || ev.User != "201" {
		t.Errorf("event %+v (fired %q)", ev, sim.Fired())
	}
}

// A phone outside the allow list fires into a 403: the phone counts a
// failed delivery, the receiver a refusal, nothing is queued.
func TestRefusedPhone(t *testing.T) {
	r := start(t, Config{Allow: prefixes(t, "127.0.0.2")})
	sim := startSim(t, r, phone.Yealink, phone.EventIncoming)
	sim.IncomingCall("0221123", "Anna")
	if !sim.WaitFired(1, wait) || sim.FireErrors() != 1 {
		t.Fatalf("fired %q, %d failed; want 1 failed", sim.Fired(), sim.FireErrors())
	}
	noEvent(t, r)
	if ps := peerStats(t, r, "127.0.0.1"); ps.Refused != 1 {
		t.Errorf("stats %+v", ps)
	}
}
