package journalwin

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"deskcti/app/calls"
	"deskcti/app/journal"
)

// filter is the query the filter widgets ask for, without paging.
func (w *Window) filter() journal.Query {
	q := journal.Query{Missed: w.missedCheck.Checked, Text: strings.TrimSpace(w.search.Text)}
	if w.todayCheck.Checked {
		now := w.now()
		y, m, d := now.Date()
		q.Since = time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	}
	return q
}

// searchSoon runs the search once the user stops typing for a moment, so
// that typing "Müller" is one query and not six.
func (w *Window) searchSoon() {
	if w.stopSearch != nil {
		w.stopSearch()
	}
	w.searchSeq++
	seq := w.searchSeq
	w.stopSearch = w.after(w.debounce, func() {
		w.do(func() {
			if seq == w.searchSeq { // else a later keystroke has its own timer
				w.stopSearch = nil
				w.load(false)
			}
		})
	})
}

// searchNow runs the search at once (Enter).
func (w *Window) searchNow() {
	if w.stopSearch != nil {
		w.stopSearch()
		w.stopSearch = nil
	}
	w.searchSeq++
	w.load(false)
}

// load queries the journal on a goroutine, cancelling a query still
// running. more appends the next page; otherwise the calls are loaded
// afresh: one page, or as many as are shown now when the filters did not
// change (a Refresh must not fold pages the user opened).
func (w *Window) load(more bool) {
	f := w.filter()
	w.mu.Lock()
	w.current = f
	w.mu.Unlock()

	q := f
	limit := w.pageSize
	switch {
	case more:
		q.Offset = len(w.calls)
	case f == w.shown:
		limit = max(limit, len(w.calls))
	}
	q.Limit = limit + 1 // one more than shown tells whether there are more

	if w.cancel != nil {
		w.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.gen++
	gen := w.gen
	w.loading = true
	w.updateStatus()
	list := w.h.List
	go func() {
		var cs []calls.Call
		var err error
		if list != nil {
			cs, err = list(ctx, q)
		}
		w.do(func() {
			if gen != w.gen {
				return // a newer query replaced this one and cancelled it
			}
			cancel()
			w.cancel = nil
			w.loading = false
			w.loaded(f, q, cs, err)
		})
	}()
}

// loaded shows the answer to q, the query for the filters f.
func (w *Window) loaded(f, q journal.Query, cs []calls.Call, err error) {
	if err != nil {
		w.loadErr = err
		w.errText.SetText(explainText(err))
		w.errText.Show()
		w.updateStatus()
		return
	}
	w.loadErr = nil
	w.errText.Hide()
	w.more = len(cs) >= q.Limit
	if w.more {
		cs = cs[:q.Limit-1]
	}
	if q.Offset > 0 {
		cs = appendNew(w.calls, cs)
	}
	w.shown = f
	w.setCalls(cs)
}

// appendNew appends the calls of page that are not in have yet: a call
// that arrived meanwhile shifts the pages by one.
func appendNew(have, page []calls.Call) []calls.Call {
	seen := make(map[int64]bool, len(have))
	for _, c := range have {
		seen[c.ID] = true
	}
	out := append([]calls.Call(nil), have...)
	for _, c := range page {
		if !seen[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

// WriteCSV writes every call the filters in effect select (all of them,
// not only the pages loaded) to out through Handlers.ExportCSV and says
// how many. The export button's file dialog ends here; unlike the other
// methods it may be called from any goroutine.
func (w *Window) WriteCSV(ctx context.Context, out io.Writer) (int, error) {
	if w.h.ExportCSV == nil || w.h.List == nil {
		return 0, fmt.Errorf("journal export: not available")
	}
	w.mu.Lock()
	q := w.current
	w.mu.Unlock()
	q.Limit, q.Offset = 0, 0
	cs, err := w.h.List(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("journal export: %w", err)
	}
	if err := w.h.ExportCSV(ctx, out, cs); err != nil {
		return 0, fmt.Errorf("journal export: %w", err)
	}
	return len(cs), nil
}
