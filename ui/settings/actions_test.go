package settings

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"

	"deskcti/app/actions"
	"deskcti/app/i18n"
)

func TestAddAndEditAction(t *testing.T) {
	withLang(t, i18n.English)
	w, r := newTestWindow(t, SampleConfig())
	test.Tap(w.actions.add)
	f := w.actions.form
	f.name.SetText("Log")
	test.Tap(f.on["connected"])
	test.Tap(f.on["disconnected"])
	test.Tap(f.on["incoming"]) // a new action starts with it; switch it off
	f.mode.SetSelected("Run a program")
	if f.open.Visible() || !f.run.Visible() {
		t.Error("Run must show the program fields, not the URL")
	}
	f.run.SetText("crm-log")
	f.args.SetText("--event\n{event}\n--note\nCall with {name}")
	f.waitCheck.SetChecked(false)
	f.timeout.SetText("5s")
	test.Tap(button(t, overlay(t, w.win), "OK"))
	// Every problem of the action is shown; the dialog stays.
	wantError(t, f.err, "timeout has no effect with wait = false")
	f.timeout.SetText("")
	test.Tap(button(t, overlay(t, w.win), "OK"))
	if w.win.Canvas().Overlays().Top() != nil {
		t.Fatal("dialog still open after a valid action")
	}

	// Edit the sample action: another event, same URL.
	test.Tap(w.actions.rows[0].edit)
	f = w.actions.form
	f.setEvents([]string{"missed"})
	test.Tap(button(t, overlay(t, w.win), "OK"))
	w.tapSave()

	no := false
	want := []actions.Action{
		{Name: "CRM", On: []string{"missed"}, Open: "https://crm.example/search?phone={e164}"},
		{Name: "Log", On: []string{"connected", "disconnected"}, Run: "crm-log",
			Args: []string{"--event", "{event}", "--note", "Call with {name}"}, Wait: &no},
	}
	if got := r.onlySaved(t).Actions; !reflect.DeepEqual(got, want) {
		t.Errorf("actions %+v, want %+v", got, want)
	}
}

func TestActionEditorRejectsEmpty(t *testing.T) {
	withLang(t, i18n.German)
	w, _ := newTestWindow(t, SampleConfig())
	test.Tap(w.actions.add)
	f := w.actions.form
	f.setEvents(nil)
	test.Tap(button(t, overlay(t, w.win), "OK"))
	wantError(t, f.err, "on is empty")
	wantError(t, f.err, "neither open")
	if len(w.actions.list) != 1 {
		t.Error("an invalid action was added")
	}
}
