package contacts

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"deskcti/contacts/number"

	"github.com/fsnotify/fsnotify"
)

// Status is what the settings show for one source.
type Status struct {
	Name     string
	Count    int       // contacts loaded
	LastLoad time.Time // zero until the first load finished
	Loading  bool
	// Err is the last load's error; a *Problems error comes with the
	// contacts that could be read.
	Err error
}

// Book is the live address book: every Source loaded in the background into
// one Index that is swapped atomically when a source changes, plus the
// Searchers asked per call. Lookups never wait for a reload.
type Book struct {
	home      number.Home
	opt       IndexOptions
	interval  time.Duration
	searchers []Searcher
	log       *slog.Logger

	mu      sync.Mutex
	sources []*loaded
	index   atomic.Pointer[Index]
	changed chan struct{} // closed and replaced on every swap, for waiters
}

type loaded struct {
	src      Source
	contacts []Contact
	status   Status
}

// BookOptions configure a Book.
type BookOptions struct {
	Index IndexOptions
	// Interval reloads sources that are not files (CardDAV); 0 means 15 minutes.
	Interval time.Duration
	Logger   *slog.Logger
}

// NewBook makes an empty book for numbers relative to home.
func NewBook(home number.Home, sources []Source, searchers []Searcher, o BookOptions) *Book {
	if o.Interval <= 0 {
		o.Interval = 15 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	b := &Book{home: home, opt: o.Index, interval: o.Interval, searchers: searchers, log: o.Logger, changed: make(chan struct{})}
	for _, s := range sources {
		b.sources = append(b.sources, &loaded{src: s, status: Status{Name: s.Name()}})
	}
	b.index.Store(Build(nil, home, o.Index))
	return b
}

// Index is the current index; it never is nil.
func (b *Book) Index() *Index { return b.index.Load() }

// Changed returns a channel that is closed at the next index swap.
func (b *Book) Changed() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.changed
}

// Status reports every source, files and CardDAV first, then searchers.
func (b *Book) Status() []Status {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Status, 0, len(b.sources)+len(b.searchers))
	for _, l := range b.sources {
		out = append(out, l.status)
	}
	for _, s := range b.searchers {
		out = append(out, Status{Name: s.Name()})
	}
	return out
}

// Reload loads every source now and swaps the index; it returns the
// sources' errors joined. A source that fails keeps the contacts of its
// last good load, so one broken file never empties the address book.
func (b *Book) Reload(ctx context.Context) error {
	return b.refresh(ctx, b.snapshot())
}

// refresh loads the sources ls and swaps in a new index. File sources are
// loaded last, with garbage collections held off until the index is built
// (see HoldGC): their loads and the build are all CPU and allocations
// that stay live. Network sources go first, unheld, as they may wait on
// a server for seconds.
func (b *Book) refresh(ctx context.Context, ls []*loaded) error {
	var errs []error
	load := func(files bool) {
		for _, l := range ls {
			if _, isFile := l.src.(Watched); isFile == files {
				if err := b.load(ctx, l); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	load(false)
	release := HoldGC()
	defer release()
	load(true)
	b.rebuild()
	return errors.Join(errs...)
}

func (b *Book) snapshot() []*loaded {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*loaded(nil), b.sources...)
}

func (b *Book) load(ctx context.Context, l *loaded) error {
	b.mu.Lock()
	l.status.Loading = true
	b.mu.Unlock()
	var cs []Contact
	var err error
	if ns, ok := l.src.(NormalizingSource); ok {
		// Normalised already: what has no E.164 form did not parse, and
		// would not a second time.
		cs, err = ns.LoadNormalized(ctx, b.home)
	} else {
		cs, err = l.src.Load(ctx)
		Normalize(cs, b.home) // fresh from the source: nobody else reads them yet
	}
	var probs Problems
	partial := errors.As(err, &probs)
	b.mu.Lock()
	defer b.mu.Unlock()
	l.status.Loading = false
	l.status.Err = err
	if err == nil || partial {
		l.contacts = cs
		l.status.Count = len(cs)
		l.status.LastLoad = time.Now()
	}
	if err != nil {
		b.log.Warn("contact source", "source", l.status.Name, "err", err)
	}
	return err
}

// rebuild makes a new index from every source's contacts and swaps it in.
func (b *Book) rebuild() {
	b.mu.Lock()
	var all []Contact
	if len(b.sources) == 1 {
		all = b.sources[0].contacts // Build only reads them: a million need no copy
	} else {
		for _, l := range b.sources {
			all = append(all, l.contacts...)
		}
	}
	b.mu.Unlock()
	ix := Build(all, b.home, b.opt)
	b.mu.Lock()
	b.index.Store(ix)
	close(b.changed)
	b.changed = make(chan struct{})
	b.mu.Unlock()
}

// Run loads every source, then keeps the index current until ctx ends:
// file sources reload when their files change, others every Interval.
func (b *Book) Run(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		b.Reload(ctx)
		return err
	}
	defer w.Close()
	byDir := map[string][]*loaded{}
	for _, l := range b.snapshot() {
		if ws, ok := l.src.(Watched); ok {
			for _, p := range ws.Paths() {
				// Watch the directory, not the file: editors and exporters
				// replace files by renaming, which ends a watch on the file.
				dir := filepath.Dir(p)
				if _, seen := byDir[dir]; !seen {
					if err := w.Add(dir); err != nil {
						b.log.Warn("watch contacts", "dir", dir, "err", err)
					}
				}
				byDir[dir] = append(byDir[dir], l)
			}
		}
	}
	// The first load comes after the watches, so that a change made while
	// it runs is seen.
	b.Reload(ctx)
	tick := time.NewTicker(b.interval)
	defer tick.Stop()
	// Changes come in bursts (write, chmod, rename); wait for quiet.
	const settle = 300 * time.Millisecond
	pending := map[*loaded]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			for _, l := range byDir[filepath.Dir(ev.Name)] {
				for _, p := range l.src.(Watched).Paths() {
					if filepath.Clean(p) == filepath.Clean(ev.Name) {
						pending[l] = true
					}
				}
			}
			if len(pending) > 0 {
				if timer == nil {
					timer = time.NewTimer(settle)
				} else {
					timer.Reset(settle)
				}
				fire = timer.C
			}
		case err, ok := <-w.Errors:
			if ok {
				b.log.Warn("watch contacts", "err", err)
			}
		case <-fire:
			fire = nil
			b.refresh(ctx, slices.Collect(maps.Keys(pending)))
			clear(pending)
		case <-tick.C:
			var net []*loaded
			for _, l := range b.snapshot() {
				if _, isFile := l.src.(Watched); !isFile {
					net = append(net, l)
				}
			}
			if len(net) > 0 {
				b.refresh(ctx, net)
			}
		}
	}
}

// Lookup finds the caller: the index first, then each Searcher (LDAP) in
// turn until one knows the number. A searcher's answers go through the same
// matching as the index, so that the number shown is the one that matched
// and a company head number is reported as such.
func (b *Book) Lookup(ctx context.Context, raw string) Result {
	res := b.Index().Lookup(raw)
	if res.Match != MatchNone || len(b.searchers) == 0 {
		return res
	}
	if strings.Trim(number.Digits(number.StripURI(raw)), "+") == "" {
		return res // withheld or empty: nothing to ask
	}
	for _, s := range b.searchers {
		cs, err := s.LookupNumber(ctx, res.E164, raw)
		if err != nil {
			b.log.Warn("contact lookup", "source", s.Name(), "err", err)
			continue
		}
		if len(cs) == 0 {
			continue
		}
		Normalize(cs, b.home)
		if r := Build(cs, b.home, b.opt).Lookup(raw); r.Match != MatchNone {
			return r
		}
		// The directory matched in a way the index does not (its own
		// filter): trust it, but as a weak match.
		for i := range cs {
			if len(cs[i].Numbers) > 0 {
				res.Contact, res.Number, res.Match = &cs[i], &cs[i].Numbers[0], MatchSuffix
				return res
			}
		}
	}
	return res
}

// Search finds contacts by name in the index and every Searcher.
func (b *Book) Search(ctx context.Context, query string, limit int) []Contact {
	out := b.Index().Search(query, limit)
	for _, s := range b.searchers {
		if len(out) >= limit {
			break
		}
		cs, err := s.Search(ctx, query, limit-len(out))
		if err != nil {
			b.log.Warn("contact search", "source", s.Name(), "err", err)
			continue
		}
		out = append(out, cs...)
	}
	return out
}

// AddSource adds a source to a running book (the user's own address book,
// created while deskcti runs); a source of the same name is not added
// twice. It is loaded by the next Reload, which the caller starts.
func (b *Book) AddSource(src Source) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range b.sources {
		if l.src.Name() == src.Name() {
			return
		}
	}
	b.sources = append(b.sources, &loaded{src: src, status: Status{Name: src.Name()}})
}
