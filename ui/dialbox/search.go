package dialbox

import (
	"context"
	"strings"
	"unicode"

	"deskcti/app/dialrules"
)

// changed follows the entry: a name starts a search, a number is shown as
// typed, nothing shows the recent numbers.
func (b *Box) changed(text string) {
	b.stopSearch()
	b.text, b.sel, b.err = strings.TrimSpace(text), -1, nil
	b.searching = false
	if b.text != "" && !isNumber(b.text) && b.h.Search != nil {
		b.searching = true
		b.startSearch(b.text)
	}
	if !b.searching {
		b.results = nil
	}
	b.rebuild()
}

// isNumber reports whether the text is to be dialled rather than searched
// for: no letters, or a number the dial rules find ("Tel. 0221 4711",
// "sip:23@pbx").
func isNumber(text string) bool {
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return true
	}
	_, err := dialrules.Extract(text)
	return err == nil
}

// startSearch searches after the debounce, on the timer's goroutine, with
// a context that the next key cancels.
func (b *Box) startSearch(query string) {
	b.gen++
	gen := b.gen
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	search, do := b.h.Search, b.do
	b.jobs.Add(1)
	b.pending = b.after(debounce, func() {
		defer b.jobs.Done()
		found := search(ctx, query, limit)
		do(func() {
			if gen != b.gen {
				return // the text changed meanwhile
			}
			b.results, b.searching = found, false
			b.rebuild()
		})
	})
}

// stopSearch cancels the search in progress or still waiting.
func (b *Box) stopSearch() {
	b.gen++
	if b.pending != nil && b.pending.Stop() {
		b.jobs.Done() // it will never run
	}
	b.pending = nil
	if b.cancel != nil {
		b.cancel()
		b.cancel = nil
	}
}

// loadRecent fetches the recent numbers on a goroutine (a journal query).
func (b *Box) loadRecent() {
	if b.h.Recent == nil {
		return
	}
	recent, do := b.h.Recent, b.do
	b.jobs.Add(1)
	go func() {
		defer b.jobs.Done()
		got := recent()
		if len(got) > maxRecent {
			got = got[:maxRecent]
		}
		do(func() {
			b.recent = got
			if b.text == "" {
				b.rebuild()
			}
		})
	}()
}
