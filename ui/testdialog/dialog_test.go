package testdialog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"deskcti/ui/internal/uitest"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/phone"
	"deskcti/platform/firewall"
)

func TestStepsAppearLive(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		p := &fakePhone{hold: 3, release: make(chan struct{})}
		fw := app.Step{ID: "firewall", Title: i18n.T("test.firewall"), Status: app.Warning,
			Detail: "firewalld: rules unreadable", Fix: "firewall-cmd --add-port=8080/tcp"}
		p.reachSteps = [][]app.Step{{passing("receiver")[0], fw,
			{ID: "reach", Title: i18n.T("test.reach"), Status: app.NotApplicable, Detail: "open it in a browser"}}}
		e := begin(t, p)

		// The first steps show while the test still runs.
		e.l.waitFor(t, "three steps", func() bool { return len(e.d.order) == 3 })
		if !e.d.running || !e.d.progress.Visible() || !e.d.cancelBtn.Visible() || e.d.againBtn.Visible() {
			t.Fatal("while running: want progress and Cancel, no Run again")
		}
		if e.d.result.Text != i18n.T("testdialog.running") {
			t.Errorf("result line while running: %q", e.d.result.Text)
		}
		close(p.release)
		e.settle()

		want := append(slices.Clone(app.TestSteps), append([]string{EventsStep}, app.ReachSteps...)...)
		if got := e.ids(); !slices.Equal(got, want) {
			t.Fatalf("steps shown %v, want %v", got, want)
		}
		for _, id := range app.TestSteps {
			r := e.row(id)
			if r.icon.Resource != markPassed || r.title.Text != i18n.T("test."+id) || r.detail.Text != "ok "+id || r.fix.Visible() {
				t.Errorf("step %s: mark %s, title %q, detail %q, fix shown %v", id, r.icon.Resource.Name(), r.title.Text, r.detail.Text, r.fix.Visible())
			}
		}
		if r := e.row(EventsStep); r.icon.Resource != markPassed || r.detail.Text != i18n.T("testdialog.events.ok") || r.paste.Visible() {
			t.Errorf("Action URLs step: mark %s, detail %q, paste box shown %v", r.icon.Resource.Name(), r.detail.Text, r.paste.Visible())
		}
		r := e.row("firewall")
		if r.icon.Resource != markWarning || !r.fix.Visible() || r.fix.Text != i18n.T("testdialog.fix", fw.Fix) || !r.fix.Selectable {
			t.Errorf("warning step: mark %s, fix %q (shown %v, selectable %v)", r.icon.Resource.Name(), r.fix.Text, r.fix.Visible(), r.fix.Selectable)
		}
		if e.row("reach").icon.Resource != markNA {
			t.Error("a step that does not apply is not marked ·")
		}
		if e.d.result.Text != i18n.T("testdialog.result.warning") || e.d.progress.Visible() || !e.d.againBtn.Visible() || e.d.cancelBtn.Visible() {
			t.Errorf("at the end: result %q, progress %v, Run again %v", e.d.result.Text, e.d.progress.Visible(), e.d.againBtn.Visible())
		}
		all := uitest.Labels(e.d.win.Content())
		for _, head := range []string{i18n.T("testdialog.section.phone"), i18n.T("testdialog.section.events")} {
			if strings.Count(all, head) != 1 {
				t.Errorf("heading %q shown %d times", head, strings.Count(all, head))
			}
		}
		if _, _, configures, _ := p.counts(); configures != 1 {
			t.Errorf("ConfigureEvents ran %d times", configures)
		}
	})
}

func TestAllPassed(t *testing.T) {
	e := start(t, &fakePhone{})
	if e.d.result.Text != i18n.T("testdialog.result.ok") || e.d.firewallBtn.Visible() {
		t.Fatalf("result %q, firewall button %v", e.d.result.Text, e.d.firewallBtn.Visible())
	}
}

func TestPhoneFailureStopsBeforeConfigureEvents(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		steps := passing(app.TestSteps...)
		steps[2] = app.Step{ID: "connect", Title: i18n.T("test.connect"), Status: app.Failed, Detail: "connection refused",
			Fix: i18n.T("test.connect.fix", "192.168.1.20", "80")}
		for i := 3; i < len(steps); i++ {
			steps[i] = app.Step{ID: steps[i].ID, Title: steps[i].Title, Status: app.Skipped, Detail: i18n.T("test.skipped")}
		}
		e := start(t, &fakePhone{phoneSteps: steps})
		if _, reaches, configures, _ := e.p.counts(); reaches != 0 || configures != 0 {
			t.Fatalf("after a failed phone half: Reach ran %d times, ConfigureEvents %d times", reaches, configures)
		}
		if got := e.ids(); !slices.Equal(got, app.TestSteps) {
			t.Fatalf("steps shown %v", got)
		}
		r := e.row("connect")
		if r.icon.Resource != markFailed || r.title.Importance != widget.DangerImportance || !strings.Contains(r.fix.Text, "192.168.1.20") {
			t.Errorf("failed step: mark %s, fix %q", r.icon.Resource.Name(), r.fix.Text)
		}
		if r := e.row("login"); r.icon.Resource != markSkipped || r.fix.Visible() {
			t.Error("skipped step not marked – or shows a fix")
		}
		if e.d.result.Text != i18n.T("testdialog.result.phone") {
			t.Errorf("result %q", e.d.result.Text)
		}
	})
}

func TestManualErrorShowsLinesAndCopies(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		manual := SampleManualError()
		e := start(t, &fakePhone{events: fmt.Errorf("configure events: %w", manual)})
		r := e.row(EventsStep)
		if r.icon.Resource != markWarning || !r.paste.Visible() {
			t.Fatalf("manual set-up: mark %s, lines shown %v", r.icon.Resource.Name(), r.paste.Visible())
		}
		if !strings.Contains(r.fix.Text, i18n.T("testdialog.events.manual")) || !strings.Contains(r.fix.Text, manual.Reason) {
			t.Errorf("fix %q lacks the instructions or the driver's reason", r.fix.Text)
		}
		if want := strings.Join(manual.Lines, "\n"); r.text.Text != want || !r.text.Selectable {
			t.Errorf("lines box holds %q (selectable %v), want %q", r.text.Text, r.text.Selectable, want)
		}
		test.Tap(r.copyBtn)
		if got := e.p.copied; len(got) != 1 || got[0] != strings.Join(manual.Lines, "\n") {
			t.Fatalf("copied %q", got)
		}
		if r.copyBtn.Text != i18n.T("testdialog.copied") {
			t.Errorf("copy button says %q after copying", r.copyBtn.Text)
		}
		// The event half still runs: the user pastes the lines and tests again.
		if _, reaches, _, _ := e.p.counts(); reaches != 1 {
			t.Errorf("Reach ran %d times", reaches)
		}
	})
}

func TestReadOnlyErrorShowsLines(t *testing.T) {
	ro := &phone.ReadOnlyError{Vendor: phone.Snom, Settings: []string{"action_incoming_url"},
		Lines: []string{"action_incoming_url: http://192.168.1.50:8080/event/incoming?v=snom"}}
	e := start(t, &fakePhone{events: ro})
	r := e.row(EventsStep)
	if r.icon.Resource != markFailed || !r.paste.Visible() || r.text.Text != ro.Lines[0] {
		t.Fatalf("read-only: mark %s, lines %q", r.icon.Resource.Name(), r.text.Text)
	}
	test.Tap(r.copyBtn)
	if got := e.p.copied; len(got) != 1 || got[0] != ro.Lines[0] {
		t.Fatalf("copied %q", got)
	}
	if e.d.result.Text != i18n.T("testdialog.result.failed.one") {
		t.Errorf("result %q", e.d.result.Text)
	}
}

func TestOtherConfigureErrorExplained(t *testing.T) {
	err := &phone.Error{Kind: phone.KindAuth, Op: "configure events", Vendor: phone.Snom, Err: errors.New("401")}
	e := start(t, &fakePhone{events: err})
	r := e.row(EventsStep)
	if ex := app.Explain(err); r.icon.Resource != markFailed || r.detail.Text != ex.Problem || r.fix.Text != i18n.T("testdialog.fix", ex.Fix) || r.paste.Visible() {
		t.Fatalf("failure: detail %q, fix %q", r.detail.Text, r.fix.Text)
	}
}

func blockedReach() []app.Step {
	steps := goodReach()
	steps[1] = app.Step{ID: "firewall", Title: i18n.T("test.firewall"), Status: app.Failed, Detail: "ufw denies 8080/tcp",
		Fix: i18n.T("test.firewall.fix", "sudo ufw allow 8080/tcp")}
	return steps
}

func TestFirewallButtonOpensAndRetests(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := start(t, &fakePhone{reachSteps: [][]app.Step{blockedReach(), goodReach()}})
		if !e.d.firewallBtn.Visible() || e.d.firewallBtn.Disabled() {
			t.Fatal("a blocked firewall offers no button to open it")
		}
		if e.d.result.Text != i18n.T("testdialog.result.failed.one") {
			t.Errorf("result %q", e.d.result.Text)
		}
		before := e.ids()
		test.Tap(e.d.firewallBtn)
		e.settle()
		tests, reaches, _, firewalls := e.p.counts()
		if firewalls != 1 || reaches != 2 || tests != 1 {
			t.Fatalf("OpenFirewall %d, Reach %d, Test %d times; want 1, 2, 1", firewalls, reaches, tests)
		}
		if got := e.ids(); !slices.Equal(got, before) {
			t.Fatalf("steps after the retest %v, want the same rows updated: %v", got, before)
		}
		if r := e.row("firewall"); r.icon.Resource != markPassed || r.fix.Visible() {
			t.Error("the firewall step did not turn ✓")
		}
		if e.d.firewallBtn.Visible() || e.d.result.Text != i18n.T("testdialog.result.ok") {
			t.Errorf("after opening: button %v, result %q", e.d.firewallBtn.Visible(), e.d.result.Text)
		}
	})
}

func TestFirewallNeedsAdmin(t *testing.T) {
	e := start(t, &fakePhone{reachSteps: [][]app.Step{blockedReach()},
		firewall: fmt.Errorf("%w: run as administrator: sudo ufw allow 8080/tcp", firewall.ErrNeedsAdmin)})
	test.Tap(e.d.firewallBtn)
	e.settle()
	if _, reaches, _, firewalls := e.p.counts(); firewalls != 1 || reaches != 1 {
		t.Fatalf("OpenFirewall %d, Reach %d times; a failed opening needs no retest", firewalls, reaches)
	}
	top := e.d.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the failure was not shown")
	}
	if got := uitest.Labels(top); !strings.Contains(got, "sudo ufw allow 8080/tcp") || !strings.Contains(got, i18n.T("testdialog.firewall.admin")) {
		t.Fatalf("error dialog says %q", got)
	}
	if !e.d.firewallBtn.Visible() || e.d.firewallBtn.Disabled() {
		t.Error("the firewall button should stay for another try")
	}
}

func TestRunAgain(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		e := start(t, &fakePhone{})
		first := e.ids()
		test.Tap(e.d.againBtn)
		e.settle()
		if tests, reaches, configures, _ := e.p.counts(); tests != 2 || reaches != 2 || configures != 2 {
			t.Fatalf("after Run again: Test %d, Reach %d, ConfigureEvents %d times", tests, reaches, configures)
		}
		if got := e.ids(); !slices.Equal(got, first) || len(e.d.steps.Objects) != len(first)+2 {
			t.Fatalf("after Run again %v (%d objects), want each step once", got, len(e.d.steps.Objects))
		}
	})
}

func TestCancel(t *testing.T) {
	e := begin(t, &fakePhone{hold: 2, release: make(chan struct{})})
	e.l.waitFor(t, "two steps", func() bool { return len(e.d.order) == 2 })
	test.Tap(e.d.cancelBtn)
	e.settle()
	if e.d.result.Text != i18n.T("testdialog.result.cancelled") || e.d.progress.Visible() || !e.d.againBtn.Visible() {
		t.Fatalf("after Cancel: result %q, progress %v", e.d.result.Text, e.d.progress.Visible())
	}
	if _, reaches, configures, _ := e.p.counts(); reaches != 0 || configures != 0 {
		t.Error("a cancelled test went on")
	}
}

func TestClosingCancels(t *testing.T) {
	p := &fakePhone{hold: 1, release: make(chan struct{})}
	e := begin(t, p)
	e.l.waitFor(t, "a step", func() bool { return len(e.d.order) == 1 })
	e.d.win.Close()
	p.mu.Lock()
	ctx := p.ctxs[0]
	p.mu.Unlock()
	<-ctx.Done() // hangs (and the test times out) if closing did not cancel
}

func TestOpenTestPage(t *testing.T) {
	e := start(t, &fakePhone{})
	test.Tap(e.d.testPageBtn)
	e.l.waitFor(t, "the test page", func() bool { e.p.mu.Lock(); defer e.p.mu.Unlock(); return e.p.testPages == 1 })

	e.p.mu.Lock()
	e.p.testPage = errors.New("xdg-open: no browser")
	e.p.mu.Unlock()
	test.Tap(e.d.testPageBtn)
	e.l.waitFor(t, "the error", func() bool { return e.d.win.Canvas().Overlays().Top() != nil })
	if got := uitest.Labels(e.d.win.Canvas().Overlays().Top()); !strings.Contains(got, "xdg-open: no browser") {
		t.Fatalf("error dialog says %q", got)
	}
}

func TestSamples(t *testing.T) {
	uitest.WithLang(t, func(t *testing.T) {
		a := test.NewTempApp(t)
		d := Sample(a)
		if len(d.order) != 11 || !d.rows[EventsStep].paste.Visible() || !d.firewallBtn.Visible() {
			t.Fatalf("sample shows %v, lines %v, firewall button %v", d.order, d.rows[EventsStep].paste.Visible(), d.firewallBtn.Visible())
		}
		if d.result.Text != i18n.T("testdialog.result.failed.one") {
			t.Errorf("sample result %q", d.result.Text)
		}
		f := SampleFailed(a)
		if f.rows["login"].icon.Resource != markFailed || f.result.Text != i18n.T("testdialog.result.phone") {
			t.Errorf("failed sample: login %s, result %q", f.rows["login"].icon.Resource.Name(), f.result.Text)
		}
	})
}

// Keys built at run time must exist in both languages.
func TestDynamicKeys(t *testing.T) {
	for _, l := range i18n.Supported {
		cat, err := i18n.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"testdialog.section.phone", "testdialog.section.events"} {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s lacks %q", l, k)
			}
		}
	}
}
