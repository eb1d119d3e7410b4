package carddav

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/contacts"
)

const bookPath = "/" + testUser + "/kontakte/"

// Card paths in the test address book, named like the fixtures.
const (
	pJuergen = bookPath + "juergen-mueller.vcf"
	pFirma   = bookPath + "mueller-soehne.vcf"
	pOezlem  = bookPath + "oezlem-yilmaz.vcf"
	pOhne    = bookPath + "ohne-nummer.vcf"
	pWeiss   = bookPath + "hans-peter-weiss.vcf"
)

func (r *radicale) putFile(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.Base(path)))
	if err != nil {
		t.Fatal(err)
	}
	r.do(t, http.MethodPut, path, "text/vcard; charset=utf-8", string(b), http.StatusCreated, http.StatusNoContent)
}

// seeded starts radicale with the kontakte bookPath holding four fixtures.
func seeded(t *testing.T) *radicale {
	t.Helper()
	r := startRadicale(t)
	r.mkAddressBook(t, bookPath, "Kontakte")
	for _, p := range []string{pJuergen, pFirma, pOezlem, pOhne} {
		r.putFile(t, p)
	}
	return r
}

// recorded is one request seen by countingTransport.
type recorded struct {
	method, path, body string
}

// countingTransport records every request. If corrupt is set, responses
// carrying that card's data (its GET, and multigets naming it) are made
// unparseable, as a server storing a broken card would send them.
type countingTransport struct {
	corrupt string

	mu   sync.Mutex
	reqs []recorded
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body string
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			b, _ := io.ReadAll(rc)
			body = string(b)
		}
	}
	c.mu.Lock()
	c.reqs = append(c.reqs, recorded{req.Method, req.URL.Path, body})
	c.mu.Unlock()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || c.corrupt == "" {
		return resp, err
	}
	if req.Method == http.MethodGet && req.URL.Path == c.corrupt ||
		req.Method == "REPORT" && strings.Contains(body, "addressbook-multiget") && strings.Contains(body, c.corrupt) {
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		b = []byte(strings.ReplaceAll(string(b), "BEGIN:VCARD", "BEGIN:VKAPUTT"))
		resp.Body = io.NopCloser(strings.NewReader(string(b)))
		resp.ContentLength = int64(len(b))
		resp.Header.Del("Content-Length")
	}
	return resp, nil
}

// take returns and forgets the requests recorded so far.
func (c *countingTransport) take() []recorded {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.reqs
	c.reqs = nil
	return r
}

var syncTokenRE = regexp.MustCompile(`<(?:\w+:)?sync-token[^>]*>([^<]*)<`)

var hrefRE = regexp.MustCompile(`<(?:\w+:)?href[^>]*>([^<]+)</(?:\w+:)?href>`)

// multigetHrefs returns the sorted hrefs of a multiget request body.
func multigetHrefs(body string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

// kinds of request, as a compact string per request for assertions.
func summary(reqs []recorded) []string {
	var out []string
	for _, r := range reqs {
		s := r.method + " " + r.path
		switch {
		case strings.Contains(r.body, "sync-collection"):
			if m := syncTokenRE.FindStringSubmatch(r.body); m != nil && strings.TrimSpace(m[1]) != "" {
				s += " sync since token"
			} else {
				s += " sync all"
			}
		case strings.Contains(r.body, "addressbook-multiget"):
			s += " multiget " + strings.Join(multigetHrefs(r.body), ",")
		}
		out = append(out, s)
	}
	return out
}

func newTestSource(t *testing.T, cfg Config, rt http.RoundTripper) *Source {
	t.Helper()
	if cfg.User == "" {
		cfg.User, cfg.Password = testUser, testPass
	}
	s, err := newSource(cfg, rt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func load(t *testing.T, s *Source) []contacts.Contact {
	t.Helper()
	got, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return got
}

// byID indexes contacts and fails on duplicates.
func byID(t *testing.T, cs []contacts.Contact) map[string]contacts.Contact {
	t.Helper()
	m := make(map[string]contacts.Contact, len(cs))
	for _, c := range cs {
		if _, dup := m[c.ID]; dup {
			t.Fatalf("duplicate contact %q", c.ID)
		}
		m[c.ID] = c
	}
	return m
}

const (
	idJuergen = "6C1D5E7A-3F2B-4C8D-9E0F-A1B2C3D4E5F6"
	idFirma   = "0A9B8C7D-6E5F-4A3B-2C1D-0E9F8A7B6C5D"
	idOezlem  = "3f2a8c4e-9b1d-4e6f-8a2c-5d7e9f1a3b6c"
	idWeiss   = "a8b7c6d5-e4f3-4a2b-9c1d-0e8f7a6b5c4d"
)

// fixtures is what the testdata cards must become (Source and OpenURI are
// filled in per server).
func fixtures(s *Source, base string) map[string]contacts.Contact {
	return map[string]contacts.Contact{
		idJuergen: {
			Name: "Dr. Jürgen Müller", Company: "Müller & Söhne GmbH",
			Numbers: []contacts.Number{
				{Kind: contacts.Work, Raw: "0221 / 4711 23"},
				{Kind: contacts.Mobile, Raw: "+491712345678", E164: "+491712345678"},
				{Kind: contacts.Work, Raw: "+49 221 4711-0"}, // Apple label "Zentrale"
			},
			Source: s.Name(), ID: idJuergen, OpenURI: base + pJuergen,
		},
		idFirma: {
			Name: "Müller & Söhne GmbH", Company: "Müller & Söhne GmbH",
			Numbers: []contacts.Number{
				{Kind: contacts.Work, Raw: "+49 221 4711-0"},
				{Kind: contacts.Fax, Raw: "0221 / 4711 99"},
			},
			Source: s.Name(), ID: idFirma, OpenURI: base + pFirma,
		},
		idOezlem: {
			Name: "Özlem Yılmaz", Company: "Straßenbau Köhler & Partner",
			Numbers: []contacts.Number{
				{Kind: contacts.Mobile, Raw: "+491701234567", E164: "+491701234567"},
				{Kind: contacts.Home, Raw: "+49-30-1234567", E164: "+49301234567"},
			},
			Source: s.Name(), ID: idOezlem, OpenURI: base + pOezlem,
		},
		idWeiss: {
			Name: "Hans-Peter Weiß", Company: "Bäckerei Weiß",
			Numbers: []contacts.Number{
				{Kind: contacts.Home, Raw: "02203 98765"},
				{Kind: contacts.Work, Raw: "+49 2203 5550-12"},
			},
			Source: s.Name(), ID: idWeiss, OpenURI: base + pWeiss,
		},
	}
}

func checkContacts(t *testing.T, got []contacts.Contact, want map[string]contacts.Contact, ids ...string) {
	t.Helper()
	m := byID(t, got)
	if len(m) != len(ids) {
		t.Errorf("got %d contacts, want %d (%v)", len(m), len(ids), ids)
	}
	for _, id := range ids {
		if !reflect.DeepEqual(m[id], want[id]) {
			t.Errorf("contact %s:\n got  %+v\n want %+v", id, m[id], want[id])
		}
	}
}

func TestLoadInitial(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	s := newTestSource(t, Config{URL: r.base + bookPath}, nil)
	got := load(t, s)
	// The card without a number is skipped.
	checkContacts(t, got, fixtures(s, r.base), idJuergen, idFirma, idOezlem)

	// Concurrent Loads share the sync state and must not race.
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cs, err := s.Load(context.Background())
			if err != nil || len(cs) != 3 {
				t.Errorf("concurrent Load: %d contacts, %v", len(cs), err)
			}
		}()
	}
	wg.Wait()
}

// editBook edits the seeded bookPath: Jürgen's card changes, Weiß is added,
// Özlem is deleted.
func editBook(t *testing.T, r *radicale) {
	t.Helper()
	r.put(t, pJuergen,
		"BEGIN:VCARD", "VERSION:3.0", "N:Müller;Jürgen;;Dr.;", "FN:Dr. Jürgen Müller",
		"ORG:Müller & Söhne GmbH;Geschäftsführung", "TEL;type=WORK:0221 / 4711 10",
		"UID:"+idJuergen, "END:VCARD")
	r.putFile(t, pWeiss)
	r.del(t, pOezlem)
}

func changedJuergen(want map[string]contacts.Contact) {
	j := want[idJuergen]
	j.Numbers = []contacts.Number{{Kind: contacts.Work, Raw: "0221 / 4711 10"}}
	want[idJuergen] = j
}

func TestLoadFetchesOnlyChanges(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	ct := &countingTransport{}
	s := newTestSource(t, Config{URL: r.base + bookPath}, ct)
	want := fixtures(s, r.base)
	checkContacts(t, load(t, s), want, idJuergen, idFirma, idOezlem)
	first := summary(ct.take())
	if n := len(first); n == 0 || !strings.Contains(strings.Join(first, "\n"), "multiget") {
		t.Fatalf("initial load requests: %q", first)
	}

	editBook(t, r)
	changedJuergen(want)
	checkContacts(t, load(t, s), want, idJuergen, idFirma, idWeiss)
	wantReqs := []string{
		"REPORT " + bookPath + " sync since token",
		"REPORT " + bookPath + " multiget " + pWeiss + "," + pJuergen,
	}
	if got := summary(ct.take()); !reflect.DeepEqual(got, wantReqs) {
		t.Errorf("second load requests:\n got  %q\n want %q", got, wantReqs)
	}

	// Nothing changed: one sync REPORT and no download.
	checkContacts(t, load(t, s), want, idJuergen, idFirma, idWeiss)
	if got := summary(ct.take()); !reflect.DeepEqual(got, wantReqs[:1]) {
		t.Errorf("third load requests: %q, want %q", got, wantReqs[:1])
	}
}

func TestLoadETagFallback(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	ct := &countingTransport{}
	s := newTestSource(t, Config{URL: r.base, AddressBooks: []string{bookPath}}, ct)
	s.forceETagSync = true
	want := fixtures(s, r.base)
	checkContacts(t, load(t, s), want, idJuergen, idFirma, idOezlem)
	wantFirst := []string{
		"PROPFIND " + bookPath,
		"REPORT " + bookPath + " multiget " + pJuergen + "," + pFirma + "," + pOezlem + "," + pOhne,
	}
	if got := summary(ct.take()); !reflect.DeepEqual(got, wantFirst) {
		t.Errorf("first load requests:\n got  %q\n want %q", got, wantFirst)
	}

	editBook(t, r)
	changedJuergen(want)
	checkContacts(t, load(t, s), want, idJuergen, idFirma, idWeiss)
	wantReqs := []string{
		"PROPFIND " + bookPath,
		"REPORT " + bookPath + " multiget " + pWeiss + "," + pJuergen,
	}
	if got := summary(ct.take()); !reflect.DeepEqual(got, wantReqs) {
		t.Errorf("second load requests:\n got  %q\n want %q", got, wantReqs)
	}
}

func TestLoadExpiredSyncToken(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	ct := &countingTransport{}
	s := newTestSource(t, Config{URL: r.base, AddressBooks: []string{bookPath}}, ct)
	want := fixtures(s, r.base)
	load(t, s)
	ct.take()

	// A token the server does not know, as after a server-side reset.
	s.books[bookPath].token = "http://radicale.org/ns/sync/0000000000000000000000000000000000000000000000000000000000000000"
	editBook(t, r)
	changedJuergen(want)
	checkContacts(t, load(t, s), want, idJuergen, idFirma, idWeiss)
	wantReqs := []string{
		"REPORT " + bookPath + " sync since token", // rejected
		"REPORT " + bookPath + " sync all",         // compared by ETag
		"REPORT " + bookPath + " multiget " + pWeiss + "," + pJuergen,
	}
	if got := summary(ct.take()); !reflect.DeepEqual(got, wantReqs) {
		t.Errorf("requests:\n got  %q\n want %q", got, wantReqs)
	}
	if s.books[bookPath].noSync {
		t.Error("an expired token must not switch the bookPath to the ETag fallback")
	}
}

func TestLoadBrokenCard(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	ct := &countingTransport{corrupt: pFirma}
	s := newTestSource(t, Config{URL: r.base, AddressBooks: []string{bookPath}}, ct)
	want := fixtures(s, r.base)
	for i := range 2 { // the second Load reports it again without fetching
		got, err := s.Load(context.Background())
		var probs contacts.Problems
		if !errors.As(err, &probs) || len(probs) != 1 {
			t.Fatalf("Load %d: err = %v, want one problem", i, err)
		}
		if probs[0].File != r.base+pFirma {
			t.Errorf("problem names %q, want %q", probs[0].File, r.base+pFirma)
		}
		checkContacts(t, got, want, idJuergen, idOezlem)
	}
}

func TestDiscovery(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	r.mkAddressBook(t, "/"+testUser+"/firma/", "Firma")
	r.put(t, "/"+testUser+"/firma/zentrale.vcf",
		"BEGIN:VCARD", "VERSION:3.0", "UID:zentrale", "FN:Zentrale Köln",
		"TEL;TYPE=WORK:0221 4711-0", "END:VCARD")
	r.mkCalendar(t, "/"+testUser+"/termine/", "Termine")

	for _, tc := range []struct {
		name, url string
		ids       []string
	}{
		{"server root", r.base, []string{idJuergen, idFirma, idOezlem, "zentrale"}},
		{"root without slash", r.base + "", []string{idJuergen, idFirma, idOezlem, "zentrale"}},
		{"home set", r.base + "/" + testUser + "/", []string{idJuergen, idFirma, idOezlem, "zentrale"}},
		{"well-known", r.base + "/.well-known/carddav", []string{idJuergen, idFirma, idOezlem, "zentrale"}},
		{"one bookPath", r.base + "/" + testUser + "/firma/", []string{"zentrale"}},
		{"one bookPath without slash", r.base + "/" + testUser + "/firma", []string{"zentrale"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestSource(t, Config{URL: tc.url}, nil)
			got := load(t, s)
			var ids []string
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			sort.Strings(ids)
			want := append([]string(nil), tc.ids...)
			sort.Strings(want)
			if !reflect.DeepEqual(ids, want) {
				t.Errorf("ids = %q, want %q", ids, want)
			}
		})
	}
}

func TestWrongPassword(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	const wrong = "Falsches-Kennwort-99"
	s := newTestSource(t, Config{URL: r.base, User: testUser, Password: wrong}, nil)
	_, err := s.Load(context.Background())
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	msg := err.Error()
	host := strings.TrimPrefix(r.base, "http://")
	if !strings.Contains(msg, host) || !strings.Contains(msg, "401") || !strings.Contains(msg, testUser) {
		t.Errorf("error %q should name the server %s, the status 401 and the user", msg, host)
	}
	if strings.Contains(msg, wrong) {
		t.Errorf("error %q contains the password", msg)
	}
}

func TestServerDown(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := newTestSource(t, Config{URL: "http://" + addr + "/dav/"}, nil)
	_, err = s.Load(context.Background())
	if err == nil {
		t.Fatal("Load against a closed port succeeded")
	}
	if errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), addr) {
		t.Errorf("err = %v, want a connection error naming %s", err, addr)
	}
}

func TestContextCancelled(t *testing.T) {
	t.Parallel()
	r := seeded(t)
	s := newTestSource(t, Config{URL: r.base + bookPath}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Load(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Load with cancelled context: %v", err)
	}
	// The source still works afterwards.
	if got := load(t, s); len(got) != 3 {
		t.Errorf("Load after cancel: %d contacts, want 3", len(got))
	}
}

func TestContextDeadlineOnHangingServer(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() { close(release); ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() { // accepts and never answers
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); <-release; c.Close() }()
		}
	}()
	s := newTestSource(t, Config{URL: "http://" + ln.Addr().String() + "/"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := s.Load(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Load against hanging server: %v, want deadline exceeded", err)
	}
}

func TestTLSVerification(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="dav"`)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
	}))
	defer srv.Close()

	s := newTestSource(t, Config{URL: srv.URL}, nil)
	_, err := s.Load(context.Background())
	if err == nil || errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("self-signed certificate accepted or wrong error: %v", err)
	}

	s = newTestSource(t, Config{URL: srv.URL, InsecureSkipVerify: true}, nil)
	if _, err := s.Load(context.Background()); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("with InsecureSkipVerify: %v, want the server's 401", err)
	}
}

func TestRedirectToOtherHostRefused(t *testing.T) {
	t.Parallel()
	var leaked sync.Map
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Store("auth", true)
		}
		http.NotFound(w, r)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/dav/", http.StatusMovedPermanently)
	}))
	defer srv.Close()

	s := newTestSource(t, Config{URL: srv.URL + "/dav/"}, nil)
	_, err := s.Load(context.Background())
	if err == nil || !strings.Contains(err.Error(), "redirects to "+other.URL) {
		t.Errorf("err = %v, want a refused redirect naming %s", err, other.URL)
	}
	if _, ok := leaked.Load("auth"); ok {
		t.Error("credentials were sent to the redirect target")
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	s, err := New(Config{URL: "https://anna:pw@dav.example.de/remote.php/dav"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Name(), "carddav:https://dav.example.de/remote.php/dav"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
	if s.doer.user != "anna" || s.doer.pass != "pw" {
		t.Errorf("credentials from URL not used: %q", s.doer.user)
	}
	s, err = New(Config{URL: "https://dav.example.de/anna/", AddressBooks: []string{"kontakte", "/anna/firma", "https://dav.example.de/anna/privat/"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/anna/kontakte/", "/anna/firma/", "/anna/privat/"}; !reflect.DeepEqual(s.fixed, want) {
		t.Errorf("address books = %q, want %q", s.fixed, want)
	}

	for _, bad := range []Config{
		{URL: ""},
		{URL: "dav.example.de"},
		{URL: "ftp://dav.example.de/"},
		{URL: "https://dav.example.de/", AddressBooks: []string{"https://other.example.de/a/"}},
	} {
		if _, err := New(bad); err == nil {
			t.Errorf("New(%+v) succeeded", bad)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("error leaks password: %v", err)
		}
	}
	if _, err := New(Config{URL: "ftp://anna:geheim@dav.example.de/"}); err == nil || strings.Contains(err.Error(), "geheim") {
		t.Errorf("bad URL with password: %v", err)
	}
}
