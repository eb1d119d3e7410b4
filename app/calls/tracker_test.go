package calls

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"deskcti/phone"
)

var t0 = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

// ev makes an event at t0 plus sec seconds.
func ev(kind phone.EventKind, id, remote string, sec int) phone.Event {
	return phone.Event{Kind: kind, CallID: id, Remote: remote, Display: "Erika Mustermann", Time: t0.Add(time.Duration(sec) * time.Second)}
}

func lookup(_ context.Context, raw string) (string, *Contact) {
	if raw == "02211234567" || raw == "sip:02211234567@pbx" {
		return "+492211234567", &Contact{Name: "Erika Mustermann", Company: "Muster GmbH", Match: "exact"}
	}
	return "", nil
}

func newTracker() *Tracker {
	return NewTracker(TrackerOptions{Phone: "snom@192.0.2.20", Lookup: lookup})
}

// feed applies events and returns the last change of each.
func feed(t *testing.T, tr *Tracker, evs ...phone.Event) []Change {
	t.Helper()
	var out []Change
	for _, e := range evs {
		out = append(out, tr.Handle(context.Background(), e)...)
	}
	return out
}

func last(chs []Change) *Call {
	for i := len(chs) - 1; i >= 0; i-- {
		if chs[i].Call != nil {
			return chs[i].Call
		}
	}
	return nil
}

func TestIncomingAnsweredAndEnded(t *testing.T) {
	tr := newTracker()
	chs := feed(t, tr,
		ev(phone.EventIncoming, "c1", "02211234567", 0),
		ev(phone.EventConnected, "c1", "02211234567", 5),
		ev(phone.EventHold, "c1", "02211234567", 10),
		ev(phone.EventUnhold, "c1", "02211234567", 20),
		ev(phone.EventDisconnected, "c1", "02211234567", 65),
	)
	states := []State{Ringing, Connected, Held, Connected, Ended}
	for i, ch := range chs {
		if ch.Call == nil || ch.Call.State != states[i] || ch.Duplicate {
			t.Fatalf("change %d = %+v, want state %s", i, ch, states[i])
		}
	}
	c := last(chs)
	if c.Direction != Incoming || c.Contact == nil || c.Contact.Name != "Erika Mustermann" || c.RemoteE164 != "+492211234567" {
		t.Fatalf("call %+v", c)
	}
	if c.Duration(t0) != time.Minute || !c.Start.Equal(t0) || c.Phone != "snom@192.0.2.20" || c.Key != "id:c1" {
		t.Fatalf("times %v %v %v, duration %v", c.Start, c.Answer, c.End, c.Duration(t0))
	}
	if len(tr.Open()) != 0 {
		t.Fatal("ended call still open")
	}
}

func TestMissedAndRejected(t *testing.T) {
	tr := newTracker()
	c := last(feed(t, tr, ev(phone.EventIncoming, "c2", "0301234", 0), ev(phone.EventMissed, "c2", "0301234", 20)))
	if c.State != Missed || c.Duration(t0) != 0 || !c.End.Equal(t0.Add(20*time.Second)) {
		t.Fatalf("missed: %+v", c)
	}
	// A ringing call that simply disconnects was missed too.
	c = last(feed(t, tr, ev(phone.EventIncoming, "c3", "0301234", 30), ev(phone.EventDisconnected, "c3", "0301234", 40)))
	if c.State != Missed {
		t.Fatalf("ringing then disconnected: %s", c.State)
	}
	c = last(feed(t, tr, ev(phone.EventIncoming, "c4", "0301234", 50), ev(phone.EventRejected, "c4", "0301234", 52)))
	if c.State != Rejected {
		t.Fatalf("rejected: %s", c.State)
	}
	// DND: the phone refuses at once and reports only the missed call.
	c = last(feed(t, tr, ev(phone.EventMissed, "c5", "0301234", 60)))
	if c == nil || c.State != Missed || c.Direction != Incoming {
		t.Fatalf("missed without incoming: %+v", c)
	}
}

func TestOutgoingUnansweredEndsOnHook(t *testing.T) {
	tr := newTracker()
	feed(t, tr, ev(phone.EventOutgoing, "o1", "02211234567", 0), ev(phone.EventOnhook, "", "", 15))
	if got := tr.Expire(t0.Add(16 * time.Second)); len(got) != 0 {
		t.Fatalf("ended before the grace period: %+v", got)
	}
	got := tr.Expire(t0.Add(15*time.Second + OnhookGrace))
	if len(got) != 1 {
		t.Fatalf("on-hook did not end the outgoing call: %+v", got)
	}
	c := got[0]
	if c.Direction != Outgoing || c.State != Ended || !c.Answer.IsZero() || c.Contact == nil || !c.End.Equal(t0.Add(15*time.Second)) {
		t.Fatalf("outgoing unanswered: %+v", c)
	}
	// On-hook with a call still ringing leaves it alone.
	feed(t, tr, ev(phone.EventIncoming, "i1", "0301234", 20))
	if chs := feed(t, tr, ev(phone.EventOnhook, "", "", 21)); len(chs) != 1 || chs[0].Call != nil {
		t.Fatalf("on-hook touched a ringing call: %+v", chs)
	}
	if got := tr.Expire(t0.Add(30 * time.Second)); len(got) != 0 || len(tr.Open()) != 1 {
		t.Fatalf("ringing call ended by on-hook: %+v", got)
	}
}

// The phone's events race each other: on-hook may arrive before the
// disconnect of the call that caused it.
func TestOnhookBeforeDisconnect(t *testing.T) {
	tr := newTracker()
	chs := feed(t, tr,
		ev(phone.EventIncoming, "c1", "0301234", 0),
		ev(phone.EventConnected, "c1", "0301234", 1),
		ev(phone.EventOnhook, "", "", 9),
		ev(phone.EventDisconnected, "c1", "0301234", 9),
	)
	if c := chs[3].Call; c == nil || chs[3].Duplicate || c.State != Ended || c.Duration(t0) != 8*time.Second {
		t.Fatalf("disconnect after on-hook: %+v", chs[3])
	}
}

func TestDuplicatesAndOutOfOrder(t *testing.T) {
	tr := newTracker()
	chs := feed(t, tr,
		ev(phone.EventConnected, "c1", "02211234567", 1), // arrived before incoming
		ev(phone.EventIncoming, "c1", "02211234567", 0),
		ev(phone.EventConnected, "c1", "02211234567", 1), // repeated
		ev(phone.EventDisconnected, "c1", "02211234567", 9),
		ev(phone.EventDisconnected, "c1", "02211234567", 9), // repeated after the end
		ev(phone.EventIncoming, "c1", "02211234567", 0),     // very late
	)
	if c := chs[1].Call; c.State != Connected || c.Direction != Incoming {
		t.Fatalf("late incoming downgraded the call: %+v", c)
	}
	if !chs[2].Duplicate || !chs[4].Duplicate || !chs[5].Duplicate || chs[5].Call != nil {
		t.Fatalf("duplicates not marked: %+v", chs)
	}
	if c := chs[3].Call; c.State != Ended || c.Duration(t0) != 8*time.Second {
		t.Fatalf("ended: %+v", c)
	}
}

func TestNoCallIDFallsBackToRemote(t *testing.T) {
	tr := newTracker()
	chs := feed(t, tr,
		ev(phone.EventIncoming, "", "sip:02211234567@pbx", 0),
		ev(phone.EventIncoming, "", "0301234", 1), // a second caller at the same time
		ev(phone.EventConnected, "", "sip:02211234567@pbx", 3),
		ev(phone.EventDisconnected, "", "sip:02211234567@pbx", 9),
	)
	if c := chs[3].Call; c.State != Ended || c.Remote != "sip:02211234567@pbx" || c.Contact == nil {
		t.Fatalf("fallback key: %+v", c)
	}
	open := tr.Open()
	if len(open) != 1 || open[0].Remote != "0301234" || open[0].State != Ringing {
		t.Fatalf("other call: %+v", open)
	}
}

func TestTransferAndPhoneEvents(t *testing.T) {
	tr := newTracker()
	transfer := ev(phone.EventBlindTransfer, "c1", "02211234567", 5)
	transfer.Extra = url.Values{"target": {"201"}}
	chs := feed(t, tr,
		ev(phone.EventIncoming, "c1", "02211234567", 0),
		ev(phone.EventConnected, "c1", "02211234567", 1),
		ev(phone.EventTransfer, "c1", "02211234567", 5),
		transfer,
		ev(phone.EventDisconnected, "c1", "02211234567", 5),
		phone.Event{Kind: phone.EventDNDOn, Time: t0},
	)
	if c := chs[4].Call; c.State != Ended || c.TransferredTo != "201" {
		t.Fatalf("transfer: %+v", c)
	}
	if chs[5].Call != nil || chs[5].Event.Kind != phone.EventDNDOn {
		t.Fatalf("DND is about the phone, not a call: %+v", chs[5])
	}
	// An end of a call that began before deskcti started is ignored.
	if chs := feed(t, tr, ev(phone.EventDisconnected, "old", "0301234", 7)); chs[0].Call != nil || !chs[0].Duplicate {
		t.Fatalf("unknown call's end: %+v", chs[0])
	}
}

func TestExpire(t *testing.T) {
	tr := newTracker()
	if tr.Busy() {
		t.Fatal("a new tracker is busy")
	}
	feed(t, tr, ev(phone.EventIncoming, "r", "0301234", 0), ev(phone.EventOutgoing, "o", "0301235", 0),
		ev(phone.EventIncoming, "k", "0301236", 0), ev(phone.EventConnected, "k", "0301236", 1))
	if got := tr.Expire(t0.Add(5 * time.Minute)); len(got) != 0 {
		t.Fatalf("expired too early: %+v", got)
	}
	got := tr.Expire(t0.Add(11 * time.Minute))
	if len(got) != 2 {
		t.Fatalf("want the ringing and the dialling call expired, got %+v", got)
	}
	for _, c := range got {
		want := map[string]State{"id:r": Missed, "id:o": Ended}[c.Key]
		if c.State != want || !c.End.Equal(t0) {
			t.Errorf("%s: %s ended %v, want %s at the last event", c.Key, c.State, c.End, want)
		}
	}
	if !tr.Busy() {
		t.Fatal("not busy with a call open")
	}
	if got := tr.Expire(t0.Add(5 * time.Hour)); len(got) != 1 || got[0].State != Ended {
		t.Fatalf("connected call never expired: %+v", got)
	}
	if tr.Busy() {
		t.Fatal("busy after every call ended")
	}
}

func TestRestore(t *testing.T) {
	tr := newTracker()
	tr.Restore(Call{Key: "id:x", Phone: "snom@192.0.2.20", State: Connected, Direction: Incoming, Start: t0, Answer: t0})
	c := last(feed(t, tr, ev(phone.EventDisconnected, "x", "0301234", 30)))
	if c == nil || c.State != Ended || c.Duration(t0) != 30*time.Second {
		t.Fatalf("restored call: %+v", c)
	}
}

// A call the journal had open is continued by the phone's next event, and
// one that ended while deskcti was away is closed by Expire at the last
// time the journal knew of it, not at restore time.
func TestRestoredCallsExpireFromTheirLastKnownTime(t *testing.T) {
	phoneName := "snom@192.0.2.20"
	clock := t0.Add(3 * time.Hour)
	tr := NewTracker(TrackerOptions{Phone: phoneName, Lookup: lookup, Now: func() time.Time { return clock }})
	tr.Restore(Call{ID: 7, Key: "id:ring", Phone: phoneName, State: Ringing, Direction: Incoming, Start: t0})
	tr.Restore(Call{ID: 8, Key: "id:talk", Phone: phoneName, State: Connected, Direction: Incoming, Start: t0, Answer: t0.Add(time.Minute)})
	tr.Restore(Call{ID: 9, Key: "id:other", Phone: "yealink@192.0.2.30", State: Connected, Start: t0})
	tr.Restore(Call{ID: 10, Key: "id:over", Phone: phoneName, State: Ended, Start: t0})
	if got := len(tr.Open()); got != 2 {
		t.Fatalf("%d calls restored, want 2 (not another phone's, not an ended one)", got)
	}
	ended := tr.Expire(clock)
	if len(ended) != 1 || ended[0].ID != 7 || ended[0].State != Missed || !ended[0].End.Equal(t0) {
		t.Fatalf("expired %+v; want call 7 missed at its start", ended)
	}
	ended = tr.Expire(t0.Add(time.Minute + 4*time.Hour))
	if len(ended) != 1 || ended[0].ID != 8 || ended[0].State != Ended || !ended[0].End.Equal(t0.Add(time.Minute)) {
		t.Fatalf("expired %+v; want call 8 ended at its answer", ended)
	}
}

func TestSavedIDFollowsTheCall(t *testing.T) {
	tr := newTracker()
	c := last(feed(t, tr, ev(phone.EventIncoming, "c1", "0301234", 0)))
	tr.Saved(*c, 42)
	if c := last(feed(t, tr, ev(phone.EventConnected, "c1", "0301234", 1))); c.ID != 42 {
		t.Fatalf("ID = %d, want 42", c.ID)
	}
}

// A second call from a number that sends no call id renames the first
// call's key; the row id the journal gives the first call must still reach
// it, not the new call that took over the key.
func TestSavedFollowsTheCallAcrossAKeyChange(t *testing.T) {
	tr := newTracker()
	first := last(feed(t, tr, ev(phone.EventIncoming, "", "0301234", 0), ev(phone.EventConnected, "", "0301234", 1)))
	second := last(feed(t, tr, ev(phone.EventIncoming, "", "0301234", 5)))
	if first.Serial() == 0 || second.Serial() == first.Serial() {
		t.Fatalf("serials %d and %d", first.Serial(), second.Serial())
	}
	tr.Saved(*first, 42) // the journal's answer arrives after the rename
	for _, c := range tr.Open() {
		switch c.Serial() {
		case first.Serial():
			if c.ID != 42 || c.Key == first.Key {
				t.Errorf("first call: id %d, key %q (was %q)", c.ID, c.Key, first.Key)
			}
		case second.Serial():
			if c.ID != 0 {
				t.Errorf("the second call got the first one's row id %d", c.ID)
			}
		}
	}
}

// A finished call's key is remembered for doneMemory: its late events are
// duplicates, and afterwards the key may start a new call.
func TestFinishedKeysAreForgotten(t *testing.T) {
	tr := newTracker()
	feed(t, tr, ev(phone.EventIncoming, "a", "0301234", 0), ev(phone.EventDisconnected, "a", "0301234", 1),
		ev(phone.EventIncoming, "b", "0301235", 60), ev(phone.EventDisconnected, "b", "0301235", 61))
	if ch := feed(t, tr, ev(phone.EventIncoming, "a", "0301234", 100))[0]; !ch.Duplicate || ch.Call != nil {
		t.Fatalf("late event of a finished call: %+v", ch)
	}
	// 2 min after a ended, before b's memory runs out.
	at := 1 + int(doneMemory/time.Second) + 1
	if ch := feed(t, tr, ev(phone.EventIncoming, "a", "0301234", at))[0]; ch.Duplicate || ch.Call == nil {
		t.Fatalf("a key after doneMemory: %+v", ch)
	}
	if ch := feed(t, tr, ev(phone.EventIncoming, "b", "0301235", at))[0]; !ch.Duplicate {
		t.Fatalf("b forgotten early: %+v", ch)
	}
}

// At most maxDone finished calls are remembered: the oldest go first.
func TestFinishedKeysAreBounded(t *testing.T) {
	tr := newTracker()
	for i := range maxDone + 10 {
		id := strconv.Itoa(i)
		feed(t, tr, ev(phone.EventIncoming, id, "0301234", 0), ev(phone.EventDisconnected, id, "0301234", 1))
	}
	if len(tr.done) != maxDone || tr.ended.len() != maxDone || len(tr.ended.buf) > maxDone {
		t.Fatalf("remembers %d keys (%d in order, room for %d), want %d", len(tr.done), tr.ended.len(), len(tr.ended.buf), maxDone)
	}
	if ch := feed(t, tr, ev(phone.EventIncoming, "0", "0301234", 2))[0]; ch.Duplicate {
		t.Errorf("the oldest finished call is still remembered: %+v", ch)
	}
	if ch := feed(t, tr, ev(phone.EventDisconnected, strconv.Itoa(maxDone+9), "0301234", 2))[0]; !ch.Duplicate {
		t.Errorf("the latest finished call is forgotten: %+v", ch)
	}
}
