package app

import (
	"context"
	"log/slog"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/app/calls"
	"deskcti/app/config"
	"deskcti/app/journal"
	"deskcti/contacts"
	"deskcti/phone"
	"deskcti/phone/receiver"
)

// The issue 8 benchmarks' shared parts: an address book generated in
// memory, the live pipeline as the app wires it, and the Action-URL
// requests a snom or Yealink phone sends.

// benchEnvInt reads a size or duration override of a benchmark.
func benchEnvInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive whole number", name, v)
	}
	return n
}

// benchAreas are German area codes, so that every generated number is one
// contacts/number accepts as a real German number.
var benchAreas = []string{"30", "40", "69", "89", "221", "211", "228", "231", "201", "341", "351", "511", "711", "911"}

var benchFirst = []string{"Jürgen", "Anna", "Mehmet", "Sophie", "Lukas", "Özlem", "Hans-Peter", "Marie"}

// benchName is the name of generated contact i, what a pop-up must show.
func benchName(i int) string {
	return benchFirst[i%len(benchFirst)] + " Müller-" + strconv.Itoa(i)
}

// benchContact i has a work number with an extension and a mobile number,
// written the way people type them; both are unique to i (i < 10 M).
func benchContact(i int) contacts.Contact {
	return contacts.Contact{
		Name:    benchName(i),
		Company: "Bäckerei " + strconv.Itoa(i%50000) + " GmbH",
		Numbers: []contacts.Number{
			{Kind: contacts.Work, Raw: "0" + benchAreas[i%len(benchAreas)] + " " + benchWorkSub(i) + "-" + strconv.Itoa(10+i%90)},
			{Kind: contacts.Mobile, Raw: "+49 17" + strconv.Itoa(i%10) + " " + benchMobileSub(i)},
		},
		Source: "bench:generated",
		ID:     strconv.Itoa(i),
	}
}

func benchWorkSub(i int) string { return strconv.Itoa(2_000_000 + i/len(benchAreas)) }

func benchMobileSub(i int) string {
	s := strconv.Itoa(i)
	return strings.Repeat("0", max(0, 7-len(s))) + s
}

// benchCaller is contact i's number as a phone reports a call from it, in
// one of the shapes phones send (SIP URI with the national number, the
// international form, the work number dialled through to the extension).
func benchCaller(i, variant int) string {
	switch variant % 3 {
	case 0:
		return "sip:017" + strconv.Itoa(i%10) + benchMobileSub(i) + "@pbx.example"
	case 1:
		return "+4917" + strconv.Itoa(i%10) + benchMobileSub(i)
	}
	w := benchContact(i).Numbers[0].Raw
	return "sip:" + strings.NewReplacer(" ", "", "-", "").Replace(w) + "@pbx.example"
}

// memSource is an address book held in memory: no file is parsed, so the
// benchmark measures the index and not a reader.
type memSource []contacts.Contact

func (m memSource) Name() string { return "bench:generated" }

func (m memSource) Load(context.Context) ([]contacts.Contact, error) { return m, nil }

var (
	benchBooksMu sync.Mutex
	benchBooks   = map[int]*contacts.Book{}
)

// benchBook is a loaded book of n generated contacts for the dial settings
// of benchConfig, built once per process (1 M contacts take a while).
func benchBook(b *testing.B, n int) *contacts.Book {
	b.Helper()
	benchBooksMu.Lock()
	defer benchBooksMu.Unlock()
	if bk := benchBooks[n]; bk != nil {
		return bk
	}
	start := time.Now()
	cs := make(memSource, n)
	for i := range cs {
		cs[i] = benchContact(i)
	}
	cfg := benchConfig()
	bk := contacts.NewBook(HomeOf(cfg.Dial), []contacts.Source{cs}, nil, contacts.BookOptions{
		Index:  contacts.IndexOptions{MinSuffix: cfg.Contacts.MinSuffix},
		Logger: slog.New(slog.DiscardHandler),
	})
	if err := bk.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	if bk.Index().Len() != n {
		b.Fatalf("index holds %d contacts, want %d", bk.Index().Len(), n)
	}
	b.Logf("address book of %d contacts built in %v", n, time.Since(start).Round(time.Millisecond))
	benchBooks[n] = bk
	return bk
}

// benchConfig is a user's settings: a phone on this computer (so that its
// address is the one the receiver lets through), Cologne.
func benchConfig() config.Config {
	cfg := config.Default()
	cfg.Phone.URL, cfg.Phone.User = "http://127.0.0.1:9", "admin"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0"}
	cfg.Receiver.Listen = "127.0.0.1:0"
	return cfg
}

// benchLive is the live pipeline as the desktop app starts it: receiver
// (with a path token, as deskcti sets one up), tracker, the address book
// and the journal in a temporary SQLite file.
type benchLive struct {
	live    *Live
	journal *journal.Journal
}

// startBenchLive starts the pipeline; onChange is the UI's notification.
// The receiver's rate limit is raised to rate when not 0 (see the
// benchmarks for why).
func startBenchLive(b *testing.B, book *contacts.Book, rate float64, onChange func(calls.Change)) *benchLive {
	b.Helper()
	b.Setenv(ReceiverTokenEnv, receiver.NewToken())
	cfg := benchConfig()
	s, err := New(cfg, func(string, string) (string, error) { return "pw", nil })
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	jr, err := OpenJournal(ctx, cfg.Journal, filepath.Join(b.TempDir(), "journal.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { jr.Close() })
	lo := LiveOptions{
		Book: book, Journal: jr, RatePerPeer: rate, OnChange: onChange,
		OnError: func(err error) { b.Error(err) },
		Logger:  slog.New(slog.DiscardHandler),
	}
	live, err := s.StartLive(ctx, lo)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { live.Close() })
	return &benchLive{live: live, journal: jr}
}

// serve runs the pipeline as the app does (Live.Run) and returns the
// receiver's base URL for the phone, and finish, which stops the receiver
// and waits until Run has handled, kept and announced every event.
func (bl *benchLive) serve(b *testing.B) (base string, finish func()) {
	b.Helper()
	ran := make(chan error, 1)
	go func() { ran <- bl.live.Run(context.Background()) }()
	base, err := bl.live.BaseURL()
	if err != nil {
		b.Fatal(err)
	}
	return base, func() {
		bl.live.Close()
		if err := <-ran; err != nil {
			b.Fatal(err)
		}
	}
}

// journalCalls counts the calls the journal holds.
func (bl *benchLive) journalCalls(b *testing.B) int {
	b.Helper()
	cs, err := bl.journal.List(context.Background(), journal.Query{})
	if err != nil {
		b.Fatal(err)
	}
	return len(cs)
}

// urlTemplate is phone.EventURL's template split at its $variables.
type urlTemplate []struct{ lit, variable string }

// parseTemplate splits an Action URL template the way a phone expands it:
// a variable name runs over letters, digits and '_' (snom also '-').
func parseTemplate(tmpl string, vendor phone.Vendor) urlTemplate {
	var t urlTemplate
	for {
		i := strings.IndexByte(tmpl, '$')
		if i < 0 {
			return append(t, struct{ lit, variable string }{tmpl, ""})
		}
		j := i + 1
		for j < len(tmpl) && (isVarByte(tmpl[j]) || tmpl[j] == '-' && vendor == phone.Snom) {
			j++
		}
		t = append(t, struct{ lit, variable string }{tmpl[:i], tmpl[i+1 : j]})
		tmpl = tmpl[j:]
	}
}

func isVarByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// expand fills the variables, query-escaped as the phones do; a variable
// vars does not know stays as the phone leaves it ("$cancel_reason").
func (t urlTemplate) expand(sb *strings.Builder, vars func(string) (string, bool)) string {
	sb.Reset()
	for _, p := range t {
		sb.WriteString(p.lit)
		if p.variable == "" {
			continue
		}
		if v, ok := vars(p.variable); ok {
			sb.WriteString(url.QueryEscape(v))
		} else {
			sb.WriteString("$" + p.variable)
		}
	}
	return sb.String()
}

// benchCall is one call as the phone reports it.
type benchCall struct {
	vendor   phone.Vendor
	id       string
	remote   string
	display  string
	outgoing bool
}

// phoneURLs builds the Action URLs of both vendors for one receiver base.
type phoneURLs struct {
	tmpl map[phone.Vendor]map[phone.EventKind]urlTemplate
	sb   strings.Builder
}

func newPhoneURLs(base string) *phoneURLs {
	p := &phoneURLs{tmpl: map[phone.Vendor]map[phone.EventKind]urlTemplate{}}
	for _, v := range []phone.Vendor{phone.Snom, phone.Yealink} {
		p.tmpl[v] = map[phone.EventKind]urlTemplate{}
		for _, k := range phone.EventKinds {
			p.tmpl[v][k] = parseTemplate(phone.EventURL(base, v, k), v)
		}
	}
	return p
}

// url is the request the phone sends for kind on call c. Events about the
// phone rather than a call (off hook, on hook) leave the call's variables
// unexpanded, as the phones do.
func (p *phoneURLs) url(c benchCall, kind phone.EventKind) string {
	phoneEvent := kind == phone.EventOffhook || kind == phone.EventOnhook
	return p.tmpl[c.vendor][kind].expand(&p.sb, func(name string) (string, bool) {
		if name == "active_user" {
			return "201", true
		}
		if phoneEvent {
			return "", false
		}
		switch name {
		case "call-id", "call_id":
			return c.id, true
		case "remote":
			return c.remote, true
		case "display_remote":
			return c.display, true
		case "local":
			return "sip:201@pbx.example", true
		case "callerID": // Yealink: who called
			switch {
			case c.outgoing:
				return "201", true
			case c.display != "":
				return c.display, true
			}
			return c.remote, true
		case "calledNumber":
			if c.outgoing {
				return c.remote, true
			}
			return "201", true
		}
		return "", false
	})
}

// percentiles returns p50 and p99 of the samples in microseconds
// (p = sorted[ceil(p*n)-1]).
func percentiles(samples []time.Duration) (p50, p99 float64) {
	s := slices.Clone(samples)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return float64(s[max(i, 0)].Nanoseconds()) / 1e3
	}
	return at(0.50), at(0.99)
}
