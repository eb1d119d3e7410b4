package journal

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"deskcti/app/calls"
)

// t0 is a fixed instant with milliseconds, so that the round trip shows
// they survive.
var t0 = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)

// openTemp opens a fresh journal in a temporary directory.
func openTemp(t testing.TB) *Journal {
	t.Helper()
	j, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := j.Close(); err != nil {
			t.Error(err)
		}
	})
	return j
}

// fullCall has every field set, umlauts included.
func fullCall() calls.Call {
	return calls.Call{
		Key: "id:3c2a@pbx", CallID: "3c2a@pbx", Phone: "192.0.2.10",
		Direction: calls.Incoming, State: calls.Connected,
		Remote: "0221123456", RemoteE164: "+49221123456", Display: "Müller, Änne",
		Contact: &calls.Contact{Name: "Änne Müller", Company: "Bäckerei Größe GmbH",
			Source: "vcard:/home/u/Adreßbuch.vcf", Match: "head", Extension: "17"},
		Start: t0, Answer: t0.Add(7 * time.Second), End: t0.Add(3 * time.Minute),
		TransferredTo: "201", Note: "Rückruf wegen Angebot ß",
	}
}

// sample makes a distinct, complete call for n: direction, state and
// contact vary with n, so that filters have something to tell apart.
func sample(n int) calls.Call {
	c := calls.Call{
		Key: fmt.Sprintf("id:%d", n), CallID: fmt.Sprint(n), Phone: "192.0.2.10",
		Direction: calls.Incoming, State: calls.Ended,
		Remote: fmt.Sprintf("0221%06d", n), RemoteE164: fmt.Sprintf("+49221%06d", n),
		Display: fmt.Sprintf("Anrufer %d", n),
		Start:   t0.Add(time.Duration(n) * time.Minute),
	}
	c.Answer = c.Start.Add(5 * time.Second)
	c.End = c.Answer.Add(time.Duration(n%300) * time.Second)
	if n%2 == 1 {
		c.Direction, c.State = calls.Outgoing, calls.Ended
	}
	if n%5 == 0 {
		c.State, c.Answer = calls.Missed, time.Time{}
	}
	if n%3 == 0 {
		c.Contact = &calls.Contact{Name: fmt.Sprintf("Jürgen Öztürk %d", n), Company: "Straßenbau AG",
			Source: "csv:/tmp/k.csv", Match: "exact"}
	}
	return c
}

// insertMany stores cs in one transaction, for tests and benchmarks that
// need many rows fast; it sets their IDs.
func insertMany(t testing.TB, j *Journal, cs []calls.Call) {
	t.Helper()
	ctx := context.Background()
	tx, err := j.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, insertSQL)
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	for i := range cs {
		res, err := stmt.ExecContext(ctx, append(values(&cs[i]), cs[i].Note)...)
		if err != nil {
			t.Fatal(err)
		}
		if cs[i].ID, err = res.LastInsertId(); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// sameCall fails unless got equals want, comparing times as instants (the
// journal returns them in time.Local).
func sameCall(t testing.TB, got, want calls.Call) {
	t.Helper()
	for _, p := range []*calls.Call{&got, &want} {
		p.Start, p.Answer, p.End = utc(p.Start), utc(p.Answer), utc(p.End)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("call differs:\n got %+v (contact %+v)\nwant %+v (contact %+v)", got, got.Contact, want, want.Contact)
	}
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// ids lists the IDs of cs in order.
func ids(cs []calls.Call) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
