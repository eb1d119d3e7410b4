package popup

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"deskcti/app"
	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/phone"
)

func TestRingingKnownCaller(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	e.m.Update(gisela())
	ws := e.m.Windows()
	if len(ws) != 1 {
		t.Fatalf("%d windows, want 1", len(ws))
	}
	w := ws[0]
	if w.Title() != "Call from Gisela Müller" {
		t.Errorf("title %q", w.Title())
	}
	shows(t, w, "Incoming call · ringing", "Gisela Müller", "Müller & Söhne GmbH", "0221 47110", "From vcard: Kontakte.vcf")
	only(t, w, "Answer", "Reject", "Open contact", "Copy number", "CRM")
	if !w.FixedSize() {
		t.Error("the pop-up is resizable")
	}
	if got := texts(w); slices.Contains(got, "Not in your address books") || slices.Contains(got, "Köln") {
		t.Errorf("a known caller shows unknown-caller lines: %q", got)
	}
}

func TestButtonsCallTheirHandlerWithTheCall(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	c := gisela()
	e.m.Update(c)
	w := e.m.Windows()[0]
	e.tap(t, w, "Answer")
	e.tap(t, w, "Open contact")
	e.tap(t, w, "CRM")
	c.State, c.Answer = calls.Connected, t0
	e.m.Update(c)
	e.tap(t, w, "Hold")
	e.tap(t, w, "Transfer…")
	e.tap(t, w, "Hang up")
	want := []string{"answer id:1", "open id:1", "crm id:1", "hold id:1", "transfer id:1", "hangup id:1"}
	if got := r.got(); !slices.Equal(got, want) {
		t.Errorf("handlers called %q, want %q", got, want)
	}
	e.tap(t, w, "Copy number")
	if !slices.Equal(r.texts, []string{"0221 47110"}) {
		t.Errorf("copied %q", r.texts)
	}
	shows(t, w, "Number copied")
}

func TestButtonIsDisabledWhileItsHandlerRuns(t *testing.T) {
	release := make(chan struct{})
	var got context.Context
	h := Handlers{Answer: func(ctx context.Context, c calls.Call) error {
		got = ctx
		<-release
		return nil
	}}
	e := setup(t, h, Options{Timeout: time.Hour})
	e.m.Update(gisela())
	w := e.m.Windows()[0]
	b := button(w, "Answer")
	test.Tap(b)
	if !b.Disabled() || b.Text != "Answer…" {
		t.Errorf("while answering: disabled %v, text %q", b.Disabled(), b.Text)
	}
	test.Tap(b) // a second press while the first runs does nothing
	close(release)
	e.settle()
	if b.Disabled() || b.Text != "Answer" {
		t.Errorf("after answering: disabled %v, text %q", b.Disabled(), b.Text)
	}
	if _, ok := got.Deadline(); !ok {
		t.Error("the handler's context has no deadline")
	}
}

func TestConnectedSwapsButtonsAndRunsTheTimer(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	c := gisela()
	e.m.Update(c)
	if len(e.tickers) != 0 {
		t.Fatal("a ringing call started the timer")
	}
	w := e.m.Windows()[0]

	e.clk.set(t0.Add(5 * time.Second))
	c.State, c.Answer = calls.Connected, t0
	e.m.Update(c)
	shows(t, w, "Incoming call · connected", "00:05")
	only(t, w, "Hang up", "Hold", "Transfer…", "Open contact", "Copy number", "CRM")
	f := e.ticker(t)

	e.clk.set(t0.Add(75 * time.Second))
	e.tick(f)
	shows(t, w, "01:15")

	c.State = calls.Held
	e.m.Update(c)
	only(t, w, "Hang up", "Resume", "Transfer…", "Open contact", "Copy number", "CRM")
	e.clk.set(t0.Add(time.Hour + 62*time.Second))
	e.tick(f)
	shows(t, w, "1:01:02")
	if len(e.tickers) != 0 {
		t.Error("hold started a second timer")
	}

	c.State, c.End = calls.Ended, t0.Add(80*time.Second)
	e.m.Update(c)
	waitClosed(t, f.stopped, "the call timer's ticker")
	shows(t, w, "Incoming call · ended", "01:20")
	only(t, w, "Open contact", "Copy number", "CRM")
}

func TestClosingTheWindowStopsTheTimerButNotTheCall(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	c := gisela()
	c.State, c.Answer = calls.Connected, t0
	e.m.Update(c)
	f := e.ticker(t)
	p := e.m.open[c.Key]
	e.m.Windows()[0].Close() // as the user does
	waitClosed(t, p.tickDone, "the call timer's goroutine")
	waitClosed(t, f.stopped, "the call timer's ticker")
	if got := r.got(); len(got) != 0 {
		t.Errorf("closing the pop-up called %q", got)
	}
	c.State = calls.Held
	e.m.Update(c)
	if n := len(e.m.Windows()); n != 0 {
		t.Errorf("the call's next change reopened the pop-up the user closed (%d windows)", n)
	}
	c.State = calls.Ended
	e.m.Update(c)
	if len(e.m.dismissed) != 0 {
		t.Errorf("a finished call is still remembered as dismissed: %v", e.m.dismissed)
	}
}

func TestEndedCallClosesAfterCloseAfter(t *testing.T) {
	e := setup(t, Handlers{}, Options{CloseAfter: time.Millisecond})
	c := gisela()
	e.m.Update(c)
	c.State, c.End = calls.Missed, t0.Add(20*time.Second)
	e.m.Update(c)
	e.settle() // the close timer
	if n := len(e.m.Windows()); n != 0 {
		t.Errorf("%d windows after the end, want 0", n)
	}
	if n := len(driverWindows()); n != 0 {
		t.Errorf("the driver still has %d pop-up windows", n)
	}
}

func TestFinishedCallWithoutPopupOpensNone(t *testing.T) {
	e := setup(t, Handlers{}, Options{})
	c := gisela()
	c.State = calls.Missed
	e.m.Update(c)
	if n := len(e.m.Windows()); n != 0 {
		t.Errorf("a missed call opened %d windows", n)
	}
}

func TestNewCallUnderAFinishedCallsKey(t *testing.T) {
	e := setup(t, Handlers{}, Options{CloseAfter: time.Hour})
	c := gisela()
	e.m.Update(c)
	c.State = calls.Missed
	e.m.Update(c) // closes in an hour
	c.State, c.Start = calls.Ringing, t0.Add(time.Minute)
	e.m.Update(c)
	ws := e.m.Windows()
	if len(ws) != 1 {
		t.Fatalf("%d windows, want the new call's only", len(ws))
	}
	shows(t, ws[0], "Incoming call · ringing")
}

func TestTwoCallsTwoWindows(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	e.m.Update(gisela())
	e.m.Update(unknown())
	ws := e.m.Windows()
	if len(ws) != 2 {
		t.Fatalf("%d windows, want 2", len(ws))
	}
	if ws[0].Title() != "Call from Gisela Müller" || ws[1].Title() != "Call from 030 901820" {
		t.Errorf("titles %q, %q", ws[0].Title(), ws[1].Title())
	}
	e.tap(t, ws[1], "Answer")
	if got := r.got(); !slices.Equal(got, []string{"answer id:2"}) {
		t.Errorf("the second pop-up's Answer called %q", got)
	}
	e.m.CloseAll()
	if n := len(e.m.Windows()); n != 0 {
		t.Errorf("%d windows after CloseAll", n)
	}
}

func TestUnknownCaller(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	e.m.Update(unknown())
	w := e.m.Windows()[0]
	shows(t, w, "030 901820", "Berlin", "Not in your address books")
	only(t, w, "Answer", "Reject", "Add contact", "Copy number", "CRM")
	e.tap(t, w, "Add contact")
	if got := r.got(); !slices.Equal(got, []string{"add id:2"}) {
		t.Errorf("Add contact called %q", got)
	}
}

func TestWithheldNumber(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	c := unknown()
	c.Remote, c.RemoteE164 = "anonymous", ""
	e.m.Update(c)
	w := e.m.Windows()[0]
	if w.Title() != "Call from Number withheld" {
		t.Errorf("title %q", w.Title())
	}
	only(t, w, "Answer", "Reject", "CRM")
}

func TestMatchQuality(t *testing.T) {
	e := setup(t, Handlers{}, Options{})
	c := gisela()
	c.Contact.Match = "suffix"
	e.m.Update(c)
	shows(t, e.m.Windows()[0], "Gisela Müller ?", "Probably: only the last digits match")

	c = unknown()
	c.Contact = &calls.Contact{Name: "Jens Weber", Company: "Weber AG", Match: "head", Extension: "23"}
	e.m.Update(c)
	shows(t, e.m.Windows()[1], "Jens Weber", "Weber AG", "Extension 23 behind the head number")
}

func TestHandlerErrorIsExplained(t *testing.T) {
	unreachable := &phone.Error{Kind: phone.KindUnreachable, Vendor: phone.Snom, Op: "answer", Err: errors.New("connection refused")}
	r := &recorder{}
	e := setup(t, r.handlers(map[string]error{"answer": unreachable, "open": errors.New("this contact cannot be opened")}), Options{})
	e.m.Update(gisela())
	w := e.m.Windows()[0]
	e.tap(t, w, "Answer")
	ex := app.Explain(unreachable)
	if ex.Problem == "" || ex.Fix == "" {
		t.Fatalf("Explain gave %+v", ex)
	}
	shows(t, w, ex.Problem, ex.Fix)
	e.tap(t, w, "Open contact")
	shows(t, w, "this contact cannot be opened")
	if slices.Contains(texts(w), ex.Problem) {
		t.Error("the earlier error is still shown")
	}
}

func TestNotesOfEarlierCalls(t *testing.T) {
	h := Handlers{Notes: func(c calls.Call) []string {
		return []string{"Angebot 4711 nachfassen\nDetails im CRM", "", "zweite", "dritte", "vierte"}
	}}
	e := setup(t, h, Options{})
	e.m.Update(gisela())
	e.settle()
	w := e.m.Windows()[0]
	shows(t, w, "Notes from earlier calls", "• Angebot 4711 nachfassen …", "• zweite", "• dritte")
	if slices.Contains(texts(w), "• vierte") {
		t.Errorf("more than %d notes shown", maxNotes)
	}
}

func TestOutgoingCall(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	c := gisela()
	c.Direction, c.State = calls.Outgoing, calls.Dialing
	e.m.Update(c)
	w := e.m.Windows()[0]
	if w.Title() != "Call to Gisela Müller" {
		t.Errorf("title %q", w.Title())
	}
	shows(t, w, "Outgoing call · dialling")
	only(t, w, "Hang up", "Open contact", "Copy number", "CRM")
}

func TestGerman(t *testing.T) {
	r := &recorder{}
	e := setup(t, r.handlers(nil), Options{})
	i18n.Set(i18n.German)
	c := gisela()
	c.Contact.Match = "suffix"
	e.m.Update(c)
	w := e.m.Windows()[0]
	if w.Title() != "Anruf von Gisela Müller" {
		t.Errorf("title %q", w.Title())
	}
	shows(t, w, "Eingehender Anruf · klingelt", "Vermutlich")
	only(t, w, "Annehmen", "Abweisen", "Kontakt öffnen", "Rufnummer kopieren", "CRM")
	c.State, c.Answer = calls.Connected, t0
	e.m.Update(c)
	only(t, w, "Auflegen", "Halten", "Weiterverbinden…", "Kontakt öffnen", "Rufnummer kopieren", "CRM")
	e.m.Update(unknown())
	shows(t, e.m.Windows()[1], "Nicht in Ihren Adressbüchern", "Kontakt anlegen")
}

// Every state has its words in both languages (the keys are built, so
// the i18n package's scan cannot see them).
func TestEveryStateIsTranslated(t *testing.T) {
	for _, l := range i18n.Supported {
		for _, s := range []calls.State{calls.Ringing, calls.Dialing, calls.Connected, calls.Held, calls.Ended, calls.Missed, calls.Rejected} {
			key := "popup.state." + string(s)
			if got := i18n.In(l, key); got == key {
				t.Errorf("%s: %q missing", l, key)
			}
		}
	}
}

func TestSample(t *testing.T) {
	m := Sample(test.NewTempApp(t), t0)
	defer m.CloseAll()
	ws := m.Windows()
	if len(ws) != 2 {
		t.Fatalf("Sample opened %d windows", len(ws))
	}
	shows(t, ws[0], "Gisela Müller", "Angebot 4711", "Extension 23")
	shows(t, ws[1], "030 901820", "Berlin", "02:05")
}

func TestTextHelpers(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "00:00", -time.Second: "00:00", 75 * time.Second: "01:15",
		59*time.Minute + 59*time.Second: "59:59", 3*time.Hour + 2*time.Second: "3:00:02"} {
		if got := clock(d); got != want {
			t.Errorf("clock(%v) = %q, want %q", d, got, want)
		}
	}
	for in, want := range map[string]string{
		"vcard:/home/anna/Kontakte.vcf":  "vcard: Kontakte.vcf",
		`csv:C:\Users\anna\Outlook.csv`:  "csv: Outlook.csv",
		"carddav:https://cloud.example/": "carddav:https://cloud.example/",
		"outlook:contacts":               "outlook:contacts",
	} {
		if got := sourceName(in); got != want {
			t.Errorf("sourceName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := firstLine("a\nb"); !strings.HasPrefix(got, "a ") {
		t.Errorf("firstLine = %q", got)
	}
}
