package journalwin

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"deskcti/ui/internal/uitest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/app/journal"
)

func sampleIDs(cs []calls.Call) []int64 {
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestRowsShowTheCalls(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		cs := SampleCalls(testNow)
		e := open(t, cs)

		q, n := e.f.lastQuery()
		if n != 1 || q.Missed || q.Text != "" || !q.Since.IsZero() || q.Limit != PageSize+1 || q.Offset != 0 {
			t.Fatalf("first query %+v (of %d), want the first page of everything", q, n)
		}
		if got, want := e.shownIDs(), sampleIDs(cs); !slices.Equal(got, want) {
			t.Fatalf("rows show calls %v, want newest first %v", got, want)
		}

		ringing := e.rowOf(12)
		if got := richText(ringing.who); !strings.Contains(got, "Gisela Müller") || !strings.Contains(got, "Müller & Söhne GmbH") {
			t.Errorf("ringing row shows %q, want the contact and company", got)
		}
		if seg := ringing.who.Segments[0].Textual(); seg != "Gisela Müller" {
			t.Errorf("first segment %q should be the contact's name", seg)
		}
		if ringing.number.Text != "02219876542" {
			t.Errorf("number %q, want the national form without country code", ringing.number.Text)
		}
		if ringing.icon.Resource != iconRinging {
			t.Errorf("ringing call has icon %v", ringing.icon.Resource.Name())
		}
		if ringing.when.Text != "10:59" {
			t.Errorf("time of a call today %q, want the clock time alone", ringing.when.Text)
		}

		missed := e.rowOf(9)
		if missed.icon.Resource != iconMissed || missed.number.Importance != widget.DangerImportance {
			t.Errorf("missed call: icon %s, number importance %v; want the red ones", missed.icon.Resource.Name(), missed.number.Importance)
		}
		if got := richText(missed.who); got != i18n.T("journalwin.unknown") {
			t.Errorf("unknown caller shows %q", got)
		}
		withheld := e.rowOf(7)
		if withheld.number.Text != i18n.T("journalwin.anonymous") || !withheld.dial.Disabled() {
			t.Errorf("withheld number shows %q, call back enabled: %v", withheld.number.Text, !withheld.dial.Disabled())
		}
		if want := i18n.T("journalwin.yesterday", "09:00"); withheld.when.Text != want {
			t.Errorf("yesterday's call shows %q, want %q", withheld.when.Text, want)
		}
		guess := e.rowOf(6)
		if got := richText(guess.who); !strings.HasPrefix(got, "Brigitte Schäfer?") {
			t.Errorf("a suffix match shows %q, want it marked as a guess", got)
		}
		noted := e.rowOf(8)
		if got := richText(noted.who); !strings.Contains(got, "Stadtwerke Köln") || !strings.Contains(got, "Zählerstand bis Freitag nachreichen.") || strings.Contains(got, "Özdemir") {
			t.Errorf("row with a note shows %q, want the company and the note's first line", got)
		}
		if e.rowOf(10).icon.Resource != iconTalking || e.rowOf(11).icon.Resource != iconHeld || e.rowOf(5).icon.Resource != iconIn {
			t.Error("connected, held or ended incoming call has the wrong icon")
		}
		if e.w.status.Text != i18n.T("journalwin.count", len(cs)) || e.w.empty.Visible() || e.w.moreBtn.Visible() {
			t.Errorf("status %q, empty shown %v, more shown %v", e.w.status.Text, e.w.empty.Visible(), e.w.moreBtn.Visible())
		}
	})
}

func TestExpandedRowShowsDetails(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := open(t, SampleCalls(testNow))
		r := e.expand(12)
		for _, want := range []string{
			i18n.T("journalwin.dir.in") + ", " + i18n.T("journalwin.state.ringing"),
			i18n.T("journalwin.detail.contact", "Gisela Müller, Müller & Söhne GmbH, "+i18n.T("journalwin.detail.extension", "42")),
			i18n.T("journalwin.detail.source", "csv: Kontakte.csv") + " · " + i18n.T("journalwin.match.head"),
			"022198765 42 · +492219876542",
		} {
			if !strings.Contains(r.info.Text, want) {
				t.Errorf("details\n%s\nlack %q", r.info.Text, want)
			}
		}
		if r.openBtn.Disabled() || r.callBtn.Disabled() || r.noteBtn.Text != i18n.T("journalwin.note.add") {
			t.Error("actions of a known caller should all be available, the note one to add")
		}
		// Expanding another folds the first and gives the new one its height.
		r5 := e.expand(5)
		if e.rowOf(12).details.Visible() {
			t.Error("the first row stayed expanded")
		}
		for _, want := range []string{i18n.T("journalwin.detail.duration", "28:50"), i18n.T("journalwin.detail.transferred", "24")} {
			if !strings.Contains(r5.info.Text, want) {
				t.Errorf("details\n%s\nlack %q", r5.info.Text, want)
			}
		}
		if r5.Size().Height <= e.w.collapsedH {
			t.Errorf("expanded row is %v high, no more than a folded one (%v)", r5.Size().Height, e.w.collapsedH)
		}
		unknown := e.expand(9)
		if !unknown.openBtn.Disabled() || !strings.Contains(unknown.info.Text, i18n.T("journalwin.detail.nocontact")) {
			t.Error("a caller without contact must say so and offer no contact to open")
		}
	})
}

// Each filter box asks the journal for its calls; both together narrow
// further, and unticking lifts the filter again.
func TestFilters(t *testing.T) {
	midnight := time.Date(2026, 11, 30, 0, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		name   string
		tick   func(*Window) []*widget.Check
		missed bool
		since  time.Time
		ids    []int64
	}{
		{"missed", func(w *Window) []*widget.Check { return []*widget.Check{w.missedCheck} }, true, time.Time{}, []int64{9, 7}},
		{"today", func(w *Window) []*widget.Check { return []*widget.Check{w.todayCheck} }, false, midnight, []int64{12, 11, 10, 9, 8}},
		{"both", func(w *Window) []*widget.Check { return []*widget.Check{w.missedCheck, w.todayCheck} }, true, midnight, []int64{9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := open(t, SampleCalls(testNow))
			boxes := tc.tick(e.w)
			for _, c := range boxes {
				test.Tap(c)
				e.idle()
			}
			q, _ := e.f.lastQuery()
			if q.Missed != tc.missed || !q.Since.Equal(tc.since) || q.Text != "" {
				t.Fatalf("query %+v, want Missed %v, Since %v", q, tc.missed, tc.since)
			}
			if got := e.shownIDs(); !slices.Equal(got, tc.ids) {
				t.Fatalf("shows %v, want %v", got, tc.ids)
			}
			for _, c := range boxes {
				test.Tap(c)
				e.idle()
			}
			if q, _ := e.f.lastQuery(); q.Missed || !q.Since.IsZero() || len(e.shownIDs()) != 8 {
				t.Fatalf("after unticking: query %+v, %d calls shown", q, len(e.shownIDs()))
			}
		})
	}
}

func TestSearchIsDebounced(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	_, before := e.f.lastQuery()
	test.Type(e.w.search, "Mül")
	if _, n := e.f.lastQuery(); n != before {
		t.Fatalf("typing ran %d queries at once, want none before the pause", n-before)
	}
	if len(e.timers.pending) != 3 {
		t.Fatalf("%d timers for 3 keystrokes", len(e.timers.pending))
	}
	if fired := e.timers.fireLive(); fired != 1 {
		t.Fatalf("%d timers still live after 3 keystrokes, want only the last", fired)
	}
	e.q.until(t, "the search query", func() bool { _, n := e.f.lastQuery(); return n == before+1 })
	e.idle()
	q, n := e.f.lastQuery()
	if q.Text != "Mül" || n != before+1 {
		t.Fatalf("query %+v (%d after typing), want one with Text Mül", q, n-before)
	}
	if got := e.shownIDs(); !slices.Equal(got, []int64{12}) {
		t.Fatalf("search shows %v", got)
	}

	// Enter searches at once and the pending pause is dropped.
	test.Type(e.w.search, "x")
	e.w.search.OnSubmitted(e.w.search.Text)
	e.idle()
	if q, _ := e.f.lastQuery(); q.Text != "Mülx" {
		t.Fatalf("Enter searched %q", q.Text)
	}
	if e.w.empty.Text != i18n.T("journalwin.empty.filtered") || !e.w.empty.Visible() {
		t.Errorf("no result shows %q (visible %v)", e.w.empty.Text, e.w.empty.Visible())
	}
	_, n = e.f.lastQuery()
	e.timers.fireLive()
	e.idle()
	if _, m := e.f.lastQuery(); m != n {
		t.Error("a timer cancelled by Enter ran a query")
	}
}

// A new query cancels the one still running, and a late answer to the old
// one is never shown.
func TestNewQueryCancelsOld(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	release := make(chan struct{})
	cancelled := make(chan bool, 1)
	list := e.w.h.List
	e.w.h.List = func(ctx context.Context, q journal.Query) ([]calls.Call, error) {
		if q.Missed {
			<-release
			cancelled <- ctx.Err() != nil
			return []calls.Call{{ID: 99, Remote: "0999", State: calls.Missed}}, nil
		}
		return list(ctx, q)
	}
	test.Tap(e.w.missedCheck) // slow query
	e.w.search.SetText("Weiß")
	e.w.missedCheck.SetChecked(false) // fast query replaces it
	e.idle()
	close(release)
	if !<-cancelled {
		t.Error("the replaced query's context was not cancelled")
	}
	(<-e.q)() // the stale answer arrives on the UI goroutine
	if got := e.shownIDs(); !slices.Equal(got, []int64{10}) {
		t.Fatalf("shows %v, want the answer to the newest query", got)
	}
}

func TestCallBack(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	test.Tap(e.rowOf(9).dial)
	e.q.until(t, "the call back", func() bool { return len(e.f.seen().callbacks) == 1 })
	if got := e.f.seen().callbacks[0]; got.ID != 9 || got.RemoteE164 != "+491701234567" {
		t.Fatalf("called back %+v, want call 9", got)
	}
	if want := i18n.T("journalwin.calling", "01701234567"); e.w.status.Text != want {
		t.Errorf("status %q, want %q", e.w.status.Text, want)
	}
	test.Tap(e.expand(10).callBtn)
	e.q.until(t, "the second call back", func() bool { return len(e.f.seen().callbacks) == 2 })
	if got := e.f.seen().callbacks[1].ID; got != 10 {
		t.Fatalf("expanded row called back call %d", got)
	}
}

func TestCallBackErrorShown(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	e.w.h.CallBack = func(context.Context, calls.Call) error { return errors.New("phone says no") }
	test.Tap(e.rowOf(9).dial)
	e.q.until(t, "the error dialog", func() bool { return e.w.win.Canvas().Overlays().Top() != nil })
	if got := e.overlayText(); !strings.Contains(got, "phone says no") || !strings.Contains(got, i18n.T("journalwin.error.callback", "01701234567")) {
		t.Fatalf("error dialog says %q", got)
	}
}

func TestCopyOpenAndCountryCode(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	r := e.expand(10)
	test.Tap(r.copyBtn)
	if got := e.f.seen().copied; !slices.Equal(got, []string{"089123456"}) {
		t.Fatalf("copied %q", got)
	}
	test.Tap(e.w.ccCheck)
	if got := e.rowOf(10).number.Text; got != "+49 89123456" {
		t.Fatalf("with country code the number shows %q", got)
	}
	if cc := e.f.seen().formatCC; !cc[len(cc)-1] {
		t.Fatal("Format was not asked for the country code")
	}
	test.Tap(e.rowOf(10).copyBtn)
	if got := e.f.seen().copied; got[len(got)-1] != "+49 89123456" {
		t.Fatalf("copied %q, want the number as shown", got)
	}
	test.Tap(e.rowOf(10).openBtn)
	e.q.until(t, "open contact", func() bool { return len(e.f.seen().opened) == 1 })
	if got := e.f.seen().opened[0]; got.Contact == nil || got.Contact.Name != "Dr. Jörg Weiß" {
		t.Fatalf("opened %+v", got.Contact)
	}
}

func TestEditNote(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := open(t, SampleCalls(testNow))
		test.Tap(e.expand(9).noteBtn)
		entry := e.overlayEntry()
		if entry.Text != "" || !entry.MultiLine {
			t.Fatalf("note entry holds %q, multi-line %v", entry.Text, entry.MultiLine)
		}
		test.Type(entry, "Bitte zurückrufen")
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		test.Type(entry, "wegen Angebot")
		test.Tap(e.overlayButton(i18n.T("journalwin.save")))
		e.q.until(t, "the note", func() bool { return len(e.f.seen().notes) == 1 })
		if got := e.f.seen().notes[0]; got != "9:Bitte zurückrufen\nwegen Angebot" {
			t.Fatalf("SetNote got %q", got)
		}
		e.q.until(t, "the row update", func() bool { return e.rowOf(9).call.Note != "" })
		r := e.rowOf(9)
		if got := richText(r.who); !strings.Contains(got, "Bitte zurückrufen") || strings.Contains(got, "Angebot") {
			t.Errorf("row shows %q, want the note's first line", got)
		}
		if !strings.Contains(r.info.Text, i18n.T("journalwin.detail.note", "Bitte zurückrufen\n    wegen Angebot")) {
			t.Errorf("details lack the note:\n%s", r.info.Text)
		}
		if r.noteBtn.Text != i18n.T("journalwin.note.edit") {
			t.Errorf("note button says %q", r.noteBtn.Text)
		}

		// Editing starts from the saved note; Cancel saves nothing.
		test.Tap(r.noteBtn)
		if got := e.overlayEntry().Text; got != "Bitte zurückrufen\nwegen Angebot" {
			t.Fatalf("edit starts with %q", got)
		}
		test.Tap(e.overlayButton(i18n.T("journalwin.cancel")))
		if n := len(e.f.seen().notes); n != 1 {
			t.Fatalf("Cancel saved a note (%d)", n)
		}
	})
}

func TestDeleteAsksFirst(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := open(t, SampleCalls(testNow))
		test.Tap(e.expand(9).deleteBtn)
		if got := e.overlayText(); !strings.Contains(got, i18n.T("journalwin.delete.title")) || !strings.Contains(got, "30.11.2026 10:13:00") && !strings.Contains(got, "30 Nov 2026 10:13:00") {
			t.Fatalf("confirmation says %q", got)
		}
		test.Tap(e.overlayButton(i18n.T("journalwin.cancel")))
		if len(e.f.seen().deletes) != 0 {
			t.Fatal("deleted although the user said no")
		}
		test.Tap(e.rowOf(9).deleteBtn)
		test.Tap(e.overlayButton(i18n.T("journalwin.delete.yes")))
		e.q.until(t, "the delete", func() bool { return e.w.indexOf(9) < 0 })
		if got := e.f.seen().deletes; len(got) != 1 || !slices.Equal(got[0], []int64{9}) {
			t.Fatalf("Delete got %v", got)
		}
		if slices.Contains(e.shownIDs(), 9) || e.w.expanded != 0 {
			t.Fatal("the deleted call is still shown or expanded")
		}
		if e.w.status.Text != i18n.T("journalwin.count", 7) {
			t.Errorf("status %q after delete", e.w.status.Text)
		}
	})
}

// fileWriter is what the file save dialog hands over.
type fileWriter struct {
	bytes.Buffer
	closed bool
}

func (f *fileWriter) URI() fyne.URI { return storage.NewFileURI("/home/anna/journal.csv") }
func (f *fileWriter) Close() error  { f.closed = true; return nil }

func TestExport(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := open(t, SampleCalls(testNow), func(w *Window) { w.pageSize = 1 })
		test.Tap(e.w.missedCheck)
		e.idle()
		if got := e.shownIDs(); len(got) != 1 {
			t.Fatalf("one page shows %v", got)
		}
		var out fileWriter
		e.w.exportTo(&out)
		e.idle()
		if !out.closed {
			t.Error("the file was not closed")
		}
		if got := out.String(); got != "01701234567\nanonymous\n" {
			t.Fatalf("file holds %q, want every missed call, not only the page shown", got)
		}
		if want := i18n.T("journalwin.exported", 2, "journal.csv"); e.w.status.Text != want {
			t.Errorf("status %q, want %q", e.w.status.Text, want)
		}

		// The button opens the save dialog.
		test.Tap(e.w.exportBtn)
		if e.w.win.Canvas().Overlays().Top() == nil {
			t.Fatal("export opened no file dialog")
		}
	})
}

func TestExportErrorShown(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	e.w.h.ExportCSV = func(context.Context, io.Writer, []calls.Call) error { return errors.New("disk full") }
	var out fileWriter
	e.w.exportTo(&out)
	e.idle()
	if !strings.Contains(e.overlayText(), "disk full") || !out.closed {
		t.Fatalf("export error not shown (%q) or file left open", e.overlayText())
	}
}

func TestPaging(t *testing.T) {
	e := open(t, SampleCalls(testNow), func(w *Window) { w.pageSize = 3 })
	if got := e.shownIDs(); !slices.Equal(got, []int64{12, 11, 10}) || !e.w.moreBtn.Visible() {
		t.Fatalf("first page %v, more shown %v", got, e.w.moreBtn.Visible())
	}
	if e.w.status.Text != i18n.T("journalwin.count.more", 3) {
		t.Errorf("status %q", e.w.status.Text)
	}
	test.Tap(e.w.moreBtn)
	e.idle()
	if q, _ := e.f.lastQuery(); q.Offset != 3 || q.Limit != 4 {
		t.Fatalf("more asked %+v", q)
	}
	test.Tap(e.w.moreBtn)
	e.idle()
	if len(e.w.calls) != 8 || e.w.moreBtn.Visible() {
		t.Fatalf("after the last page: %d calls, more shown %v", len(e.w.calls), e.w.moreBtn.Visible())
	}

	// A new call and a Refresh keep every page loaded, and the expanded
	// call stays expanded.
	e.expand(8)
	e.f.store.mu.Lock()
	e.f.store.calls = append([]calls.Call{{ID: 13, Direction: calls.Incoming, State: calls.Ringing, Remote: "0221 555", Start: testNow}}, e.f.store.calls...)
	e.f.store.mu.Unlock()
	e.w.Refresh()
	e.idle()
	if q, _ := e.f.lastQuery(); q.Offset != 0 || q.Limit != 9 {
		t.Fatalf("refresh asked %+v, want all 8 shown plus one", q)
	}
	if len(e.w.calls) != 8 || e.w.calls[0].ID != 13 || !e.w.moreBtn.Visible() {
		t.Fatalf("after refresh %v (more shown %v), want the new call on top and the oldest behind More", sampleIDs(e.w.calls), e.w.moreBtn.Visible())
	}
	if e.w.expanded != 8 || !e.rowOf(8).details.Visible() {
		t.Error("the expanded call folded on refresh")
	}
}

func TestLoadErrorShown(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := open(t, nil)
		e.f.listErr = &journal.BrokenError{Path: "/home/anna/journal.db", Err: errors.New("file is not a database")}
		e.w.Refresh()
		e.idle()
		if !e.w.errText.Visible() || !strings.Contains(e.w.errText.Text, "/home/anna/journal.db") || e.w.empty.Visible() {
			t.Fatalf("error shown %v: %q; empty text shown %v", e.w.errText.Visible(), e.w.errText.Text, e.w.empty.Visible())
		}
		e.f.listErr = nil
		e.w.Refresh()
		e.idle()
		if e.w.errText.Visible() || e.w.empty.Text != i18n.T("journalwin.empty") || !e.w.empty.Visible() {
			t.Fatalf("after recovery: error shown %v, empty %q", e.w.errText.Visible(), e.w.empty.Text)
		}
	})
}

func TestCloseOnlyHides(t *testing.T) {
	e := open(t, SampleCalls(testNow))
	e.w.hide() // what the window manager's close button runs (a test window cannot press it)
	_, n := e.f.lastQuery()
	e.w.Refresh()
	if _, m := e.f.lastQuery(); m != n || e.w.loading {
		t.Fatal("a closed window queried the journal")
	}
	// The window must survive a close so that the tray can show it again.
	e.w.Show()
	e.idle()
	if _, m := e.f.lastQuery(); m != n+1 || len(e.rows()) == 0 {
		t.Fatalf("Show after close ran %d queries, shows %d rows", m-n, len(e.rows()))
	}
}

func TestSample(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		test.NewTempApp(t)
		w := Sample(fyne.CurrentApp(), testNow)
		w.win.Resize(fyne.NewSize(800, 700))
		if len(w.calls) != len(SampleCalls(testNow)) || w.expanded != 8 {
			t.Fatalf("sample shows %d calls, expanded %d", len(w.calls), w.expanded)
		}
		var buf bytes.Buffer
		if n, err := w.WriteCSV(context.Background(), &buf); err != nil || n != 8 || !strings.Contains(buf.String(), "Stadtwerke Köln") {
			t.Fatalf("sample export: %d calls, %v", n, err)
		}
	})
}

// Keys built at run time must exist in both languages.
func TestDynamicKeys(t *testing.T) {
	var keys []string
	for _, s := range []calls.State{calls.Ringing, calls.Dialing, calls.Connected, calls.Held, calls.Ended, calls.Missed, calls.Rejected} {
		keys = append(keys, "journalwin.state."+string(s))
	}
	for _, m := range []string{"exact", "head", "suffix"} {
		keys = append(keys, "journalwin.match."+m)
	}
	for _, l := range i18n.Supported {
		cat, err := i18n.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s lacks %q", l, k)
			}
		}
	}
}

func TestFormatting(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 59*time.Second + 600*time.Millisecond: "1:00", 28*time.Minute + 50*time.Second: "28:50", time.Hour + 2*time.Minute + 3*time.Second: "1:02:03"} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
	old := i18n.Current()
	defer i18n.Set(old)
	i18n.Set(i18n.German)
	for src, want := range map[string]string{
		"csv:/home/anna/Kontakte.csv":                  "csv: Kontakte.csv",
		`vcard:C:\Users\anna\Kontakte.vcf`:             "vcard: Kontakte.vcf",
		"carddav:https://cloud.example.de/remote.php/": "carddav: cloud.example.de",
		"ldap:ldaps://dc.example.local/dc=example":     "ldap: dc.example.local",
		"outlook:contacts":                             "outlook: contacts",
	} {
		if got := sourceText(src); got != "Gefunden in "+want {
			t.Errorf("sourceText(%q) = %q", src, got)
		}
	}
	w := &Window{now: func() time.Time { return testNow }}
	for at, want := range map[time.Time]string{
		testNow.Add(-time.Hour):                          "10:00",
		time.Date(2026, 11, 29, 23, 5, 0, 0, time.Local): "Gestern 23:05",
		time.Date(2026, 3, 2, 8, 7, 0, 0, time.Local):    "02.03. 08:07",
		time.Date(2025, 12, 31, 8, 7, 0, 0, time.Local):  "31.12.2025 08:07",
	} {
		if got := w.formatWhen(at); got != want {
			t.Errorf("formatWhen(%v) = %q, want %q", at, got, want)
		}
	}
}
