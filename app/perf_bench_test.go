package app

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"deskcti/app/calls"
	"deskcti/phone"
	"deskcti/phone/receiver"
)

// Figures 1 and 2 of issue 8 (docs/performance.md): the receiver's
// throughput with lookup and journal on against a bare net/http handler,
// and how soon an event becomes a call with its contact.
//
// The receiver limits every sending address to 50 requests a second
// (burst 100) and 32 open connections (phone/receiver, both per peer
// address). A phone sends 2-5 events per call, so no phone comes near the
// rate; but a load generator is one address sending thousands a second,
// and with the default it would measure how fast deskcti answers 429. The
// benchmarks therefore raise the rate limit (LiveOptions.RatePerPeer) so
// high that it never refuses, while its bookkeeping still runs on every
// request; everything else is the user's configuration: access lists with
// the phone's address, the path token, the connection limit (the load
// stays below 32 connections), size limits and timeouts.
const benchRate = 1e9

// throughputContacts is the address book size for figure 1; a lookup
// hardly depends on it (figure 2 uses 1 M).
const throughputContacts = 100_000

// loadWorkers is how many requests are in flight at once: enough to keep
// both cores of the reference machine busy, below the receiver's 32
// connections per address.
const loadWorkers = 12

// loadSlice is how long one side is loaded before the other takes over.
// Short alternating slices let whatever else runs on the machine weigh on
// both sides alike; two 10 s runs one after the other compare two
// different machines whenever a background job starts or ends between
// them. deskcti's journal writes for the last moments of its slice spill
// into the bare one: a percent or so, in deskcti's favour.
const loadSlice = 250 * time.Millisecond

// BenchmarkReceiverThroughput is figure 1: a Go load generator, loadWorkers
// phones in a loop, sends snom and Yealink Action-URL requests (ringing
// with number and display name, off hook, answered, hung up, on hook,
// missed, outgoing; many call ids and numbers, 4 in 5 found in the address
// book) over keep-alive connections to the live pipeline with lookup and
// journal, and the same load to a bare net/http handler that answers 200:
// 10 s each (DESKCTI_BENCH_LOAD_SECONDS), in alternating slices of a
// quarter second. req/s counts 200 answers from deskcti; errors counts
// every other answer and failed request.
func BenchmarkReceiverThroughput(b *testing.B) {
	secs := benchEnvInt(b, "DESKCTI_BENCH_LOAD_SECONDS", 10)
	book := benchBook(b, throughputContacts)
	var ours, bare loadResult
	for b.Loop() {
		// The app always has a listener (the UI, `deskcti serve`); this
		// one only counts, so that the changes' ordering is part of the
		// measurement and the UI's own work is not.
		var changes atomic.Int64
		bl := startBenchLive(b, book, benchRate, func(calls.Change) { changes.Add(1) })
		base, finish := bl.serve(b)
		bareBase, stop := startBare(b, base)
		ol, bload := newLoad(base), newLoad(bareBase)
		for i := range secs * int(time.Second/loadSlice) {
			if i%2 == 0 {
				ol.run(loadSlice)
				bload.run(loadSlice)
			} else {
				bload.run(loadSlice)
				ol.run(loadSlice)
			}
		}
		ours, bare = ol.close(), bload.close()
		stop()
		finish()
		kept := bl.journalCalls(b)
		b.Logf("deskcti: %s; %d calls sent, %d in the journal", ours, ours.calls, kept)
		b.Logf("bare:    %s", bare)
		if kept == 0 {
			b.Fatal("the journal recorded no calls")
		}
		if n := changes.Load(); n != int64(ours.ok) {
			b.Fatalf("%d events accepted, %d changes announced", ours.ok, n)
		}
		if bare.failed > 0 {
			b.Fatalf("bare net/http: %d failed requests, first: %s", bare.failed, bare.firstErr)
		}
	}
	b.ReportMetric(ours.perSecond(), "req/s")
	b.ReportMetric(bare.perSecond(), "bare-req/s")
	b.ReportMetric(ours.perSecond()/bare.perSecond(), "ratio")
	b.ReportMetric(float64(ours.failed), "errors")
}

// loadResult is what a load achieved.
type loadResult struct {
	ok, failed, calls int
	elapsed           time.Duration
	cpu               time.Duration // the process's CPU time meanwhile
	firstErr          string
}

func (r loadResult) perSecond() float64 { return float64(r.ok) / r.elapsed.Seconds() }

// String says what the load cost, for the benchmark's log: CPU per
// request tells a slow server from a busy machine.
func (r loadResult) String() string {
	s := fmt.Sprintf("%.0f req/s, %d failed, %v CPU per request", r.perSecond(), r.failed,
		(r.cpu / time.Duration(max(1, r.ok+r.failed))).Round(time.Microsecond))
	if r.firstErr != "" {
		s += ", first error: " + r.firstErr
	}
	return s
}

// load is loadWorkers phones in a loop against one server; each worker
// keeps its calls and connection from slice to slice.
type load struct {
	client  *http.Client
	workers []*loadWorker
	total   loadResult
}

type loadWorker struct {
	urls *phoneURLs
	rng  *rand.Rand
	w, k int // worker number, next call
	res  loadResult
}

func newLoad(base string) *load {
	tr := &http.Transport{MaxIdleConnsPerHost: loadWorkers, MaxConnsPerHost: loadWorkers, DisableCompression: true}
	l := &load{client: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
	for w := range loadWorkers {
		l.workers = append(l.workers, &loadWorker{urls: newPhoneURLs(base), rng: rand.New(rand.NewPCG(uint64(w), 8)), w: w})
	}
	return l
}

// run loads the server for about d; a call under way is finished.
func (l *load) run(d time.Duration) {
	cpu0 := processCPU()
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for _, lw := range l.workers {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				c, kinds := loadCall(lw.rng, lw.w, lw.k)
				lw.k++
				lw.res.calls++
				for _, kind := range kinds {
					if err := get(l.client, lw.urls.url(c, kind)); err != nil {
						lw.res.failed++
						if lw.res.firstErr == "" {
							lw.res.firstErr = err.Error()
						}
						continue
					}
					lw.res.ok++
				}
			}
		})
	}
	wg.Wait()
	l.total.elapsed += time.Since(start)
	l.total.cpu += processCPU() - cpu0
}

// close ends the load and sums up.
func (l *load) close() loadResult {
	l.client.Transport.(*http.Transport).CloseIdleConnections()
	t := l.total
	for _, lw := range l.workers {
		t.ok, t.failed, t.calls = t.ok+lw.res.ok, t.failed+lw.res.failed, t.calls+lw.res.calls
		if t.firstErr == "" {
			t.firstErr = lw.res.firstErr
		}
	}
	return t
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadCall makes call k of worker w: who calls, and the events the phone
// sends for it.
func loadCall(rng *rand.Rand, w, k int) (benchCall, []phone.EventKind) {
	c := benchCall{vendor: phone.Snom, id: "3c2670a1-" + strconv.Itoa(w) + "-" + strconv.Itoa(k)}
	if k%2 == 1 {
		c.vendor, c.id = phone.Yealink, strconv.Itoa(w*1_000_000_000+k)
	}
	switch r := rng.IntN(100); {
	case r < 80:
		i := rng.IntN(throughputContacts)
		c.remote, c.display = benchCaller(i, k), benchName(i)
	case r < 95:
		c.remote = "sip:0" + benchAreas[rng.IntN(len(benchAreas))] + strconv.Itoa(3_000_000+rng.IntN(6_000_000)) + "@pbx.example"
	default:
		c.remote = "anonymous"
	}
	// The sequences phonesim fires, as phones.md describes them: the
	// handset goes off hook to answer or dial and on hook at the end.
	switch r := rng.IntN(20); {
	case r < 12:
		return c, []phone.EventKind{phone.EventIncoming, phone.EventOffhook, phone.EventConnected, phone.EventDisconnected, phone.EventOnhook}
	case r < 16:
		return c, []phone.EventKind{phone.EventIncoming, phone.EventMissed}
	default:
		c.outgoing = true
		return c, []phone.EventKind{phone.EventOffhook, phone.EventOutgoing, phone.EventConnected, phone.EventDisconnected, phone.EventOnhook}
	}
}

// get sends one request and reads the answer; anything but 200 is an
// error.
func get(client *http.Client, u string) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

// startBare starts a net/http server on loopback whose handler answers
// 200 and returns base with the server's address, so that both servers get
// requests of the same length.
func startBare(b *testing.B, base string) (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "OK\n")
	})}
	go srv.Serve(ln)
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	u.Host = ln.Addr().String()
	return u.String(), func() { srv.Close() }
}

// stamped is a change and when the UI's callback saw it.
type stamped struct {
	ch calls.Change
	at time.Time
}

// watchChanges returns the OnChange callback that stamps every change and
// the channel it delivers them on.
func watchChanges() (func(calls.Change), chan stamped) {
	seen := make(chan stamped, 64)
	return func(ch calls.Change) { seen <- stamped{ch, time.Now()} }, seen
}

// awaitCall waits for the change of call id; ringing with a contact is
// checked by the caller.
func awaitCall(b *testing.B, seen <-chan stamped, id string) stamped {
	b.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-seen:
			if s.ch.Event.CallID == id {
				return s
			}
		case <-timeout:
			b.Fatalf("no change for call %s within 10 s", id)
		}
	}
}

// checkRinging fails the benchmark unless s is call id ringing with
// contact i found in the book.
func checkRinging(b *testing.B, s stamped, i int) {
	b.Helper()
	c := s.ch.Call
	if c == nil || c.State != calls.Ringing || c.Contact == nil || c.Contact.Name != benchName(i) {
		b.Fatalf("call %s: %+v (contact %+v), want ringing with %q", s.ch.Event.CallID, c, contactOf(c), benchName(i))
	}
}

func contactOf(c *calls.Call) *calls.Contact {
	if c == nil {
		return nil
	}
	return c.Contact
}

// loopbackPeer is the phone's address in the events of figure 2.
var loopbackPeer = netip.MustParseAddr("127.0.0.1")

// eventCalls and eventCallsHTTP are how many calls figure 2 times.
const (
	eventCalls     = 5000
	eventCallsHTTP = 2000
)

// BenchmarkEventToCall is figure 2, in-process: from handing a ringing
// event over as the receiver does (parsed, on the queue Live.Run reads) to
// the UI's notification (LiveOptions.OnChange) of the call with its
// contact found among 1 M contacts (DESKCTI_BENCH_CONTACTS). Every call is
// then answered and hung up without timing, so that the journal writes of
// earlier calls run while later ones ring; the next call rings once the
// last has been announced as ended, as on a desk phone.
func BenchmarkEventToCall(b *testing.B) {
	n := benchEnvInt(b, "DESKCTI_BENCH_CONTACTS", 1_000_000)
	book := benchBook(b, n)
	var samples []time.Duration
	for b.Loop() {
		samples = samples[:0]
		onChange, seen := watchChanges()
		bl := startBenchLive(b, book, 0, onChange)
		events := make(chan phone.Event, receiver.QueueSize)
		ran := make(chan error, 1)
		go func() { ran <- bl.live.run(context.Background(), events) }()
		rng := rand.New(rand.NewPCG(2, 8))
		send := func(c benchCall, kind phone.EventKind) stamped {
			events <- phone.Event{Kind: kind, Vendor: c.vendor, CallID: c.id, Remote: c.remote, Display: c.display,
				Local: "sip:201@pbx.example", User: "201", Peer: loopbackPeer, Time: time.Now()}
			return awaitCall(b, seen, c.id)
		}
		for k := range eventCalls {
			i := rng.IntN(n)
			c := benchCall{vendor: phone.Snom, id: "ev-" + strconv.Itoa(k), remote: benchCaller(i, k)}
			start := time.Now()
			s := send(c, phone.EventIncoming)
			samples = append(samples, s.at.Sub(start))
			checkRinging(b, s, i)
			send(c, phone.EventConnected)
			send(c, phone.EventDisconnected)
		}
		close(events)
		if err := <-ran; err != nil {
			b.Fatal(err)
		}
		if kept := bl.journalCalls(b); kept != eventCalls {
			b.Fatalf("the journal holds %d calls, want %d", kept, eventCalls)
		}
	}
	p50, p99 := percentiles(samples)
	b.ReportMetric(p50, "p50-us")
	b.ReportMetric(p99, "p99-us")
}

// BenchmarkEventToCallHTTP is figure 2 over loopback HTTP: from sending a
// phone's ringing request to the real receiver until the UI's notification
// shows the call with its contact (usually before the 200 has reached the
// phone), against one round trip to a bare net/http handler, measured
// alternately. Each request opens its own connection, as phones do; the
// rate limit is raised as for figure 1, since the calls follow each other
// far faster than on a phone.
func BenchmarkEventToCallHTTP(b *testing.B) {
	n := benchEnvInt(b, "DESKCTI_BENCH_CONTACTS", 1_000_000)
	book := benchBook(b, n)
	var ours, bare []time.Duration
	for b.Loop() {
		ours, bare = ours[:0], bare[:0]
		onChange, seen := watchChanges()
		bl := startBenchLive(b, book, benchRate, onChange)
		base, finish := bl.serve(b)
		bareBase, stop := startBare(b, base)
		tr := &http.Transport{DisableKeepAlives: true, DisableCompression: true}
		client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
		urls, bareURLs := newPhoneURLs(base), newPhoneURLs(bareBase)
		rng := rand.New(rand.NewPCG(3, 8))
		send := func(c benchCall, kind phone.EventKind) stamped {
			if err := get(client, urls.url(c, kind)); err != nil {
				b.Fatalf("deskcti: %v", err)
			}
			return awaitCall(b, seen, c.id)
		}
		for k := range eventCallsHTTP {
			i := rng.IntN(n)
			c := benchCall{vendor: phone.Snom, id: "http-" + strconv.Itoa(k), remote: benchCaller(i, k), display: benchName(i)}
			if k%2 == 1 {
				c.vendor = phone.Yealink
			}
			start := time.Now()
			s := send(c, phone.EventIncoming)
			ours = append(ours, s.at.Sub(start))
			checkRinging(b, s, i)

			start = time.Now()
			if err := get(client, bareURLs.url(c, phone.EventIncoming)); err != nil {
				b.Fatalf("bare: %v", err)
			}
			bare = append(bare, time.Since(start))

			send(c, phone.EventConnected)
			send(c, phone.EventDisconnected)
		}
		stop()
		finish()
	}
	p50, p99 := percentiles(ours)
	bp50, bp99 := percentiles(bare)
	b.ReportMetric(p50, "p50-us")
	b.ReportMetric(p99, "p99-us")
	b.ReportMetric(bp50, "bare-p50-us")
	b.ReportMetric(bp99, "bare-p99-us")
}
