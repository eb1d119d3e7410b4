package journal

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"deskcti/app/calls"
)

func TestRoundTripEveryField(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	want := fullCall()
	c := want
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 {
		t.Fatal("Save did not set the ID")
	}
	want.ID = c.ID
	got, err := j.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameCall(t, got, want)
	if ms := got.Start.Nanosecond() / 1e6; ms != 589 {
		t.Errorf("milliseconds lost: %d", ms)
	}
}

func TestRoundTripNilContactAndZeroTimes(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	c := calls.Call{Key: "remote:anonymous", Phone: "p", Direction: calls.Incoming, State: calls.Ringing,
		Remote: "anonymous", Start: t0}
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := j.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Contact != nil {
		t.Errorf("nil contact came back as %+v", got.Contact)
	}
	if !got.Answer.IsZero() || !got.End.IsZero() {
		t.Errorf("zero times came back as %v, %v", got.Answer, got.End)
	}
	sameCall(t, got, c)

	// An empty but present contact stays present.
	c2 := calls.Call{Direction: calls.Outgoing, State: calls.Dialing, Contact: &calls.Contact{}}
	if err := j.Save(ctx, &c2); err != nil {
		t.Fatal(err)
	}
	if got, err := j.Get(ctx, c2.ID); err != nil || got.Contact == nil || *got.Contact != (calls.Contact{}) {
		t.Errorf("empty contact: %+v, %v", got.Contact, err)
	}
}

func TestUpdate(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	c := calls.Call{Key: "id:1", Phone: "p", Direction: calls.Incoming, State: calls.Ringing,
		Remote: "0221", Start: t0}
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	id := c.ID
	c.State, c.Answer = calls.Connected, t0.Add(time.Second)
	c.Contact = &calls.Contact{Name: "Ölaf"}
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	c.State, c.End, c.TransferredTo, c.Contact = calls.Ended, t0.Add(time.Minute), "202", nil
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != id {
		t.Fatalf("update changed the ID from %d to %d", id, c.ID)
	}
	got, err := j.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sameCall(t, got, c)
	if all, _ := j.List(ctx, Query{}); len(all) != 1 {
		t.Errorf("updates made %d rows", len(all))
	}
	// The columns the indices hold change rarely (the tracker renames a
	// call without a call id), but they do change.
	c.Key, c.CallID, c.Phone, c.Start = "remote:0221#1", "x", "q", t0.Add(-time.Second)
	c.State, c.End = calls.Held, time.Time{}
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, err := j.Get(ctx, id); err != nil {
		t.Fatal(err)
	} else {
		sameCall(t, got, c)
	}
	if got, ok, err := j.FindOpen(ctx, "q", "remote:0221#1"); err != nil || !ok || got.ID != id {
		t.Errorf("FindOpen by the new key: %+v, %v, %v", got, ok, err)
	}
}

func TestSaveKeepsUserNote(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	tracker := calls.Call{Direction: calls.Incoming, State: calls.Ringing, Start: t0, Note: "beim Anlegen"}
	if err := j.Save(ctx, &tracker); err != nil {
		t.Fatal(err)
	}
	if got, _ := j.Get(ctx, tracker.ID); got.Note != "beim Anlegen" {
		t.Errorf("insert dropped the note: %q", got.Note)
	}
	// The user types a note while the tracker holds its own copy.
	if err := j.SetNote(ctx, tracker.ID, "Kunde möchte Rückruf"); err != nil {
		t.Fatal(err)
	}
	tracker.State = calls.Connected
	if err := j.Save(ctx, &tracker); err != nil {
		t.Fatal(err)
	}
	if tracker.Note != "Kunde möchte Rückruf" {
		t.Errorf("Save did not copy the stored note into the call: %q", tracker.Note)
	}
	got, _ := j.Get(ctx, tracker.ID)
	if got.Note != "Kunde möchte Rückruf" || got.State != calls.Connected {
		t.Errorf("after update: note %q, state %q", got.Note, got.State)
	}
}

func TestSaveErrors(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	if err := j.Save(ctx, nil); err == nil {
		t.Error("nil call saved")
	}
	for _, c := range []calls.Call{
		{Direction: "sideways", State: calls.Ended},
		{Direction: calls.Incoming, State: "exploded"},
	} {
		if err := j.Save(ctx, &c); err == nil {
			t.Errorf("%+v saved", c)
		}
	}
	gone := calls.Call{ID: 4711, Direction: calls.Incoming, State: calls.Ended}
	if err := j.Save(ctx, &gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of a missing call: %v, want ErrNotFound", err)
	}
	if _, err := j.Get(ctx, 4711); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a missing call: %v", err)
	}
}

// SaveAll writes a batch in one transaction; a call that cannot be
// written is reported and the others are still kept.
func TestSaveAll(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	old := sample(1)
	if err := j.Save(ctx, &old); err != nil {
		t.Fatal(err)
	}
	if err := j.SetNote(ctx, old.ID, "zurückrufen"); err != nil {
		t.Fatal(err)
	}
	old.State = calls.Missed
	fresh, other := sample(2), sample(3)
	gone := calls.Call{ID: 4711, Direction: calls.Incoming, State: calls.Ended}
	bad := calls.Call{Direction: "sideways", State: calls.Ended}
	errs := j.SaveAll(ctx, []*calls.Call{&fresh, &gone, &old, nil, &bad, &other})
	if len(errs) != 6 || errs[0] != nil || !errors.Is(errs[1], ErrNotFound) || errs[2] != nil ||
		errs[3] == nil || errs[4] == nil || errs[5] != nil {
		t.Fatalf("errors %v", errs)
	}
	if fresh.ID == 0 || other.ID == 0 || fresh.ID == other.ID || gone.ID != 4711 || bad.ID != 0 {
		t.Fatalf("ids: fresh %d, other %d, gone %d, bad %d", fresh.ID, other.ID, gone.ID, bad.ID)
	}
	if old.Note != "zurückrufen" {
		t.Errorf("update did not bring back the stored note: %q", old.Note)
	}
	for _, want := range []calls.Call{fresh, old, other} {
		got, err := j.Get(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameCall(t, got, want)
	}
	if all, err := j.List(ctx, Query{}); err != nil || len(all) != 3 {
		t.Fatalf("journal holds %d calls (%v), want 3", len(all), err)
	}
	if errs := j.SaveAll(ctx, []*calls.Call{&fresh, &other}); errs != nil {
		t.Fatalf("all written, yet errors %v", errs)
	}
}

func TestListFilters(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	cs := make([]calls.Call, 30)
	for i := range cs {
		cs[i] = sample(i)
	}
	cs[7].Display = "Grüße aus Köln"
	cs[8].Remote, cs[8].RemoteE164 = "0221 / 98 76-5", ""
	insertMany(t, j, cs)

	// byStart are the IDs matching keep, newest first (sample's start
	// times grow with n).
	byStart := func(keep func(calls.Call) bool) []int64 {
		var out []int64
		for i := len(cs) - 1; i >= 0; i-- {
			if keep(cs[i]) {
				out = append(out, cs[i].ID)
			}
		}
		return out
	}
	all := func(calls.Call) bool { return true }
	tests := []struct {
		name string
		q    Query
		want []int64
	}{
		{"all newest first", Query{}, byStart(all)},
		{"since inclusive, until exclusive", Query{Since: cs[10].Start, Until: cs[13].Start},
			[]int64{cs[12].ID, cs[11].ID, cs[10].ID}},
		{"missed", Query{Missed: true}, byStart(func(c calls.Call) bool { return c.State == calls.Missed })},
		{"outgoing", Query{Direction: calls.Outgoing}, byStart(func(c calls.Call) bool { return c.Direction == calls.Outgoing })},
		{"incoming missed", Query{Direction: calls.Incoming, Missed: true},
			byStart(func(c calls.Call) bool { return c.Direction == calls.Incoming && c.State == calls.Missed })},
		{"name ignores case, umlauts too", Query{Text: "ÖZTÜRK 2"}, []int64{cs[27].ID, cs[24].ID, cs[21].ID}},
		{"company", Query{Text: "straßenbau", Limit: 2}, []int64{cs[27].ID, cs[24].ID}},
		{"display", Query{Text: "grüße"}, []int64{cs[7].ID}},
		{"number part", Query{Text: "221000012"}, []int64{cs[12].ID}},
		{"number with punctuation", Query{Text: "98765"}, nil},
		{"punctuated needle", Query{Text: "(0221) 000-013"}, []int64{cs[13].ID}},
		{"punctuated needle, stored punctuated", Query{Text: "0221 / 98 76-5"}, []int64{cs[8].ID}},
		{"nothing", Query{Text: "niemand"}, nil},
		{"paging", Query{Limit: 3, Offset: 2}, byStart(all)[2:5]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := j.List(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
		})
	}
	for _, q := range []Query{{Limit: -1}, {Offset: -1}, {Direction: "up"}} {
		if _, err := j.List(ctx, q); err == nil {
			t.Errorf("%+v accepted", q)
		}
	}
}

func TestListReturnsFullCalls(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	want := fullCall()
	if err := j.Save(ctx, &want); err != nil {
		t.Fatal(err)
	}
	got, err := j.List(ctx, Query{Text: "änne"})
	if err != nil || len(got) != 1 {
		t.Fatalf("List: %v, %v", got, err)
	}
	sameCall(t, got[0], want)
}

func TestSetNote(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	c := fullCall()
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, note := range []string{"zweite Notiz; mit \"Zeichen\"\nund Zeile", ""} {
		if err := j.SetNote(ctx, c.ID, note); err != nil {
			t.Fatal(err)
		}
		got, err := j.Get(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.Note = note
		sameCall(t, got, c)
	}
	if err := j.SetNote(ctx, c.ID+1, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("note on a missing call: %v", err)
	}
}

func TestDelete(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	cs := []calls.Call{sample(1), sample(2), sample(3), sample(4)}
	insertMany(t, j, cs)
	if err := j.Delete(ctx, cs[0].ID, cs[2].ID, 999); err != nil {
		t.Fatal(err)
	}
	if err := j.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := j.List(ctx, Query{})
	if want := []int64{cs[3].ID, cs[1].ID}; !slices.Equal(ids(got), want) {
		t.Errorf("left %v, want %v", ids(got), want)
	}
	if _, err := j.Get(ctx, cs[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted call: %v", err)
	}
	// IDs are not reused, even for the highest one deleted.
	if err := j.Delete(ctx, cs[3].ID); err != nil {
		t.Fatal(err)
	}
	c := sample(5)
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.ID <= cs[3].ID {
		t.Errorf("new call got ID %d, reusing deleted %d", c.ID, cs[3].ID)
	}
}

func TestPrune(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	cs := []calls.Call{sample(0), sample(1), sample(2), sample(3)}
	cs = append(cs, calls.Call{Direction: calls.Incoming, State: calls.Ended}) // no start: kept
	insertMany(t, j, cs)
	n, err := j.Prune(ctx, cs[2].Start)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("pruned %d, want 2", n)
	}
	got, _ := j.List(ctx, Query{})
	if want := []int64{cs[3].ID, cs[2].ID, cs[4].ID}; !slices.Equal(ids(got), want) {
		t.Errorf("left %v, want %v", ids(got), want)
	}
	if n, err := j.Prune(ctx, cs[2].Start); err != nil || n != 0 {
		t.Errorf("second prune: %d, %v", n, err)
	}
}

func TestFindOpen(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	mk := func(phone, key string, state calls.State, start time.Time) calls.Call {
		return calls.Call{Key: key, Phone: phone, Direction: calls.Incoming, State: state, Start: start}
	}
	cs := []calls.Call{
		mk("A", "id:1", calls.Connected, t0),                   // older open one
		mk("A", "id:1", calls.Held, t0.Add(time.Minute)),       // the latest open: wanted
		mk("A", "id:1", calls.Ended, t0.Add(2*time.Minute)),    // newer, but over
		mk("B", "id:1", calls.Ringing, t0.Add(3*time.Minute)),  // other phone
		mk("A", "id:2", calls.Dialing, t0.Add(4*time.Minute)),  // other key
		mk("A", "id:3", calls.Missed, t0.Add(5*time.Minute)),   // final
		mk("A", "id:4", calls.Rejected, t0.Add(5*time.Minute)), // final
	}
	insertMany(t, j, cs)
	got, ok, err := j.FindOpen(ctx, "A", "id:1")
	if err != nil || !ok {
		t.Fatalf("FindOpen: %v, %v", ok, err)
	}
	sameCall(t, got, cs[1])
	for _, k := range []struct{ phone, key string }{{"A", "id:3"}, {"A", "id:4"}, {"C", "id:1"}, {"A", "id:9"}} {
		if _, ok, err := j.FindOpen(ctx, k.phone, k.key); ok || err != nil {
			t.Errorf("FindOpen(%q, %q) = %v, %v; want nothing", k.phone, k.key, ok, err)
		}
	}
}

func TestOpenCalls(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	mk := func(key string, state calls.State, start time.Time) calls.Call {
		return calls.Call{Key: key, Phone: "A", Direction: calls.Incoming, State: state, Start: start}
	}
	cs := []calls.Call{
		mk("id:1", calls.Connected, t0),
		mk("id:2", calls.Ended, t0.Add(time.Minute)),
		mk("id:3", calls.Ringing, t0.Add(2*time.Minute)),
		mk("id:4", calls.Missed, t0.Add(3*time.Minute)),
		mk("id:5", calls.Held, t0.Add(4*time.Minute)),
		mk("id:6", calls.Rejected, t0.Add(5*time.Minute)),
	}
	insertMany(t, j, cs)
	got, err := j.OpenCalls(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range got {
		keys = append(keys, c.Key)
	}
	if want := []string{"id:5", "id:3", "id:1"}; !slices.Equal(keys, want) {
		t.Fatalf("open calls %q, want %q (newest first, none over)", keys, want)
	}
	sameCall(t, got[0], cs[4])
	if got, err := j.OpenCalls(ctx, 2); err != nil || len(got) != 2 || got[1].Key != "id:3" {
		t.Fatalf("OpenCalls(2) = %v, %v", got, err)
	}
}

func TestConcurrentSaves(t *testing.T) {
	j := openTemp(t)
	ctx := context.Background()
	const writers, each = 8, 12
	var wg sync.WaitGroup
	errs := make(chan error, writers*each+writers)
	idsCh := make(chan int64, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				c := sample(w*each + i)
				c.State = calls.Ringing
				if err := j.Save(ctx, &c); err != nil {
					errs <- err
					return
				}
				c.State = calls.Ended
				if err := j.Save(ctx, &c); err != nil {
					errs <- err
					return
				}
				idsCh <- c.ID
			}
		})
		// A reader alongside every writer: WAL lets them run together.
		wg.Go(func() {
			for range each {
				if _, err := j.List(ctx, Query{Limit: 20, Text: "anrufer"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	close(idsCh)
	for err := range errs {
		t.Error(err)
	}
	seen := map[int64]bool{}
	for id := range idsCh {
		if seen[id] {
			t.Errorf("ID %d handed out twice", id)
		}
		seen[id] = true
	}
	all, err := j.List(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != writers*each || len(seen) != writers*each {
		t.Errorf("%d rows, %d IDs; want %d", len(all), len(seen), writers*each)
	}
	for _, c := range all {
		if c.State != calls.Ended || !seen[c.ID] {
			t.Errorf("call %d: state %s, saved by a writer: %v", c.ID, c.State, seen[c.ID])
		}
	}
}

func TestContextCancelled(t *testing.T) {
	j := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := sample(1)
	if err := j.Save(ctx, &c); err == nil {
		t.Error("Save with a cancelled context succeeded")
	}
	if c.ID != 0 {
		t.Errorf("failed Save set ID %d", c.ID)
	}
	if _, err := j.List(ctx, Query{}); err == nil {
		t.Error("List with a cancelled context succeeded")
	}
	if got, _ := j.List(context.Background(), Query{}); len(got) != 0 {
		t.Errorf("cancelled Save left %v", fmt.Sprint(ids(got)))
	}
}
