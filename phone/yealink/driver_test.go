package yealink

import (
	"reflect"
	"strings"
	"testing"

	"deskcti/phone"
	"deskcti/phone/phonesim"
)

func TestDial(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, nil)
	if err := d.Dial(t.Context(), "*21#"); err != nil {
		t.Fatalf("Dial: %v", err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=number=%2A21%23" {
		t.Errorf("wire %q, want key=number=%%2A21%%23", q)
	}
	if sim.State() != phonesim.Dialing || sim.LastDialed() != "*21#" {
		t.Errorf("phone state %s dialed %q", sim.State(), sim.LastDialed())
	}
	// Basic is sent pre-emptively from now on: one request per command.
	sim.Reset()
	if err := d.Dial(t.Context(), "0221"); err != nil {
		t.Fatal(err)
	}
	if reqs := sim.Requests(); len(reqs) != 1 || !reqs[0].Authorized || reqs[0].RawQuery != "key=number=0221" {
		t.Errorf("second dial: phone saw %+v", reqs)
	}
	checkWireRules(t, sim)
}

func TestDialWithAccount(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{OutgoingURI: "202@pbx.example"}, nil)
	if err := d.Dial(t.Context(), "+4922112345"); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=number=%2B4922112345&outgoing_uri=202@pbx.example" {
		t.Errorf("wire %q", q)
	}
	if sim.LastDialed() != "+4922112345" || sim.LastOutgoingURI() != "202@pbx.example" {
		t.Errorf("phone dialed %q as %q", sim.LastDialed(), sim.LastOutgoingURI())
	}
	checkWireRules(t, sim)
}

func TestHangupAnswerHold(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, nil)
	id := sim.IncomingCall("0221555", "Alice")
	if err := d.Answer(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=OK" || sim.State() != phonesim.Connected {
		t.Fatalf("answer: wire %q state %s", q, sim.State())
	}
	if err := d.Hold(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=F_HOLD" || sim.State() != phonesim.Held {
		t.Fatalf("hold: wire %q state %s", q, sim.State())
	}
	if err := d.Hold(t.Context()); err != nil {
		t.Fatal(err)
	}
	if sim.State() != phonesim.Connected {
		t.Fatalf("resume: state %s", sim.State())
	}
	if err := d.Hangup(t.Context()); err != nil {
		t.Fatal(err)
	}
	ended := sim.Ended()
	if q := lastAction(t, sim).RawQuery; q != "key=CALLEND" || sim.State() != phonesim.Idle ||
		len(ended) != 1 || ended[0].ID != id || ended[0].Reason != phonesim.EndLocal {
		t.Errorf("hangup: wire %q state %s ended %+v", q, sim.State(), ended)
	}
	checkWireRules(t, sim)
}

func TestConfiguredKeys(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{AnswerKey: "asw", HangupKey: "X"}, nil)
	id := sim.IncomingCall("0221555", "")
	if err := d.Answer(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=ASW" || sim.State() != phonesim.Connected {
		t.Errorf("answer: wire %q state %s", q, sim.State())
	}
	if err := d.Hangup(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=X" || len(sim.Ended()) != 1 || sim.Ended()[0].ID != id {
		t.Errorf("hangup: wire %q ended %+v", q, sim.Ended())
	}
	if _, err := New(httpTestOptions(sim), Options{AnswerKey: "F1"}); err == nil {
		t.Error("New accepted answer key F1")
	}
}

func TestDND(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, nil)
	if err := d.SetDND(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=DNDOn" || !sim.DND() {
		t.Errorf("on: wire %q DND %v", q, sim.DND())
	}
	if err := d.SetDND(t.Context(), true); err != nil { // idempotent on the phone
		t.Fatal(err)
	}
	if !sim.DND() {
		t.Error("DNDOn twice switched DND off")
	}
	if err := d.SetDND(t.Context(), false); err != nil {
		t.Fatal(err)
	}
	if q := lastAction(t, sim).RawQuery; q != "key=DNDOff" || sim.DND() {
		t.Errorf("off: wire %q DND %v", q, sim.DND())
	}
}

func TestBlindTransfer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		model string
		probe bool
		chain ChainMode
		wire  []string
	}{
		{"keypad model after Probe: chained", "SIP-T46U", true, ChainAuto, []string{"key=F_TRANSFER;2;3;F_TRANSFER"}},
		{"model unknown: separate", "SIP-T46U", false, ChainAuto, []string{"key=F_TRANSFER", "key=2", "key=3", "key=F_TRANSFER"}},
		{"touch model: separate", "SIP-T48U", true, ChainAuto, []string{"key=F_TRANSFER", "key=2", "key=3", "key=F_TRANSFER"}},
		{"T57W: separate", "SIP-T57W", true, ChainAuto, []string{"key=F_TRANSFER", "key=2", "key=3", "key=F_TRANSFER"}},
		{"ChainNever", "SIP-T46U", true, ChainNever, []string{"key=F_TRANSFER", "key=2", "key=3", "key=F_TRANSFER"}},
		{"ChainAlways", "SIP-T46U", false, ChainAlways, []string{"key=F_TRANSFER;2;3;F_TRANSFER"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{Model: tc.model})
			d := newDriver(t, sim, Options{Chain: tc.chain}, nil)
			if tc.probe {
				if _, err := d.Probe(t.Context()); err != nil {
					t.Fatal(err)
				}
			}
			id := connectedCall(t, sim, d, "0221")
			sim.Reset()
			if err := d.Transfer(t.Context(), "23", false); err != nil {
				t.Fatalf("Transfer: %v", err)
			}
			if got := servletQueries(sim); !reflect.DeepEqual(got, tc.wire) {
				t.Errorf("wire %q, want %q", got, tc.wire)
			}
			ended := sim.Ended()
			if len(sim.Calls()) != 0 || len(ended) != 1 || ended[0].ID != id ||
				ended[0].Reason != phonesim.EndTransferred || ended[0].TransferTarget != "23" {
				t.Errorf("calls %+v ended %+v, want the call transferred to 23", sim.Calls(), ended)
			}
			checkWireRules(t, sim)
		})
	}
}

func TestAttendedTransfer(t *testing.T) {
	for _, complete := range []string{"CompleteTransfer", "second Transfer"} {
		t.Run(complete, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{Model: "SIP-T48U"})
			d := newDriver(t, sim, Options{}, nil)
			if _, err := d.Probe(t.Context()); err != nil {
				t.Fatal(err)
			}
			first := connectedCall(t, sim, d, "0221")
			sim.Reset()
			if err := d.Transfer(t.Context(), "23", true); err != nil {
				t.Fatalf("Transfer: %v", err)
			}
			want := []string{"key=F_TRANSFER", "key=2", "key=3", "key=OK"}
			if got := servletQueries(sim); !reflect.DeepEqual(got, want) {
				t.Errorf("consultation wire %q, want %q", got, want)
			}
			calls := sim.Calls()
			if len(calls) != 2 || calls[0].ID != first || calls[0].State != phonesim.Held ||
				calls[1].Remote != "23" || calls[1].State != phonesim.Dialing {
				t.Fatalf("calls %+v, want the first held and a consultation to 23", calls)
			}
			if d.PendingTransfer() != "23" {
				t.Errorf("PendingTransfer %q", d.PendingTransfer())
			}
			if err := sim.RemoteAnswer(calls[1].ID); err != nil {
				t.Fatal(err)
			}
			sim.Reset()
			var err error
			if complete == "CompleteTransfer" {
				err = d.CompleteTransfer(t.Context())
			} else {
				err = d.Transfer(t.Context(), "23", true)
			}
			if err != nil {
				t.Fatalf("%s: %v", complete, err)
			}
			if got := servletQueries(sim); !reflect.DeepEqual(got, []string{"key=F_TRANSFER"}) {
				t.Errorf("completion wire %q", got)
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

func TestTransferTypesStarAndPound(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{Chain: ChainAlways}, nil)
	connectedCall(t, sim, d, "0221")
	sim.Reset()
	if err := d.Transfer(t.Context(), "*5#", false); err != nil {
		t.Fatal(err)
	}
	// Only the wire is checked: phonesim knows '#' but not Yealink's
	// POUND key name.
	if got := servletQueries(sim); len(got) != 1 || got[0] != "key=F_TRANSFER;%2A;5;POUND;F_TRANSFER" {
		t.Errorf("wire %q", got)
	}
	for _, n := range []string{"", "+49", "1 2", "12a"} {
		if err := d.Transfer(t.Context(), n, false); err == nil {
			t.Errorf("Transfer(%q): no error", n)
		}
	}
}

func TestProbe(t *testing.T) {
	sim := startSim(t, phonesim.Options{Model: "SIP-T54W", Firmware: "96.86.0.70", MAC: "805EC0112233", Account: "301@pbx.test"})
	d := newDriver(t, sim, Options{}, nil)
	info, err := d.Probe(t.Context())
	if err != nil {
		t.Fatalf("Probe: %v", err)
	}
	if info.Vendor != phone.Yealink || info.Model != "SIP-T54W" || info.Firmware != "96.86.0.70" ||
		info.MAC != "805EC0112233" || strings.Join(info.Accounts, ",") != "301@pbx.test" || info.Fingerprint != "" {
		t.Errorf("Probe = %+v", info)
	}
	if q := lastAction(t, sim).RawQuery; q != phonecfgQuery {
		t.Errorf("probe wire %q", q)
	}
	if len(sim.Calls()) != 0 || sim.DND() {
		t.Error("Probe changed the phone's state")
	}
}
