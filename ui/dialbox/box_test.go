package dialbox

import (
	"context"
	"errors"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"deskcti/app"
	"deskcti/app/calls"
	"deskcti/app/dialrules"
	"deskcti/app/i18n"
	"deskcti/contacts"
	"deskcti/phone"
)

func TestTypingANameSearchesAfterThePause(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.typeText("mull")
	if got := r.get(&r.searches); len(got) != 0 {
		t.Fatalf("searched before the pause: %q", got)
	}
	if len(e.timers) != 4 || !e.timers[0].stopped || !e.timers[2].stopped {
		t.Fatalf("each key should restart the pause: %d timers", len(e.timers))
	}
	e.shows(t, "Searching…")
	e.fire(t)
	if got := r.get(&r.searches); !slices.Equal(got, []string{"mull/20"}) {
		t.Errorf("searches %q, want one for mull", got)
	}
	e.shows(t, "Contacts", "Gisela Müller", "Müller & Söhne GmbH", "work  +49 221 4711023", "mobile  0171 2345678",
		"Jens Müller-Lüdenscheidt", "Anna Mullins")
	if slices.Contains(e.texts(), "fax  +49 221 4711099") {
		t.Error("a fax number is offered for dialling")
	}
}

func TestAnOlderSearchIsCancelledAndDropped(t *testing.T) {
	started, release := make(chan context.Context), make(chan struct{})
	h := Handlers{Search: func(ctx context.Context, q string, n int) []contacts.Contact {
		if q == "mu" {
			started <- ctx
			<-release
			return SampleContacts() // too late: must not show
		}
		return SampleContacts()[2:]
	}}
	e := dialling(t, h)
	e.typeText("mu")
	ft := e.timers[len(e.timers)-1]
	ft.done = true
	go ft.f() // the pause is over: the search for "mu" runs
	first := <-started
	e.typeText("ll")
	if first.Err() == nil {
		t.Error("typing on did not cancel the running search")
	}
	close(release)
	e.fire(t)
	e.shows(t, "Anna Mullins")
	if slices.Contains(e.texts(), "Gisela Müller") {
		t.Error("the older search's results are shown")
	}
}

func TestSelectedContactIsDialledWithHerNumber(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.search(t, "mull")
	test.Tap(e.b.v.contactRows[0])
	if e.b.sel != 0 {
		t.Fatalf("tapping the row selected %d", e.b.sel)
	}
	e.key(fyne.KeyReturn)
	r.dialled(t, "+49 221 4711023")
	if e.b.shown {
		t.Error("the box stays open after dialling")
	}
}

func TestArrowKeysSelect(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.search(t, "mull")
	e.key(fyne.KeyDown)
	e.key(fyne.KeyDown)
	e.key(fyne.KeyDown)
	e.key(fyne.KeyDown) // stays on the last
	e.key(fyne.KeyUp)
	if e.b.sel != 1 {
		t.Fatalf("selection %d, want 1", e.b.sel)
	}
	e.key(fyne.KeyReturn)
	r.dialled(t, "0221 178-0")
}

func TestPickingANumberFillsItIn(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.search(t, "gis")
	e.tap(t, "mobile  0171 2345678")
	if e.b.v.entry.Text != "0171 2345678" {
		t.Errorf("entry %q", e.b.v.entry.Text)
	}
	e.shows(t, "Enter dials 0171 2345678")
	e.key(fyne.KeyReturn)
	r.dialled(t, "0171 2345678")
}

func TestTypingANumberDialsItAsTyped(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.typeText("0221 4711")
	if len(e.timers) != 0 {
		t.Errorf("a number started %d searches", len(e.timers))
	}
	e.shows(t, "Enter dials 0221 4711")
	e.key(fyne.KeyReturn)
	r.dialled(t, "0221 4711")
}

func TestDialButtonDialsToo(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.b.v.entry.SetText("Tel. 0221 4711") // pasted
	if len(e.timers) != 0 {
		t.Error("text with a number in it was searched for")
	}
	e.tap(t, "Dial")
	r.dialled(t, "Tel. 0221 4711")
}

func TestDialErrorIsShown(t *testing.T) {
	unreachable := &phone.Error{Kind: phone.KindUnreachable, Vendor: phone.Yealink, Op: "dial", Err: errors.New("no route to host")}
	r := &recorder{}
	e := dialling(t, r.handlers(unreachable))
	e.typeText("0221 4711")
	e.key(fyne.KeyReturn)
	ex := app.Explain(unreachable)
	e.shows(t, ex.Problem, ex.Fix)
	if !e.b.shown {
		t.Error("the box closed although dialling failed")
	}
	if d := e.button(t, "Dial"); d.Disabled() {
		t.Error("the Dial button stays disabled")
	}
	e.typeText("2")
	if slices.Contains(e.texts(), ex.Problem) {
		t.Error("the error stays after typing on")
	}
}

func TestNothingToDial(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.key(fyne.KeyReturn)
	e.shows(t, app.Explain(dialrules.ErrNoNumber).Problem)
	r.dialled(t) // nothing
}

func TestNobodyFound(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.search(t, "xyz")
	e.shows(t, "Nobody found for “xyz”")
}

func TestBusyWhileDialling(t *testing.T) {
	release := make(chan struct{})
	n := 0
	e := dialling(t, Handlers{Dial: func(context.Context, string) error { n++; <-release; return nil }})
	e.typeText("23")
	e.b.v.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	d := e.b.v.dial
	if !d.Disabled() || d.Text != "Dial…" {
		t.Errorf("while dialling: disabled %v, text %q", d.Disabled(), d.Text)
	}
	e.b.v.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // impatient second Enter
	close(release)
	e.settle()
	if n != 1 {
		t.Errorf("dialled %d times", n)
	}
}

func TestTransfer(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil))
	c := calls.Call{Key: "id:1", State: calls.Connected, Remote: "+4922147110",
		Contact: &calls.Contact{Name: "Gisela Müller"}}
	e.b.ShowTransfer(c)
	if got := e.b.w.Title(); got != "Transfer Gisela Müller" {
		t.Errorf("title %q", got)
	}
	e.typeText("23")
	e.shows(t, "Enter transfers the call to 23", "Consult first")
	e.key(fyne.KeyReturn)
	e.b.ShowTransfer(c)
	e.typeText("24")
	e.tap(t, "Consult first")
	if got := r.get(&r.transfers); !slices.Equal(got, []string{"23 blind", "24 attended"}) {
		t.Errorf("transfers %q", got)
	}
	r.dialled(t) // nothing: transfer mode transfers
	e.b.ShowDial()
	if e.b.w.Title() != "Dial" || e.b.v.attended.Visible() {
		t.Errorf("back to dialling: title %q, Consult first shown %v", e.b.w.Title(), e.b.v.attended.Visible())
	}
}

func TestRecentNumbersWhenEmpty(t *testing.T) {
	r := &recorder{}
	e := dialling(t, r.handlers(nil))
	e.settle()
	e.shows(t, "Recent numbers", "0221 4711023", "+49 30 901820")
	e.tap(t, "+49 30 901820")
	if e.b.v.entry.Text != "+49 30 901820" {
		t.Errorf("entry %q", e.b.v.entry.Text)
	}
	if slices.Contains(e.texts(), "Recent numbers") {
		t.Error("recent numbers shown while the entry has text")
	}
	e.b.v.entry.SetText("")
	e.shows(t, "Recent numbers", "0221 4711023")
}

func TestEscapeHides(t *testing.T) {
	e := dialling(t, SampleHandlers())
	e.typeText("mull")
	e.key(fyne.KeyEscape)
	if e.b.shown {
		t.Error("Esc did not close the box")
	}
	if !e.timers[len(e.timers)-1].stopped {
		t.Error("the pending search survived closing")
	}
	e.b.ShowDial()
	if e.b.v.entry.Text != "" {
		t.Errorf("reopened with %q", e.b.v.entry.Text)
	}
}

func TestGerman(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil))
	i18n.Set(i18n.German)
	e.b.ShowDial()
	e.settle()
	if e.b.w.Title() != "Wählen" {
		t.Errorf("title %q", e.b.w.Title())
	}
	e.shows(t, "Letzte Rufnummern", "Wählen", "Enter wählt")
	e.search(t, "gis")
	e.shows(t, "Kontakte", "geschäftl.  +49 221 4711023", "mobil  0171 2345678")
	e.b.ShowTransfer(calls.Call{Remote: "0221 4711"})
	e.shows(t, "Verbinden", "Rückfrage")
	if e.b.w.Title() != "0221 4711 weiterverbinden" {
		t.Errorf("title %q", e.b.w.Title())
	}
	e.search(t, "xyz")
	e.shows(t, "Niemand gefunden für „xyz“")
}

func TestSample(t *testing.T) {
	b := Sample(test.NewTempApp(t))
	defer b.hide()
	if b.v.entry.Text != "mull" || len(b.results) != 3 || b.sel != 0 {
		t.Errorf("sample: entry %q, %d results, selection %d", b.v.entry.Text, len(b.results), b.sel)
	}
	if _, _, _, a := b.v.contactRows[0].bg.FillColor.RGBA(); a == 0 {
		t.Error("the selected contact is not highlighted")
	}
	if _, _, _, a := b.v.contactRows[1].bg.FillColor.RGBA(); a != 0 {
		t.Error("a contact not selected is highlighted")
	}
}

func TestPreferredNumber(t *testing.T) {
	for _, tc := range []struct {
		nums []contacts.Number
		want string
	}{
		{[]contacts.Number{{Kind: contacts.Home, Raw: "1"}, {Kind: contacts.Work, Raw: "2"}}, "2"},
		{[]contacts.Number{{Kind: contacts.Fax, Raw: "1"}, {Kind: contacts.Home, Raw: "3"}, {Kind: contacts.Mobile, Raw: "4"}}, "4"},
		{[]contacts.Number{{Kind: contacts.Fax, Raw: "1"}, {Kind: contacts.Other, Raw: "5"}}, "5"},
		{[]contacts.Number{{Kind: contacts.Fax, Raw: "1"}}, ""},
	} {
		if got := preferred(contacts.Contact{Numbers: tc.nums}); got != tc.want {
			t.Errorf("preferred(%v) = %q, want %q", tc.nums, got, tc.want)
		}
	}
}
