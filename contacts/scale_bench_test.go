package contacts_test

import (
	"context"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
	"unsafe"

	"deskcti/contacts"
	"deskcti/contacts/csv"
	"deskcti/contacts/number"
)

// scaleHome is the user of the generated address book: in Köln.
var scaleHome = number.Home{Country: "DE", AreaCode: "221"}

// scaleFiles caches the generated files by size for the life of the test
// process: `go test -count N` calls the benchmark N times, and writing a
// million rows takes longer than reading them. TestMain removes them.
var scaleFiles struct {
	sync.Mutex
	paths map[int]string
}

func scaleFile(b *testing.B, n int) string {
	b.Helper()
	scaleFiles.Lock()
	defer scaleFiles.Unlock()
	if p, ok := scaleFiles.paths[n]; ok {
		return p
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("deskcti-scale-%d-%d.csv", os.Getpid(), n))
	if err := writeScaleCSV(path, n); err != nil {
		os.Remove(path)
		b.Fatalf("generate %d contacts: %v", n, err)
	}
	if scaleFiles.paths == nil {
		scaleFiles.paths = map[int]string{}
	}
	scaleFiles.paths[n] = path
	return path
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range scaleFiles.paths {
		os.Remove(p)
	}
	os.Exit(code)
}

// BenchmarkLookupScale is figure 4 of issue 8: reverse lookup over a
// generated German Outlook export of 10 k, 100 k and 1 M contacts (two
// numbers each). One iteration is one sample of every metric:
//
//   - csv-read-s: encoding/csv alone reading every record of the file, the
//     baseline; build-s: what deskcti does with the same file before it can
//     answer a call, a contacts.Book's Reload with the file as its csv
//     source (LoadNormalized, Build, with garbage collections
//     held off), measured right after it; build-ratio = build-s /
//     csv-read-s. gc-after-s is the collection held off, timed once the
//     index is built (it runs concurrently in the app).
//   - bytes/number: the live heap the contacts and the index take, minus
//     the text of their strings (see stringBytes), per number.
//   - p50-ns, p99-ns: single lookups, each timed on its own, of a mix of
//     exact hits in the forms phones send, company head numbers with an
//     extension, unknown numbers and withheld or garbage callers.
//   - scan-ns: the median time a plain linear scan comparing E.164 strings
//     takes for the same queries; scan-ratio = scan-ns / p50-ns.
func BenchmarkLookupScale(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"n=10k", 10_000}, {"n=100k", 100_000}, {"n=1M", 1_000_000}} {
		b.Run(size.name, func(b *testing.B) {
			path := scaleFile(b, size.n)
			warmUp(scaleQueries(size.n, 5000))
			for b.Loop() {
				measureScale(b, path, size.n)
			}
		})
	}
}

// warmUp parses a sample of the queries, so that what phonenumbers (and
// deskcti's number package) build on first use is not counted as the
// index's heap or as its first lookups' latency.
func warmUp(qs []scaleQuery) {
	for _, q := range qs {
		_, _ = number.Parse(q.raw, scaleHome)
	}
	for i := range 5000 {
		r := genRow(i)
		_, _ = number.Parse(r.work, scaleHome)
		_, _ = number.Parse(r.mobile, scaleHome)
	}
}

func measureScale(b *testing.B, path string, n int) {
	// The baseline first, then deskcti on the same (now cached) file.
	runtime.GC()
	start := time.Now()
	rows, err := plainCSVRead(path)
	csvRead := time.Since(start)
	if err != nil {
		b.Fatalf("encoding/csv: %v", err)
	}
	if rows != n+1 {
		b.Fatalf("encoding/csv read %d records, want %d", rows, n+1)
	}

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	book := contacts.NewBook(scaleHome, []contacts.Source{csv.New(path, nil)}, nil,
		contacts.BookOptions{Logger: slog.New(slog.DiscardHandler)})
	start = time.Now()
	if err := book.Reload(context.Background()); err != nil {
		b.Fatalf("load: %v", err)
	}
	ix := book.Index()
	build := time.Since(start)
	// Build leaves the name search to a goroutine: weigh it too.
	ix.WaitWords()
	start = time.Now()
	runtime.GC()
	gcAfter := time.Since(start)
	runtime.ReadMemStats(&after)
	if ix.Len() != n {
		b.Fatalf("indexed %d contacts, want %d", ix.Len(), n)
	}
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	numbers := 0
	for _, c := range ix.Contacts() {
		numbers += len(c.Numbers)
	}
	text := stringBytes(ix.Contacts())

	// Made only now, so that neither reading weighs them in the heap.
	queries := scaleQueries(n, 200_000)
	durs := make([]time.Duration, len(queries))
	for k, q := range queries {
		t0 := time.Now()
		r := ix.Lookup(q.raw)
		durs[k] = time.Since(t0)
		if err := q.check(r); err != nil {
			b.Fatalf("lookup %d: %v", k, err)
		}
	}
	p50, p99 := percentile(durs, 0.50), percentile(durs, 0.99)

	// A scan costs milliseconds at a million contacts: time a spread of
	// the same queries, not all of them.
	const scans = 101
	scanDurs := make([]time.Duration, 0, scans)
	for k := range scans {
		q := queries[k*len(queries)/scans]
		t0 := time.Now()
		c := linearScan(ix.Contacts(), q.raw)
		scanDurs = append(scanDurs, time.Since(t0))
		if q.match == contacts.MatchExact && (c == nil || c.ID != q.id) {
			b.Fatalf("linear scan for %q found %v, want %s", q.raw, c, q.id)
		}
	}
	scan := percentile(scanDurs, 0.50)

	b.ReportMetric(csvRead.Seconds(), "csv-read-s")
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(build.Seconds()/csvRead.Seconds(), "build-ratio")
	b.ReportMetric(gcAfter.Seconds(), "gc-after-s")
	b.ReportMetric(float64(heap-text)/float64(numbers), "bytes/number")
	b.ReportMetric(float64(p50.Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(p99.Nanoseconds()), "p99-ns")
	b.ReportMetric(float64(scan.Nanoseconds()), "scan-ns")
	b.ReportMetric(float64(scan)/float64(p50), "scan-ratio")
	runtime.KeepAlive(ix)
	runtime.KeepAlive(book)
}

// plainCSVRead is the baseline: encoding/csv reading every record of the
// file with the same delimiter, reusing its record as a streaming reader
// does; it returns the number of records.
func plainCSVRead(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := stdcsv.NewReader(f)
	r.Comma = ';'
	r.ReuseRecord = true
	rows := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows++
	}
}

// linearScan is what the index is compared with: parse the caller's
// number, then compare its E.164 form with every stored one.
func linearScan(cs []contacts.Contact, raw string) *contacts.Contact {
	p, err := number.Parse(raw, scaleHome)
	if err != nil {
		return nil
	}
	for i := range cs {
		for j := range cs[i].Numbers {
			if cs[i].Numbers[j].E164 == p.E164 {
				return &cs[i]
			}
		}
	}
	return nil
}

// percentile returns the q-quantile of ds (which it sorts): the value at
// rank ceil(q*n).
func percentile(ds []time.Duration, q float64) time.Duration {
	slices.Sort(ds)
	k := int(math.Ceil(q*float64(len(ds)))) - 1
	return ds[max(k, 0)]
}

// stringBytes is the text held by the strings of cs, which bytes/number
// leaves out: the bytes of every string a Contact or one of its Numbers
// holds (Name, Company, ID, Source, OpenURI, and each number's Raw and
// E164; Kind is a constant). Each byte of memory is counted once, so that
// a string two fields share (Raw and E164 of a number stored in E.164
// form, Source and OpenURI shared by every contact of a file, anything
// interned) is not subtracted twice. What the index derives from them
// (folded search words, packed keys) is not text of the contacts and
// counts as index.
func stringBytes(cs []contacts.Contact) int64 {
	type span struct{ lo, hi uintptr }
	spans := make([]span, 0, len(cs)*7)
	add := func(s string) {
		if s != "" {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			spans = append(spans, span{p, p + uintptr(len(s))})
		}
	}
	for i := range cs {
		c := &cs[i]
		add(c.Name)
		add(c.Company)
		add(c.ID)
		add(c.Source)
		add(c.OpenURI)
		for j := range c.Numbers {
			add(c.Numbers[j].Raw)
			add(c.Numbers[j].E164)
		}
	}
	slices.SortFunc(spans, func(a, b span) int {
		switch {
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	var total int64
	var end uintptr
	for _, s := range spans {
		lo := max(s.lo, end)
		if s.hi > lo {
			total += int64(s.hi - lo)
			end = s.hi
		}
	}
	return total
}

// scaleQuery is one lookup and what it must find.
type scaleQuery struct {
	raw   string
	match contacts.MatchKind
	id    string // the contact's ID ("row 5") for a hit
	ext   string // the extension for a head match
}

func (q scaleQuery) check(r contacts.Result) error {
	if r.Match != q.match {
		return fmt.Errorf("%q matched %s (%+v), want %s", q.raw, r.Match, r.Contact, q.match)
	}
	if q.match == contacts.MatchNone {
		return nil
	}
	if r.Contact == nil || r.Contact.ID != q.id || r.Extension != q.ext {
		return fmt.Errorf("%q found %+v ext %q, want %s ext %q", q.raw, r.Contact, r.Extension, q.id, q.ext)
	}
	return nil
}

// scaleQueries makes count lookups over n generated contacts: 40 % a
// business number and 20 % a mobile number in one of the forms phones
// report ("+49…", "0221…", "sip:…@pbx"), 15 % a company's head number with
// an extension nobody has, 15 % numbers nobody has, 10 % withheld callers
// and garbage.
func scaleQueries(n, count int) []scaleQuery {
	garbage := []string{"anonymous", "", "unknown", "sip:anonymous@anonymous.invalid", "Unterdrückt",
		"23", "112", "+", "**21#", "<unknown>"}
	qs := make([]scaleQuery, 0, count)
	for k := 0; len(qs) < count; k++ {
		h := mix(k + 1<<40)
		j := int((h >> 8) % uint64(n))
		row := func(i int) string { return "row " + strconv.Itoa(i+2) }
		form := func(national string) string {
			switch (h >> 3) % 5 {
			case 0:
				return "+49" + national
			case 1:
				return "0049" + national
			case 2:
				return "sip:0" + national + "@pbx.example"
			case 3:
				return "sip:+49" + national + "@10.0.0.1;user=phone"
			}
			return "0" + national
		}
		switch p := h % 100; {
		case p < 40:
			r := genRow(j)
			if r.workE164 == "" {
				continue
			}
			qs = append(qs, scaleQuery{raw: form(r.workE164[3:]), match: contacts.MatchExact, id: row(j)})
		case p < 60:
			r := genRow(j)
			if r.mobileE164 == "" {
				continue
			}
			qs = append(qs, scaleQuery{raw: form(r.mobileE164[3:]), match: contacts.MatchExact, id: row(j)})
		case p < 75:
			head := j / perCompany * perCompany
			r := genRow(head)
			ext := [...]string{"7", "99", "305"}[(h>>20)%3]
			qs = append(qs, scaleQuery{raw: form(r.area + r.head + ext), match: contacts.MatchHead, id: row(head), ext: ext})
		case p < 90:
			// Head numbers start with 1: a 9 there is nobody's.
			area := scaleAreas[j%len(scaleAreas)]
			qs = append(qs, scaleQuery{raw: form(area + strconv.Itoa(90000+j%10000) + strconv.Itoa(10+j%90)), match: contacts.MatchNone})
		default:
			qs = append(qs, scaleQuery{raw: garbage[j%len(garbage)], match: contacts.MatchNone})
		}
	}
	return qs
}
