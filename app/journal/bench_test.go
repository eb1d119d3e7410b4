package journal

import (
	"context"
	"testing"

	"deskcti/app/calls"
)

// BenchmarkSave measures durable saves (one fsynced transaction each), as
// the tracker makes them: an insert for a new call.
func BenchmarkSave(b *testing.B) {
	j := openTemp(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		c := sample(n)
		n++
		if err := j.Save(ctx, &c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkSaveUpdate measures the tracker's common case: a state change of
// a call already saved.
func BenchmarkSaveUpdate(b *testing.B) {
	j := openTemp(b)
	ctx := context.Background()
	c := sample(1)
	if err := j.Save(ctx, &c); err != nil {
		b.Fatal(err)
	}
	states := []calls.State{calls.Connected, calls.Held}
	n := 0
	for b.Loop() {
		c.State = states[n%2]
		n++
		if err := j.Save(ctx, &c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkSaveAll measures what the app's journal writer does under
// load: the calls that arrived during the last write, 32 here, written in
// one transaction with one fsync.
func BenchmarkSaveAll(b *testing.B) {
	j := openTemp(b)
	ctx := context.Background()
	batch := make([]*calls.Call, 32)
	n := 0
	for b.Loop() {
		for i := range batch {
			c := sample(n)
			n++
			batch[i] = &c
		}
		if errs := j.SaveAll(ctx, batch); errs != nil {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkList queries a journal of 100k calls the way the journal window
// and `deskcti journal` do.
func BenchmarkList(b *testing.B) {
	j := openTemp(b)
	cs := make([]calls.Call, 100_000)
	for i := range cs {
		cs[i] = sample(i)
	}
	insertMany(b, j, cs)
	ctx := context.Background()
	for _, bm := range []struct {
		name string
		q    Query
	}{
		{"newest50", Query{Limit: 50}},
		{"page1000", Query{Limit: 50, Offset: 50_000}},
		{"lastWeek", Query{Since: cs[len(cs)-7*24*60].Start}},
		{"missed50", Query{Missed: true, Limit: 50}},
		{"text50", Query{Text: "öztürk 99", Limit: 50}},
		{"textNoMatch", Query{Text: "niemand"}},
		{"all", Query{}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				got, err := j.List(ctx, bm.q)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(got)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
