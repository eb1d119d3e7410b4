package app

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/app/actions"
	"deskcti/app/calls"
	"deskcti/app/config"
	"deskcti/app/journal"
	"deskcti/contacts"
	"deskcti/phone"
	"deskcti/platform/open"
)

func tempJournal(t *testing.T) *journal.Journal {
	t.Helper()
	j, err := journal.Open(filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

func keeperEvent(kind phone.EventKind, id string) phone.Event {
	return phone.Event{Kind: kind, CallID: id, Remote: "0301234", Time: time.Now()}
}

// The keeper announces changes in event order, a call's end only once the
// journal has it, and writes each call as one row however many changes
// waited together.
func TestKeeperOrderAndJournal(t *testing.T) {
	ctx := context.Background()
	j := tempJournal(t)
	tr := calls.NewTracker(calls.TrackerOptions{Phone: "p"})
	var (
		mu        sync.Mutex
		announced []string
		saved     = map[uint64]int64{}
	)
	var fails []error
	k := newKeeper(ctx, j, func(ch calls.Change) {
		mu.Lock()
		announced = append(announced, ch.Event.CallID+":"+string(ch.Event.Kind))
		mu.Unlock()
		if ch.Call != nil && ch.Call.State.Final() && !ch.Duplicate {
			cs, err := j.List(ctx, journal.Query{})
			found := false
			for _, c := range cs {
				found = found || c.CallID == ch.Call.CallID && c.State == ch.Call.State
			}
			if err != nil || !found {
				t.Errorf("%s announced before the journal has it (%v)", ch.Call.CallID, err)
			}
		}
	}, func(c calls.Call, id int64) {
		mu.Lock()
		saved[c.Serial()] = id
		mu.Unlock()
	}, func(err error) { fails = append(fails, err) })

	var want []string
	for _, e := range []phone.Event{
		keeperEvent(phone.EventIncoming, "a"), keeperEvent(phone.EventIncoming, "b"),
		keeperEvent(phone.EventConnected, "a"), keeperEvent(phone.EventDisconnected, "a"),
		{Kind: phone.EventDNDOn, Time: time.Now()}, // not a call: waits behind a's end
		keeperEvent(phone.EventDisconnected, "a"),  // a duplicate
		keeperEvent(phone.EventMissed, "b"),
		keeperEvent(phone.EventIncoming, "c"),
	} {
		for _, ch := range tr.Handle(ctx, e) {
			k.put(ch)
			want = append(want, e.CallID+":"+string(e.Kind))
		}
	}
	k.close()
	if len(fails) > 0 {
		t.Fatal(fails)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(announced) != len(want) {
		t.Fatalf("announced %v, want %v", announced, want)
	}
	for i := range want {
		if announced[i] != want[i] {
			t.Fatalf("announced %v, want %v", announced, want)
		}
	}
	cs, err := j.List(ctx, journal.Query{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]calls.State{}
	for _, c := range cs {
		if _, twice := states[c.CallID]; twice {
			t.Errorf("call %s has two rows", c.CallID)
		}
		states[c.CallID] = c.State
	}
	if len(cs) != 3 || states["a"] != calls.Ended || states["b"] != calls.Missed || states["c"] != calls.Ringing {
		t.Fatalf("journal: %v", states)
	}
	// The open call's row id reached the tracker's side.
	open := tr.Open()
	if len(open) != 1 || saved[open[0].Serial()] == 0 {
		t.Fatalf("row id of the open call not reported: %v, %v", open, saved)
	}
}

// A call's later change updates the row its first change inserted, also
// when the first write is still on its way while the change arrives.
func TestKeeperUpdatesTheSameRow(t *testing.T) {
	ctx := context.Background()
	j := tempJournal(t)
	tr := calls.NewTracker(calls.TrackerOptions{Phone: "p"})
	k := newKeeper(ctx, j, nil, tr.Saved, func(err error) { t.Error(err) })
	for i, kind := range []phone.EventKind{phone.EventIncoming, phone.EventConnected, phone.EventHold, phone.EventUnhold, phone.EventDisconnected} {
		for _, ch := range tr.Handle(ctx, keeperEvent(kind, "x")) {
			k.put(ch)
		}
		if i == 1 {
			time.Sleep(20 * time.Millisecond) // let a write happen in between
		}
	}
	k.close()
	cs, err := j.List(ctx, journal.Query{})
	if err != nil || len(cs) != 1 || cs[0].State != calls.Ended || cs[0].Answer.IsZero() {
		t.Fatalf("journal: %+v, %v", cs, err)
	}
}

// Without a journal every change is announced at once.
func TestKeeperWithoutJournal(t *testing.T) {
	var got []calls.Change
	k := newKeeper(context.Background(), nil, func(ch calls.Change) { got = append(got, ch) }, nil, nil)
	tr := calls.NewTracker(calls.TrackerOptions{})
	for _, e := range []phone.Event{keeperEvent(phone.EventIncoming, "a"), keeperEvent(phone.EventDisconnected, "a")} {
		for _, ch := range tr.Handle(context.Background(), e) {
			k.put(ch)
			if len(got) == 0 || got[len(got)-1].Event.Kind != e.Kind {
				t.Fatalf("%s not announced at once", e.Kind)
			}
		}
	}
	k.close()
}

// The live pipeline end to end: a phone's requests over HTTP become a call
// with its contact, announced in order, kept in the journal by the time
// Run returns.
func TestLiveEventsToJournal(t *testing.T) {
	s, cfg := testService(t)
	ctx := context.Background()
	book := contacts.NewBook(HomeOf(cfg.Dial), []contacts.Source{memSource{benchContact(7)}}, nil,
		contacts.BookOptions{Logger: slog.New(slog.DiscardHandler)})
	if err := book.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	j := tempJournal(t)
	changes := make(chan calls.Change, 16)
	live, err := s.StartLive(ctx, LiveOptions{Book: book, Journal: j, Logger: slog.New(slog.DiscardHandler),
		OnChange: func(ch calls.Change) { changes <- ch }, OnError: func(err error) { t.Error(err) }})
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan error, 1)
	go func() { ran <- live.Run(ctx) }()
	base, err := live.BaseURL()
	if err != nil {
		t.Fatal(err)
	}
	urls := newPhoneURLs(base)
	c := benchCall{vendor: phone.Yealink, id: "77", remote: benchCaller(7, 0), display: "Anruf"}
	kinds := []phone.EventKind{phone.EventIncoming, phone.EventConnected, phone.EventDisconnected}
	for _, kind := range kinds {
		resp, err := http.Get(urls.url(c, kind))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", kind, resp.Status)
		}
	}
	states := []calls.State{calls.Ringing, calls.Connected, calls.Ended}
	for i := range kinds {
		select {
		case ch := <-changes:
			if ch.Call == nil || ch.Call.State != states[i] || ch.Call.Contact == nil || ch.Call.Contact.Name != benchName(7) {
				t.Fatalf("change %d: %+v", i, ch.Call)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no change %d", i)
		}
	}
	live.Close()
	if err := <-ran; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	cs, err := j.List(ctx, journal.Query{})
	if err != nil || len(cs) != 1 || cs[0].State != calls.Ended || cs[0].Contact == nil || cs[0].Contact.Name != benchName(7) {
		t.Fatalf("journal: %+v, %v", cs, err)
	}
}

// Under a steady stream of calls the held changes never all go at once;
// they must still come out in order, every one of them, and the journal
// must have every call.
func TestKeeperManyCalls(t *testing.T) {
	ctx := context.Background()
	j := tempJournal(t)
	tr := calls.NewTracker(calls.TrackerOptions{Phone: "p"})
	var got []string
	k := newKeeper(ctx, j, func(ch calls.Change) { got = append(got, ch.Event.CallID+":"+string(ch.Event.Kind)) },
		tr.Saved, func(err error) { t.Error(err) })
	var want []string
	const n = 2000
	for i := range n + 1 {
		// Call i rings while call i-1 ends, as on a busy line.
		for _, e := range []phone.Event{keeperEvent(phone.EventIncoming, strconv.Itoa(i)), keeperEvent(phone.EventDisconnected, strconv.Itoa(i-1))} {
			if e.CallID == "-1" || e.CallID == strconv.Itoa(n) && e.Kind == phone.EventIncoming {
				continue
			}
			for _, ch := range tr.Handle(ctx, e) {
				k.put(ch)
				want = append(want, e.CallID+":"+string(e.Kind))
			}
		}
	}
	k.close()
	if len(got) != len(want) {
		t.Fatalf("%d changes announced, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("change %d announced as %s, want %s", i, got[i], want[i])
		}
	}
	cs, err := j.List(ctx, journal.Query{Missed: true})
	if err != nil || len(cs) != n {
		t.Fatalf("journal has %d missed calls (%v), want %d", len(cs), err, n)
	}
}

// A call whose hang-up got lost is ended by Live's clock, which runs only
// while calls are open (an idle app sleeps): the clock must start with
// the call.
func TestLiveEndsCallAfterLostHangup(t *testing.T) {
	s, _ := testService(t)
	ctx := context.Background()
	changes := make(chan calls.Change, 16)
	live, err := s.StartLive(ctx, LiveOptions{Logger: slog.New(slog.DiscardHandler),
		OnChange: func(ch calls.Change) { changes <- ch }, OnError: func(err error) { t.Error(err) }})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	go live.Run(ctx)
	if live.Tracker().Busy() {
		t.Fatal("busy before any call")
	}
	base, err := live.BaseURL()
	if err != nil {
		t.Fatal(err)
	}
	urls := newPhoneURLs(base)
	c := benchCall{vendor: phone.Snom, id: "9", remote: benchCaller(9, 0), display: "Anruf"}
	// The disconnect never comes, only the on-hook.
	for _, kind := range []phone.EventKind{phone.EventIncoming, phone.EventConnected, phone.EventOnhook} {
		resp, err := http.Get(urls.url(c, kind))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	deadline := time.After(calls.OnhookGrace + 5*time.Second)
	for {
		select {
		case ch := <-changes:
			if ch.Call != nil && ch.Call.State == calls.Ended {
				if live.Tracker().Busy() {
					t.Fatal("still busy after the last call ended")
				}
				return
			}
		case <-deadline:
			t.Fatal("the call was never ended: Live's clock did not run while it was open")
		}
	}
}

// testService is a Service with the benchmarks' settings and no receiver
// token.
func testService(t *testing.T) (*Service, config.Config) {
	t.Helper()
	t.Setenv(ReceiverTokenEnv, "")
	cfg := benchConfig()
	s, err := New(cfg, func(string, string) (string, error) { return "pw", nil })
	if err != nil {
		t.Fatal(err)
	}
	return s, cfg
}

// After a restart mid-call the journal's open calls are taken up again:
// the phone's hang-up ends the call's own row (no second row), and a call
// left ringing long ago is closed as missed at its start instead of
// staying open for good. Another phone's open call is left alone.
func TestLiveRestoresOpenCalls(t *testing.T) {
	s, cfg := testService(t)
	ctx := context.Background()
	j := tempJournal(t)
	now := time.Now().Truncate(time.Millisecond)
	talking := &calls.Call{Key: "id:41", CallID: "41", Phone: cfg.Phone.URL, Direction: calls.Incoming,
		State: calls.Connected, Remote: "0301234", Start: now.Add(-2 * time.Minute), Answer: now.Add(-time.Minute)}
	stale := &calls.Call{Key: "id:40", CallID: "40", Phone: cfg.Phone.URL, Direction: calls.Incoming,
		State: calls.Ringing, Remote: "0301235", Start: now.Add(-3 * time.Hour)}
	other := &calls.Call{Key: "id:41", CallID: "41", Phone: "http://192.0.2.99", Direction: calls.Incoming,
		State: calls.Connected, Remote: "0301236", Start: now.Add(-time.Minute)}
	for _, c := range []*calls.Call{talking, stale, other} {
		if err := j.Save(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	var opened open.Recorder
	acts, err := actions.New([]actions.Action{{On: []string{"missed", "disconnected"}, Open: "https://crm.example/{event}/{number}"}},
		opened.Open, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	changes := make(chan calls.Change, 16)
	live, err := s.StartLive(ctx, LiveOptions{Journal: j, Actions: acts, Logger: slog.New(slog.DiscardHandler),
		OnChange: func(ch calls.Change) { changes <- ch }, OnError: func(err error) { t.Error(err) }})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	go live.Run(ctx)
	base, err := live.BaseURL()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(newPhoneURLs(base).url(benchCall{vendor: phone.Snom, id: "41", remote: "0301234"}, phone.EventDisconnected))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ended := map[int64]calls.Call{}
	for deadline := time.After(20 * time.Second); len(ended) < 2; {
		select {
		case ch := <-changes:
			if ch.Call != nil && ch.Call.State.Final() {
				ended[ch.Call.ID] = *ch.Call
			}
		case <-deadline:
			t.Fatalf("ended so far: %+v", ended)
		}
	}
	if c, ok := ended[talking.ID]; !ok || c.State != calls.Ended || !c.Answer.Equal(talking.Answer) {
		t.Errorf("the hang-up did not end the restored call's row: %+v", ended)
	}
	if c, ok := ended[stale.ID]; !ok || c.State != calls.Missed || !c.End.Equal(stale.Start) {
		t.Errorf("the stale ringing call was not closed as missed at its start: %+v", ended)
	}
	// The hang-up happens now and fires its action; the call missed while
	// deskcti was away fires none, hours late.
	acts.Wait()
	if got := opened.URLs(); len(got) != 1 || !strings.Contains(got[0], "/disconnected/") {
		t.Errorf("actions opened %q, want only the hang-up's", got)
	}
	all, err := j.List(ctx, journal.Query{})
	if err != nil || len(all) != 3 {
		t.Fatalf("journal has %d rows (%v), want the 3 saved: no new row for the hang-up", len(all), err)
	}
	for _, c := range all {
		if c.ID == other.ID && c.State != calls.Connected {
			t.Errorf("another phone's call was touched: %+v", c)
		}
	}
}
