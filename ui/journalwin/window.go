package journalwin

import (
	"context"
	"io"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/ui/mainloop"
)

// Handlers are everything the window does outside itself. List is
// required; a nil action leaves its button disabled.
type Handlers struct {
	// List runs a journal query (journal.Journal.List).
	List func(ctx context.Context, q journal.Query) ([]calls.Call, error)
	// SetNote replaces the note of call id (journal.Journal.SetNote).
	SetNote func(ctx context.Context, id int64, note string) error
	// Delete removes calls (journal.Journal.Delete).
	Delete func(ctx context.Context, ids ...int64) error
	// CallBack dials the call's remote number (app.Service.Dial).
	CallBack func(ctx context.Context, c calls.Call) error
	// OpenContact shows the matched contact in its address book or CRM.
	OpenContact func(c calls.Call) error
	// Copy puts text on the clipboard; nil uses the app's clipboard.
	Copy func(text string)
	// ExportCSV writes cs as CSV to w (journal.WriteCSVSep with ';' for
	// German users, ',' for English ones).
	ExportCSV func(ctx context.Context, w io.Writer, cs []calls.Call) error
	// Format shows the call's number, with or without the country code
	// (seed 004: as stored in the contact when matched, otherwise nationally
	// for the own country and internationally for others). nil shows the
	// E.164 form with the country code and the number as the phone sent it
	// without.
	Format func(c calls.Call, withCountryCode bool) string
}

// PageSize is how many calls one query loads; "Load more" fetches the
// next page, so that a journal of 100,000 calls opens at once.
const PageSize = 500

// Window is the call journal window. All its methods must be called on the
// Fyne goroutine (mainloop.Do), except WriteCSV.
type Window struct {
	app fyne.App
	h   Handlers
	win fyne.Window

	// do runs f on the Fyne goroutine: fyne.Do; tests run the queue
	// themselves, which keeps them free of data races and sleeps.
	do func(f func())
	// after runs f once d has passed unless stop is called first
	// (time.AfterFunc); tests fire it by hand.
	after    func(d time.Duration, f func()) (stop func() bool)
	now      func() time.Time
	debounce time.Duration
	pageSize int

	// mu guards current, the filters in effect, which WriteCSV reads from
	// any goroutine.
	mu      sync.Mutex
	current journal.Query

	// The state below belongs to the Fyne goroutine.
	calls      []calls.Call
	more       bool             // the last page was full: there may be more
	shown      journal.Query    // the filters calls were loaded with
	expanded   int64            // ID of the call shown with its details, 0: none
	heights    map[int]struct{} // list rows given their own height
	withCC     bool
	visible    bool               // shown and not closed since: only then does Refresh query
	gen        int                // the latest query; older answers are dropped
	cancel     context.CancelFunc // cancels the running query
	loading    bool
	exporting  bool
	loadErr    error
	searchSeq  int
	stopSearch func() bool

	timeW, numberW, collapsedH float32

	search      *widget.Entry
	missedCheck *widget.Check
	todayCheck  *widget.Check
	ccCheck     *widget.Check
	exportBtn   *widget.Button
	moreBtn     *widget.Button
	progress    *widget.ProgressBarInfinite
	errText     *widget.Label
	status      *widget.Label
	empty       *widget.Label
	list        *widget.List
	bottom      *fyne.Container // progress, error and status line
	emptyBox    *fyne.Container // centres empty
}

// New builds the journal window, hidden and empty; Show loads the calls.
// Closing the window only hides it, so that the tray can show it again.
func New(a fyne.App, h Handlers) *Window {
	w := &Window{
		app:      a,
		h:        h,
		do:       mainloop.Do,
		after:    func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop },
		now:      time.Now,
		debounce: 300 * time.Millisecond,
		pageSize: PageSize,
		heights:  map[int]struct{}{},
	}
	w.win = a.NewWindow(i18n.T("journalwin.title"))
	w.build()
	w.win.SetCloseIntercept(w.hide)
	w.win.Resize(fyne.NewSize(780, 560))
	return w
}

// Window is the Fyne window, for placing and sizing it. Do not Close it:
// a closed Fyne window cannot be shown again.
func (w *Window) Window() fyne.Window { return w.win }

// hide is what closing the window does: it only hides it, so that the
// tray can show it again.
func (w *Window) hide() {
	w.visible = false
	w.win.Hide()
}

// Show shows the window, ready for typing a search, and loads the calls
// afresh.
func (w *Window) Show() {
	w.visible = true
	w.win.Show()
	w.win.RequestFocus()
	w.win.Canvas().Focus(w.search)
	w.Refresh()
}

// Refresh queries the journal again with the filters in effect, keeping as
// many calls as are loaded now; a query still running is cancelled. The
// lead calls it (through mainloop.Do) when a call changed. While the window is
// closed it does nothing, since Show loads afresh anyway.
func (w *Window) Refresh() {
	if w.visible {
		w.load(false)
	}
}

func (w *Window) build() {
	w.measure()
	w.search = widget.NewEntry()
	w.search.SetPlaceHolder(i18n.T("journalwin.search"))
	w.search.OnChanged = func(string) { w.searchSoon() }
	w.search.OnSubmitted = func(string) { w.searchNow() }
	w.missedCheck = widget.NewCheck(i18n.T("journalwin.filter.missed"), func(bool) { w.load(false) })
	w.todayCheck = widget.NewCheck(i18n.T("journalwin.filter.today"), func(bool) { w.load(false) })
	w.ccCheck = widget.NewCheck(i18n.T("journalwin.countrycode"), w.setCountryCode)
	w.exportBtn = widget.NewButtonWithIcon(i18n.T("journalwin.export"), exportIcon(), w.chooseExportFile)
	if w.h.ExportCSV == nil {
		w.exportBtn.Disable()
	}
	filters := container.NewHBox(w.missedCheck, w.todayCheck, w.ccCheck, layout.NewSpacer(), w.exportBtn)

	w.list = widget.NewList(func() int { return len(w.calls) },
		func() fyne.CanvasObject { return w.newRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := w.calls[id]
			o.(*row).set(c, c.ID != 0 && c.ID == w.expanded)
		})
	w.list.OnSelected = w.expandRow
	w.empty = widget.NewLabel("")
	w.empty.Alignment = fyne.TextAlignCenter
	w.empty.Importance = widget.LowImportance
	w.empty.Hide()
	w.emptyBox = container.NewCenter(w.empty)

	w.progress = widget.NewProgressBarInfinite()
	w.progress.Hide()
	w.errText = widget.NewLabel("")
	w.errText.Wrapping = fyne.TextWrapWord
	w.errText.Importance = widget.DangerImportance
	w.errText.Selectable = true
	w.errText.Hide()
	w.status = widget.NewLabel("")
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.moreBtn = widget.NewButton(i18n.T("journalwin.more"), func() { w.load(true) })
	w.moreBtn.Hide()
	w.bottom = container.NewVBox(w.progress, w.errText, container.NewBorder(nil, nil, nil, w.moreBtn, w.status))

	w.win.SetContent(container.NewBorder(container.NewVBox(w.search, filters), w.bottom, nil, nil,
		container.NewStack(w.list, w.emptyBox)))
}

// measure fixes the widths of the time and number columns, so that they
// line up from row to row, and the height of a collapsed row.
func (w *Window) measure() {
	widest := func(texts ...string) float32 {
		var m float32
		for _, t := range texts {
			m = max(m, widget.NewLabel(t).MinSize().Width)
		}
		return m
	}
	late := time.Date(2026, 12, 28, 23, 58, 0, 0, time.Local)
	w.timeW = widest(i18n.T("journalwin.yesterday", late.Format(i18n.T("journalwin.layout.time"))),
		late.Format(i18n.T("journalwin.layout.date")), late.Format(i18n.T("journalwin.layout.year")))
	w.numberW = widest("+49 2219 876543-4299", i18n.T("journalwin.anonymous"))
	w.collapsedH = w.newRow().MinSize().Height
}

// setCountryCode switches the number display (seed 004: with or without
// country code); it needs no new query.
func (w *Window) setCountryCode(on bool) {
	w.withCC = on
	w.list.Refresh()
	if i := w.indexOf(w.expanded); i >= 0 {
		w.expandRow(i)
	}
}

// expandRow shows the details and actions of row id and folds the one
// shown before.
func (w *Window) expandRow(id widget.ListItemID) {
	for i := range w.heights {
		w.list.SetItemHeight(i, w.collapsedH)
	}
	clear(w.heights)
	if id < 0 || id >= len(w.calls) {
		w.expanded = 0
		return
	}
	w.expanded = w.calls[id].ID
	r := w.newRow()
	r.set(w.calls[id], true)
	w.heights[id] = struct{}{}
	w.list.SetItemHeight(id, r.MinSize().Height)
}

func (w *Window) indexOf(id int64) int {
	if id == 0 {
		return -1
	}
	for i, c := range w.calls {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// setCalls shows cs, keeping the expanded call expanded when it is still
// there.
func (w *Window) setCalls(cs []calls.Call) {
	w.calls = cs
	i := w.indexOf(w.expanded)
	if i < 0 {
		w.list.UnselectAll()
	} else {
		w.list.Select(i)
	}
	w.expandRow(i)
	w.list.Refresh()
	w.updateStatus()
}

// updateStatus shows the count, the empty text, "Load more" and the
// progress bar as the state says.
func (w *Window) updateStatus() {
	busy := w.loading || w.exporting
	if busy {
		w.progress.Show()
	} else {
		w.progress.Hide()
	}
	if w.more && !w.loading {
		w.moreBtn.Show()
	} else {
		w.moreBtn.Hide()
	}
	switch {
	case len(w.calls) > 0 || w.loadErr != nil:
		w.empty.Hide()
	case w.loading:
		w.empty.SetText(i18n.T("journalwin.loading"))
		w.empty.Show()
	case w.shown != (journal.Query{}):
		w.empty.SetText(i18n.T("journalwin.empty.filtered"))
		w.empty.Show()
	default:
		w.empty.SetText(i18n.T("journalwin.empty"))
		w.empty.Show()
	}
	switch {
	case w.loading:
		w.status.SetText(i18n.T("journalwin.loading"))
	case w.more:
		w.status.SetText(i18n.T("journalwin.count.more", len(w.calls)))
	case len(w.calls) == 1:
		w.status.SetText(i18n.T("journalwin.count.one"))
	default:
		w.status.SetText(i18n.T("journalwin.count", len(w.calls)))
	}
	// Lay the bar out again now, not only at the next frame: a screenshot
	// or a test may look before.
	w.bottom.Refresh()
	w.emptyBox.Refresh()
}
