package contacts

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineSource is a file source for tests: one "name;number" per line, a
// line without ';' is a bad record.
type lineSource struct{ path string }

func (s lineSource) Name() string    { return "lines:" + s.path }
func (s lineSource) Paths() []string { return []string{s.path} }
func (s lineSource) Load(ctx context.Context) ([]Contact, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Contact
	var probs Problems
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		name, num, ok := strings.Cut(sc.Text(), ";")
		if !ok {
			probs = append(probs, &LineError{File: s.path, Line: line, Err: errors.New("no ';'")})
			continue
		}
		out = append(out, Contact{Name: name, Source: s.Name(), Numbers: []Number{{Kind: Work, Raw: num}}})
	}
	if len(probs) > 0 {
		return out, probs
	}
	return out, nil
}

type failingSource struct{}

func (failingSource) Name() string { return "broken" }
func (failingSource) Load(context.Context) ([]Contact, error) {
	return nil, errors.New("cannot read")
}

type fakeSearcher struct{ calls int }

func (f *fakeSearcher) Name() string { return "ldap:test" }
func (f *fakeSearcher) LookupNumber(_ context.Context, e164, _ string) ([]Contact, error) {
	f.calls++
	switch e164 {
	case "+4969123456":
		return []Contact{{Name: "Aus dem LDAP", Numbers: []Number{{Kind: Mobile, Raw: "0171 555"}, {Kind: Work, Raw: "069 123456"}}}}, nil
	case "+494012345":
		// A directory whose filter matched the head number 040 1234-0.
		return []Contact{{Name: "Firma Nord", Numbers: []Number{{Kind: Work, Raw: "+49 40 1234-0"}}}}, nil
	case "+493055555":
		// A filter match the index cannot confirm.
		return []Contact{{Name: "Unsicher", Numbers: []Number{{Kind: Work, Raw: "030 999"}}}}, nil
	}
	return nil, nil
}
func (f *fakeSearcher) Search(context.Context, string, int) ([]Contact, error) {
	return []Contact{{Name: "LDAP Person"}}, nil
}

func write(t *testing.T, path, content string) {
	t.Helper()
	// Replace by rename, as exporters and editors do.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestBrokenSourceLeavesOthersWorking(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	write(t, good, "Erika;0221 471123\nkaputte Zeile\nHans;030 12345678\n")
	b := NewBook(koeln, []Source{failingSource{}, lineSource{good}}, nil, BookOptions{})
	err := b.Reload(context.Background())
	if err == nil || !strings.Contains(err.Error(), "cannot read") || !strings.Contains(err.Error(), "good.txt:2") {
		t.Fatalf("errors must name the broken source and the bad line: %v", err)
	}
	if r := b.Lookup(context.Background(), "+4930 12345678"); r.Contact == nil || r.Contact.Name != "Hans" {
		t.Fatalf("good source not searchable: %+v", r)
	}
	st := b.Status()
	if st[0].Err == nil || st[1].Count != 2 || st[1].LastLoad.IsZero() {
		t.Fatalf("status: %+v", st)
	}
}

func TestFailedReloadKeepsLastGoodContacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	write(t, path, "Erika;0221 471123\n")
	b := NewBook(koeln, []Source{lineSource{path}}, nil, BookOptions{})
	b.Reload(context.Background())
	os.Remove(path)
	if err := b.Reload(context.Background()); err == nil {
		t.Fatal("missing file not reported")
	}
	if r := b.Lookup(context.Background(), "0221471123"); r.Contact == nil {
		t.Fatal("a failed reload emptied the address book")
	}
}

func TestFileChangeSwapsIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	write(t, path, "Erika;0221 471123\n")
	b := NewBook(koeln, []Source{lineSource{path}}, nil, BookOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := b.Changed()
	go b.Run(ctx)
	wait := func(ch <-chan struct{}) {
		select {
		case <-ch:
		case <-time.After(10 * time.Second):
			t.Fatal("index not swapped")
		}
	}
	wait(changed)
	if r := b.Lookup(ctx, "0221471123"); r.Contact == nil {
		t.Fatal("first load missing")
	}

	// Readers keep going while the file changes and the index is rebuilt.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					b.Lookup(ctx, "0221471123")
					b.Index().Search("er", 5)
				}
			}
		}()
	}
	changed = b.Changed()
	write(t, path, "Erika;0221 471123\nNeu;089 998877\n")
	wait(changed)
	close(stop)
	wg.Wait()
	if r := b.Lookup(ctx, "089998877"); r.Contact == nil || r.Contact.Name != "Neu" {
		t.Fatalf("changed file not reloaded: %+v", r)
	}
}

func TestSearchersAskedOnlyOnMiss(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	write(t, path, "Erika;0221 471123\n")
	s := &fakeSearcher{}
	b := NewBook(koeln, []Source{lineSource{path}}, []Searcher{s}, BookOptions{})
	b.Reload(context.Background())
	if r := b.Lookup(context.Background(), "0221471123"); r.Contact.Name != "Erika" || s.calls != 0 {
		t.Fatalf("index hit went to LDAP: %d calls", s.calls)
	}
	if r := b.Lookup(context.Background(), "069 123456"); r.Contact == nil || r.Contact.Name != "Aus dem LDAP" ||
		r.Match != MatchExact || r.Number.Raw != "069 123456" {
		t.Fatalf("LDAP fallback must report the number that matched: %+v %+v", r, r.Number)
	}
	if r := b.Lookup(context.Background(), "040 12345"); r.Contact == nil || r.Match != MatchHead || r.Extension != "5" {
		t.Fatalf("LDAP head number: %+v", r)
	}
	if r := b.Lookup(context.Background(), "030 55555"); r.Contact == nil || !r.Weak() {
		t.Fatalf("unconfirmed LDAP match must be weak: %+v", r)
	}
	if r := b.Lookup(context.Background(), "anonymous"); r.Contact != nil || s.calls != 3 {
		t.Fatalf("anonymous must not go to LDAP (calls %d)", s.calls)
	}
	if got := b.Search(context.Background(), "er", 5); len(got) != 2 {
		t.Fatalf("search should combine index and LDAP: %+v", got)
	}
}
