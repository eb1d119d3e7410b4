package contacts_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"deskcti/contacts"
	"deskcti/contacts/csv"
	"deskcti/contacts/number"
)

var million = 1_000_000

// writeMillion generates an Outlook-style German CSV export of n contacts
// with two numbers each, written differently as people do.
func writeMillion(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "million.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("Vorname;Nachname;Firma;Telefon geschäftlich;Mobiltelefon\r\n")
	for i := range n {
		fmt.Fprintf(w, "Jürgen;Müller-%d;Bäckerei %d GmbH;0%d / %d-%d;+49 17%d %07d\r\n",
			i, i%50000, 221+i%700, 100000+i%900000, i%100, i%10, i)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkMillionContactsCSV loads a generated 1,000,000-contact CSV into
// the index and reports what a user with a huge address book pays:
// build-s (read, normalise, index), bytes/number (live heap of contacts and
// index over the numbers held) and lookup-ns (one reverse lookup, mixed
// hits and misses).
func BenchmarkMillionContactsCSV(b *testing.B) {
	path := writeMillion(b, million)
	home := number.Home{Country: "DE", AreaCode: "221"}
	src := csv.New(path, nil)
	var ix *contacts.Index
	var numbers int
	var build time.Duration
	var heap uint64
	for b.Loop() {
		ix = nil
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		cs, err := src.Load(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) != million {
			b.Fatalf("loaded %d contacts, want %d", len(cs), million)
		}
		contacts.Normalize(cs, home)
		ix = contacts.Build(cs, home, contacts.IndexOptions{})
		build = time.Since(start)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		numbers = 0
		for i := range cs {
			numbers += len(cs[i].Numbers)
		}
	}
	b.StopTimer()
	queries := []string{"+4917301234567", "0221 100123-23", "0049 225 100004-4", "+49 89 999999", "anonymous"}
	const lookups = 200_000
	hits := 0
	start := time.Now()
	for i := range lookups {
		if ix.Lookup(queries[i%len(queries)]).Match != contacts.MatchNone {
			hits++
		}
	}
	perLookup := time.Since(start) / lookups
	if hits == 0 {
		b.Fatal("no lookup found anybody: the generated numbers and the queries disagree")
	}
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(float64(heap)/float64(numbers), "bytes/number")
	b.ReportMetric(float64(perLookup.Nanoseconds()), "lookup-ns")
	runtime.KeepAlive(ix)
}

func init() {
	if v := os.Getenv("DESKCTI_BENCH_CONTACTS"); v != "" {
		fmt.Sscan(v, &million)
	}
}
