//go:build unix

package ldap

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/contacts"
)

// newSource returns a Source bound as the service account on srv; mod
// adjusts the Config first.
func newSource(t *testing.T, url string, mod func(*Config)) *Source {
	t.Helper()
	cfg := Config{URL: url, BaseDN: testSuffix, BindDN: serviceDN, BindPassword: servicePW,
		Timeout: 5 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func ids(cs []contacts.Contact) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func TestLookupNumberFormats(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, func(c *Config) { c.CacheTTL = -1 })
	tests := []struct {
		name      string
		e164, raw string
		want      []string // DNs in order
	}{
		{"E.164 finds +49 221 4711-23", "+4922147112" + "3", "", []string{dnMueller}},
		{"national raw finds international", "", "0221 471123", []string{dnMueller}},
		{"00 prefix", "", "0049221471123", []string{dnMueller}},
		{"raw ignored when E.164 given", "+4922147112" + "3", "garbage 999", []string{dnMueller}},
		{"local (6 digits) finds international", "", "4711-23", []string{dnMueller}},
		{"stored national with slash and spaces", "+492215566778", "", []string{dnWeiss}},
		{"same last 7 digits, other city", "+49305566778", "", []string{dnKoehler}},
		{"local 7 digits: both cities, by name", "", "5566778", []string{dnKoehler, dnWeiss}},
		{"stored with dashes, caller local", "", "9876543", []string{dnSchaefer}},
		{"stored with (0), caller E.164", "+49891234567", "", []string{dnGross}},
		{"stored with (0), caller national", "", "089 1234567", []string{dnGross}},
		{"mobile in other format", "+491712345678", "", []string{dnMueller}},
		{"home with (0) and area code", "+49220398765", "", []string{dnMueller}},
		{"plain E.164 stored", "+4915112345678", "", []string{dnSchaefer}},
		{"head number: company and reception", "+49221471" + "10", "", []string{dnKoenig, dnZentrale}},
		{"organization entry", "+49220312345", "", []string{dnBaeckerei}},
		{"internal extension exact", "", "23", []string{dnPforte}},
		{"5 digits: every number ending in them", "", "71123", []string{dnMueller, dnNoell}},
		{"generated colleague", "", "0711 3000017", []string{"uid=user17," + people}},
		{"unknown number", "+4940123456789", "", nil},
		{"no digits", "", "anonym", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.LookupNumber(context.Background(), tt.e164, tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tt.want) {
				t.Fatalf("LookupNumber(%q, %q) = %q, want %q", tt.e164, tt.raw, ids(got), tt.want)
			}
		})
	}
}

// The entries a lookup must not return, each for another reason, and a
// check that the server really sent the wildcard noise, so that the test
// proves the client-side check and not just a strict server.
func TestLookupNumberNoFalseMatch(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, func(c *Config) { c.CacheTTL = -1 })
	ctx := context.Background()

	// Nöll's +49 6221 4071123 contains 1…4…7…1…1…2…3 but shares only "71123".
	s.mu <- struct{}{}
	filter := fill(s.cfg.NumberFilter, digitPattern(significant("+49221471123"), 7))
	candidates, err := s.search(ctx, filter, 0)
	s.unlock()
	if err != nil {
		t.Fatal(err)
	}
	var dns []string
	for _, e := range candidates {
		dns = append(dns, e.DN)
	}
	if !slices.Contains(dns, dnNoell) || !slices.Contains(dns, dnMueller) {
		t.Fatalf("the server's candidates %q should include %s and %s", dns, dnNoell, dnMueller)
	}
	got, err := s.LookupNumber(ctx, "+49221471123", "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got), []string{dnMueller}) {
		t.Fatalf("got %q, want only %s", ids(got), dnMueller)
	}

	for _, tt := range []struct{ e164, raw, why string }{
		{"+4922147112" + "5", "", "König's 4711-25 has 6 of the 7 digits"},
		{"+49221471124", "", "neighbour extension"},
		{"+492214711230", "", "longer extension"},
		{"+49305566779", "", "one digit off"},
		{"", "123", "3 digits: only an identical extension"},
	} {
		got, err := s.LookupNumber(ctx, tt.e164, tt.raw)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 {
			t.Errorf("LookupNumber(%q, %q) = %q, want nothing (%s)", tt.e164, tt.raw, ids(got), tt.why)
		}
	}

	// With MatchDigits 6 the extension-only entry is found.
	six := newSource(t, srv.URL, func(c *Config) { c.MatchDigits = 6 })
	got, err = six.LookupNumber(ctx, "+4922147112"+"5", "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got), []string{dnKoenig}) {
		t.Fatalf("MatchDigits 6: got %q, want %s", ids(got), dnKoenig)
	}
}

func TestContactFields(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, nil)
	ctx := context.Background()

	got, err := s.LookupNumber(ctx, "+49221471123", "")
	if err != nil || len(got) != 1 {
		t.Fatalf("LookupNumber = %v, %v", got, err)
	}
	want := contacts.Contact{
		Name:    "Müller, Hans", // displayName first
		Company: "Muster GmbH",
		Numbers: []contacts.Number{
			{Kind: contacts.Work, Raw: "+49 221 4711-23"},
			{Kind: contacts.Mobile, Raw: "0171/2345678"},
			{Kind: contacts.Home, Raw: "+49 (0)2203 98765"},
			{Kind: contacts.Fax, Raw: "+49 221 4711-99"},
		},
		Source: "ldap:" + srv.URL + "/" + testSuffix,
		ID:     dnMueller,
	}
	if fmt.Sprint(got[0]) != fmt.Sprint(want) {
		t.Fatalf("got  %+v\nwant %+v", got[0], want)
	}

	// Only an already E.164 number gets E164; cn when there is no displayName.
	got, err = s.LookupNumber(ctx, "", "0151 12345678")
	if err != nil || len(got) != 1 {
		t.Fatalf("LookupNumber = %v, %v", got, err)
	}
	if got[0].Name != "Peter Schäfer" || fmt.Sprint(got[0].Numbers) != fmt.Sprint([]contacts.Number{
		{Kind: contacts.Work, Raw: "+49-221-9876543"},
		{Kind: contacts.Mobile, Raw: "+4915112345678", E164: "+4915112345678"},
	}) {
		t.Fatalf("Schäfer: %+v", got[0])
	}

	// An organization: company, no name; a DN with umlauts.
	got, err = s.LookupNumber(ctx, "+49220312345", "")
	if err != nil || len(got) != 1 {
		t.Fatalf("LookupNumber = %v, %v", got, err)
	}
	if got[0].Name != "" || got[0].Company != "Bäckerei Schmitz" || got[0].ID != dnBaeckerei {
		t.Fatalf("Bäckerei: %+v", got[0])
	}

	// givenName + sn when neither displayName nor cn is asked for.
	gs := newSource(t, srv.URL, func(c *Config) { c.NameAttrs = []string{"description"} })
	got, err = gs.LookupNumber(ctx, "+49891234567", "")
	if err != nil || len(got) != 1 || got[0].Name != "Zoë Groß" {
		t.Fatalf("givenName+sn: %v, %v", got, err)
	}
}

func TestSearch(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, nil)
	tests := []struct {
		query string
		want  []string // DNs, sorted by name
	}{
		{"Mül", []string{dnMaria, dnMueller}}, // not Mühlbauer
		{"müller", []string{dnMaria, dnMueller}},
		{"Hans Mül", []string{dnMueller}},
		{"Müller Hans", []string{dnMueller}},
		{"Weiß", []string{dnWeiss}},
		{"Muster", []string{dnKoenig, dnMueller, dnZentrale}}, // by company
		{"Bäckerei", []string{dnBaeckerei}},
		{"Nümmerlos", nil}, // has no number
		{"Niemand", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := s.Search(context.Background(), tt.query, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tt.want) {
				t.Fatalf("Search(%q) = %q, want %q", tt.query, ids(got), tt.want)
			}
			for _, c := range got {
				if len(c.Numbers) == 0 || c.Source != s.Name() {
					t.Errorf("%s: numbers %v, source %q", c.ID, c.Numbers, c.Source)
				}
			}
		})
	}
}

func TestSearchLimit(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, nil)
	ctx := context.Background()
	all, err := s.Search(ctx, "Schwaben", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 36 {
		t.Fatalf("Search(Schwaben) found %d, want the 36 generated colleagues", len(all))
	}
	some, err := s.Search(ctx, "Schwaben", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 5 {
		t.Fatalf("limit 5 gave %d", len(some))
	}
	// The server's size limit is not an error either.
	small := newSource(t, srv.URL, func(c *Config) { c.SizeLimit = 3 })
	some, err = small.Search(ctx, "Schwaben", 0)
	if err != nil || len(some) != 3 {
		t.Fatalf("SizeLimit 3: %d results, %v", len(some), err)
	}
}

// A query is data: filter syntax in it is escaped. Unescaped, "*)(uid=*"
// would turn (cn=*%s*) into (cn=**)(uid=**) and list the directory.
func TestSearchInjection(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, nil)
	for _, q := range []string{"*)(uid=*", "*", ")(objectClass=*", `\2a`, "*)(|(cn=*", "Müller)(cn=*"} {
		got, err := s.Search(context.Background(), q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(got) != 0 {
			t.Errorf("Search(%q) = %q, want nothing", q, ids(got))
		}
	}
	// The same search with the query pasted in raw does list people: the
	// test above would notice if escaping were dropped.
	s.mu <- struct{}{}
	raw, err := s.search(context.Background(), fill(DefaultSearchFilter, "*)(uid=*"), 0)
	s.unlock()
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) < 10 {
		t.Fatalf("unescaped injection found %d entries; the test's premise is wrong", len(raw))
	}
}

func TestBindErrors(t *testing.T) {
	srv := startSlapd(t, false)
	ctx := context.Background()

	wrong := newSource(t, srv.URL, func(c *Config) { c.BindPassword = "falsches-Passwort" })
	_, err := wrong.LookupNumber(ctx, "+49221471123", "")
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("wrong password: %v, want ErrAuth", err)
	}
	for _, want := range []string{"ldap search " + srv.URL, serviceDN, "Invalid Credentials"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "falsches-Passwort") {
		t.Errorf("error shows the password: %q", err)
	}
	if _, err := wrong.Search(ctx, "Müller", 0); !errors.Is(err, ErrAuth) {
		t.Errorf("Search with wrong password: %v, want ErrAuth", err)
	}

	// A port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := fmt.Sprintf("ldap://%s", l.Addr())
	l.Close()
	down := newSource(t, closed, nil)
	if _, err := down.LookupNumber(ctx, "+49221471123", ""); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("closed port: %v, want ErrUnreachable", err)
	}
}

func TestServerRestart(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, func(c *Config) { c.CacheTTL = -1 })
	ctx := context.Background()
	lookup := func() ([]contacts.Contact, error) { return s.LookupNumber(ctx, "+49221471123", "") }

	if got, err := lookup(); err != nil || len(got) != 1 {
		t.Fatalf("before: %v, %v", ids(got), err)
	}
	srv.stop()
	if _, err := lookup(); err == nil {
		t.Fatal("lookup succeeded with the server stopped")
	} else if !errors.Is(err, ErrUnreachable) {
		t.Errorf("server stopped: %v, want ErrUnreachable", err)
	}
	srv.restart()
	if got, err := lookup(); err != nil || len(got) != 1 {
		t.Fatalf("after restart: %v, %v", ids(got), err)
	}

	// A restart between two lookups is not even noticed: the dead
	// connection is replaced and the search repeated.
	srv.stop()
	srv.restart()
	if got, err := lookup(); err != nil || len(got) != 1 {
		t.Fatalf("after a restart between lookups: %v, %v", ids(got), err)
	}
}

func TestCacheAvoidsSearch(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, nil)
	now := time.Now()
	var mu sync.Mutex
	s.cache.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ctx := context.Background()

	first, err := s.LookupNumber(ctx, "+49221471123", "")
	if err != nil || len(first) != 1 {
		t.Fatalf("%v, %v", first, err)
	}
	if n := s.searches.Load(); n != 1 {
		t.Fatalf("%d searches after the first lookup", n)
	}
	// Same number, other spelling: same digits, no second search.
	again, err := s.LookupNumber(ctx, "", "0049 221 4711-23")
	if err != nil || !slices.Equal(ids(again), ids(first)) {
		t.Fatalf("cached: %v, %v", ids(again), err)
	}
	// A miss is cached too.
	for range 2 {
		if got, err := s.LookupNumber(ctx, "+4940123456789", ""); err != nil || len(got) != 0 {
			t.Fatalf("unknown: %v, %v", got, err)
		}
	}
	if n := s.searches.Load(); n != 2 {
		t.Fatalf("%d searches, want 2 (one hit, one miss)", n)
	}
	// Search by name is never cached.
	for range 2 {
		if _, err := s.Search(ctx, "Müller", 0); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.searches.Load(); n != 4 {
		t.Fatalf("%d searches, want 4", n)
	}

	mu.Lock()
	now = now.Add(DefaultCacheTTL)
	mu.Unlock()
	if _, err := s.LookupNumber(ctx, "+49221471123", ""); err != nil {
		t.Fatal(err)
	}
	if n := s.searches.Load(); n != 5 {
		t.Fatalf("%d searches after the TTL, want 5", n)
	}
}

// A hung server (SIGSTOP: the kernel still accepts connections, nobody
// answers) costs one Timeout, not a hang; after it wakes up, lookups work.
func TestTimeoutHungServer(t *testing.T) {
	srv := startSlapd(t, false)
	const short = 300 * time.Millisecond
	// A generous Timeout for the lookups that should work, so that a
	// loaded CI machine does not fail them.
	s := newSource(t, srv.URL, func(c *Config) { c.CacheTTL, c.Timeout = -1, 10*time.Second })
	ctx := context.Background()
	if _, err := s.LookupNumber(ctx, "+49221471123", ""); err != nil {
		t.Fatal(err)
	}

	srv.pause()
	// On the open connection the search gets no answer: the caller's
	// deadline, shorter than Timeout, ends it.
	sctx, cancel := context.WithTimeout(ctx, short)
	defer cancel()
	if _, err := s.LookupNumber(sctx, "+49221471123", ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hung server, open connection: %v, want a deadline error", err)
	}
	// A new connection: connect works, the bind gets no answer; Timeout
	// ends it.
	fresh := newSource(t, srv.URL, func(c *Config) { c.Timeout = short })
	if _, err := fresh.Search(ctx, "Müller", 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hung server, bind: %v, want a deadline error", err)
	}
	// Cancellation ends the wait as well.
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := s.LookupNumber(cctx, "+49221471123", ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}

	srv.resume()
	got, err := s.LookupNumber(ctx, "+49221471123", "")
	if err != nil || len(got) != 1 {
		t.Fatalf("after the server woke up: %v, %v", ids(got), err)
	}
}

// Many calls at once share the connection; run with -race.
func TestConcurrentUse(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, func(c *Config) { c.CacheTTL = -1 })
	numbers := map[string]string{
		"+49221471123":  dnMueller,
		"+492215566778": dnWeiss,
		"+49891234567":  dnGross,
		"+49220312345":  dnBaeckerei,
	}
	var wg sync.WaitGroup
	errs := make(chan error, 256)
	for g := range 8 {
		wg.Go(func() {
			for i := range 5 {
				if (g+i)%3 == 0 {
					got, err := s.Search(context.Background(), "Mül", 0)
					if err == nil && len(got) != 2 {
						err = fmt.Errorf("Search(Mül) = %q", ids(got))
					}
					if err != nil {
						errs <- err
					}
					continue
				}
				for n, dn := range numbers {
					got, err := s.LookupNumber(context.Background(), n, "")
					if err == nil && !slices.Equal(ids(got), []string{dn}) {
						err = fmt.Errorf("LookupNumber(%s) = %q", n, ids(got))
					}
					if err != nil {
						errs <- err
					}
				}
			}
		})
	}
	// Close in the middle: the connection is dropped and redialled.
	_ = s.Close()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Every search reuses the one connection while it is healthy.
func TestConnectionReused(t *testing.T) {
	srv := startSlapd(t, false)
	s := newSource(t, srv.URL, func(c *Config) { c.CacheTTL = -1 })
	ctx := context.Background()
	if _, err := s.LookupNumber(ctx, "+49221471123", ""); err != nil {
		t.Fatal(err)
	}
	first := s.sess
	for _, q := range []string{"Mül", "Weiß"} {
		if _, err := s.Search(ctx, q, 0); err != nil {
			t.Fatal(err)
		}
	}
	if s.sess != first {
		t.Fatal("a new connection for every request")
	}
	// One that has been idle too long is replaced.
	s.sess.lastUse = time.Now().Add(-maxIdle - time.Second)
	if _, err := s.Search(ctx, "Mül", 0); err != nil {
		t.Fatal(err)
	}
	if s.sess == first {
		t.Fatal("idle connection kept")
	}
}
