package snom

import (
	"strings"
	"testing"

	"deskcti/phone"
	"deskcti/phone/phonesim"
)

func TestDial(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "secret", Options{}, nil)
			if err := d.Dial(t.Context(), "*21#"); err != nil {
				t.Fatalf("Dial: %v", err)
			}
			act := lastAction(t, sim)
			if act.Path != "/command.htm" || act.RawQuery != "number=%2A21%23" {
				t.Errorf("wire: %s?%s, want /command.htm?number=%%2A21%%23", act.Path, act.RawQuery)
			}
			if sim.State() != phonesim.Dialing || sim.LastDialed() != "*21#" {
				t.Errorf("phone state %s dialed %q", sim.State(), sim.LastDialed())
			}
			// The first command paid for the challenge; the next is
			// authenticated pre-emptively and reaches the phone once.
			sim.Reset()
			if err := d.Dial(t.Context(), "0221"); err != nil {
				t.Fatalf("second Dial: %v", err)
			}
			if reqs := sim.Requests(); len(reqs) != 1 || !reqs[0].Authorized || reqs[0].RawQuery != "number=0221" {
				t.Errorf("second dial: phone saw %+v, want one authorised request", reqs)
			}
		})
	}
}

func TestDialWithIdentity(t *testing.T) {
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret"})
	d := newDriver(t, sim, "admin", "secret", Options{OutgoingURI: "202@pbx.example"}, nil)
	if err := d.Dial(t.Context(), "+4922112345"); err != nil {
		t.Fatalf("Dial: %v", err)
	}
	if q := lastAction(t, sim).RawQuery; q != "number=%2B4922112345&outgoing_uri=202@pbx.example" {
		t.Errorf("wire query %q", q)
	}
	if sim.LastDialed() != "+4922112345" || sim.LastOutgoingURI() != "202@pbx.example" {
		t.Errorf("phone dialed %q as %q", sim.LastDialed(), sim.LastOutgoingURI())
	}
}

func TestDialRefusesEmptyNumber(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{}, nil)
	for _, n := range []string{"", "  ", "12\n3"} {
		if err := d.Dial(t.Context(), n); err == nil {
			t.Errorf("Dial(%q): no error", n)
		}
	}
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("%d requests sent for invalid numbers", n)
	}
}

func TestHangupAnswerHold(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "secret", Options{}, nil)

			// Answer an incoming call.
			id := sim.IncomingCall("0221555", "Alice")
			if err := d.Answer(t.Context()); err != nil {
				t.Fatalf("Answer: %v", err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=ENTER" {
				t.Errorf("answer wire %q", q)
			}
			if sim.State() != phonesim.Connected {
				t.Fatalf("after Answer: %s", sim.State())
			}

			// Hold and resume with the same key.
			if err := d.Hold(t.Context()); err != nil {
				t.Fatalf("Hold: %v", err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=F_HOLD" {
				t.Errorf("hold wire %q", q)
			}
			if sim.State() != phonesim.Held {
				t.Fatalf("after Hold: %s", sim.State())
			}
			if err := d.Hold(t.Context()); err != nil {
				t.Fatalf("resume: %v", err)
			}
			if sim.State() != phonesim.Connected {
				t.Fatalf("after second Hold: %s", sim.State())
			}

			// Hang up.
			if err := d.Hangup(t.Context()); err != nil {
				t.Fatalf("Hangup: %v", err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=CANCEL" {
				t.Errorf("hangup wire %q", q)
			}
			ended := sim.Ended()
			if sim.State() != phonesim.Idle || len(ended) != 1 || ended[0].ID != id || ended[0].Reason != phonesim.EndLocal {
				t.Errorf("after Hangup: state %s ended %+v", sim.State(), ended)
			}
		})
	}
}

func TestConfiguredAnswerKey(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{AnswerKey: "offhook"}, nil)
	sim.IncomingCall("0221555", "")
	if err := d.Answer(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=OFFHOOK" || sim.State() != phonesim.Connected {
		t.Errorf("wire %q state %s", q, sim.State())
	}
	if _, err := New(httpTestOptions(sim), Options{AnswerKey: "F1"}); err == nil {
		t.Error("New accepted answer key F1")
	}
}

func TestRejectIncoming(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{}, nil)
	id := sim.IncomingCall("0221555", "")
	if err := d.Hangup(t.Context()); err != nil {
		t.Fatal(err)
	}
	ended := sim.Ended()
	if len(ended) != 1 || ended[0].ID != id || ended[0].Reason != phonesim.EndRejected {
		t.Errorf("ended %+v, want the call rejected", ended)
	}
}

func TestOldFirmwareHoldsWithF_R(t *testing.T) {
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Firmware: "7.3.30"})
	d := newDriver(t, sim, "admin", "secret", Options{}, nil)
	connectedCall(t, sim, d, "0221")
	for i, want := range []phonesim.State{phonesim.Held, phonesim.Connected} {
		if err := d.Hold(t.Context()); err != nil {
			t.Fatalf("Hold %d: %v", i, err)
		}
		if q := lastAction(t, sim).RawQuery; q != "key=F_R" {
			t.Errorf("hold %d wire %q, want key=F_R", i, q)
		}
		if sim.State() != want {
			t.Errorf("after hold %d: %s, want %s", i, sim.State(), want)
		}
	}
	if n := requestsTo(sim, "/settings.xml"); n != 1 {
		t.Errorf("settings.xml read %d times, want once (cached)", n)
	}
}

func TestBlindTransfer(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "secret", Options{}, nil)
			id := connectedCall(t, sim, d, "0221")
			if err := d.Transfer(t.Context(), "2345", false); err != nil {
				t.Fatalf("Transfer: %v", err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=TRANSFER;2;3;4;5;ENTER" {
				t.Errorf("wire %q", q)
			}
			ended := sim.Ended()
			if len(sim.Calls()) != 0 || len(ended) != 1 || ended[0].ID != id ||
				ended[0].Reason != phonesim.EndTransferred || ended[0].TransferTarget != "2345" {
				t.Errorf("calls %+v ended %+v, want the call transferred to 2345", sim.Calls(), ended)
			}
		})
	}
}

func TestAttendedTransfer(t *testing.T) {
	for _, complete := range []string{"CompleteTransfer", "second Transfer"} {
		t.Run(complete, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret"})
			d := newDriver(t, sim, "admin", "secret", Options{}, nil)
			first := connectedCall(t, sim, d, "0221")
			if err := d.Transfer(t.Context(), "23#", true); err != nil {
				t.Fatalf("Transfer: %v", err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=F_HOLD;2;3;%23;ENTER" {
				t.Errorf("consultation wire %q", q)
			}
			calls := sim.Calls()
			if len(calls) != 2 || calls[0].ID != first || calls[0].State != phonesim.Held ||
				calls[1].Remote != "23#" || calls[1].State != phonesim.Dialing {
				t.Fatalf("calls %+v, want the first held and a consultation to 23#", calls)
			}
			if d.PendingTransfer() != "23#" {
				t.Errorf("PendingTransfer %q", d.PendingTransfer())
			}
			if err := d.Transfer(t.Context(), "999", true); err == nil {
				t.Error("a second consultation while one is pending was not refused")
			}
			if err := sim.RemoteAnswer(calls[1].ID); err != nil {
				t.Fatal(err)
			}
			var err error
			if complete == "CompleteTransfer" {
				err = d.CompleteTransfer(t.Context())
			} else {
				err = d.Transfer(t.Context(), "23#", true)
			}
			if err != nil {
				t.Fatalf("%s: %v", complete, err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=TRANSFER" {
				t.Errorf("completion wire %q", q)
			}
			if len(sim.Calls()) != 0 || d.PendingTransfer() != "" {
				t.Errorf("after completion: calls %+v pending %q", sim.Calls(), d.PendingTransfer())
			}
			for _, e := range sim.Ended() {
				if e.Reason != phonesim.EndTransferred {
					t.Errorf("call %s ended %s, want transferred", e.ID, e.Reason)
				}
			}
		})
	}
}

func TestOldFirmwareAttendedTransferHoldsWithF_R(t *testing.T) {
	sim := startSim(t, phonesim.Options{Firmware: "7.3.30"})
	d := newDriver(t, sim, "", "", Options{}, nil)
	connectedCall(t, sim, d, "0221")
	if err := d.Transfer(t.Context(), "23", true); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=F_R;2;3;ENTER" {
		t.Errorf("wire %q", q)
	}
	if calls := sim.Calls(); len(calls) != 2 || calls[0].State != phonesim.Held {
		t.Errorf("calls %+v, want the first call held", calls)
	}
}

func TestTransferRefusesUntypableTarget(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{}, nil)
	for _, n := range []string{"", "+4922", "12a", "1 2"} {
		if err := d.Transfer(t.Context(), n, false); err == nil {
			t.Errorf("Transfer(%q): no error", n)
		}
	}
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("%d requests sent for untypable targets", n)
	}
}

func TestDNDWithoutReadableState(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "secret", Options{}, nil)
			if err := d.SetDND(t.Context(), true); err != nil {
				t.Fatalf("SetDND on: %v", err)
			}
			if q := lastAction(t, sim).RawQuery; q != "key=DND" || !sim.DND() {
				t.Fatalf("wire %q, DND %v", q, sim.DND())
			}
			// Asking again must not toggle it off.
			if err := d.SetDND(t.Context(), true); err != nil {
				t.Fatal(err)
			}
			if !sim.DND() {
				t.Error("a second SetDND(true) switched DND off")
			}
			if err := d.SetDND(t.Context(), false); err != nil {
				t.Fatalf("SetDND off: %v", err)
			}
			if sim.DND() {
				t.Error("DND still on")
			}
		})
	}
}

func TestDNDObserved(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{}, nil)
	// The user switched DND on at the phone; the event told the driver.
	if err := d.SetDND(t.Context(), true); err != nil { // driver and phone: on
		t.Fatal(err)
	}
	d.ObserveDND(false) // pretend the phone reported off ...
	if err := d.SetDND(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	// ... so the driver pressed DND again, which toggled the phone off:
	// the observed state is what decides.
	if sim.DND() {
		t.Error("ObserveDND(false) was ignored")
	}
}

func TestProbe(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth,
				Model: "snomD735", Firmware: "10.1.33.33", MAC: "000413112233", Account: "301@pbx.test"})
			d := newDriver(t, sim, "admin", "secret", Options{}, nil)
			info, err := d.Probe(t.Context())
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			want := phone.Info{Vendor: phone.Snom, Model: "snomD735", Firmware: "10.1.33.33", MAC: "000413112233",
				Accounts: []string{"301@pbx.test"}}
			if info.Vendor != want.Vendor || info.Model != want.Model || info.Firmware != want.Firmware ||
				info.MAC != want.MAC || strings.Join(info.Accounts, ",") != strings.Join(want.Accounts, ",") || info.Fingerprint != "" {
				t.Errorf("Probe = %+v, want %+v", info, want)
			}
			// Probe pressed nothing.
			if len(sim.Calls()) != 0 || sim.DND() {
				t.Error("Probe changed the phone's state")
			}
		})
	}
}
