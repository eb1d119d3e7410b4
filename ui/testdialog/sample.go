package testdialog

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/phone"
)

// step is a step of the sample runs, titled as app titles it.
func step(id string, s app.Status, detail, fix string) app.Step {
	return app.Step{ID: id, Title: i18n.T("test." + id), Status: s, Detail: detail, Fix: fix}
}

// SamplePhoneSteps is a passing phone half, as app.Service.Test reports
// it for a Yealink over plain HTTP.
func SamplePhoneSteps() []app.Step {
	return []app.Step{
		step("settings", app.Passed, "yealink http://192.168.1.20", ""),
		step("address", app.Passed, "192.168.1.20", ""),
		step("connect", app.Passed, "192.168.1.20:80", ""),
		step("certificate", app.NotApplicable, i18n.T("test.certificate.http"), ""),
		step("password", app.Passed, i18n.T("test.password.found"), ""),
		step("login", app.Passed, i18n.T("test.login.ok", "admin"), ""),
		step("control", app.Passed, "yealink · SIP-T46U · "+i18n.T("test.firmware", "108.86.0.45")+" · 1042@pbx.example.de", ""),
	}
}

// SampleReachSteps is an event half with the firewall closed, as
// app.Service.TestReach reports it for a Yealink behind ufw.
func SampleReachSteps() []app.Step {
	return []app.Step{
		step("receiver", app.Passed, i18n.T("test.receiver.ok", "0.0.0.0:8080", "http://192.168.1.50:8080/…"), ""),
		step("firewall", app.Failed, "ufw is active and denies incoming connections to port 8080/tcp",
			i18n.T("test.firewall.fix", "sudo ufw allow 8080/tcp")),
		step("reach", app.NotApplicable, i18n.T("test.reach.manual", "http://192.168.1.50:8080/"), ""),
	}
}

// SampleManualError is what a Yealink answers ConfigureEvents.
func SampleManualError() *phone.ManualError {
	return &phone.ManualError{Vendor: phone.Yealink,
		Reason: "a Yealink accepts these settings only through its web login or a provisioning file, which deskcti cannot use",
		Lines: []string{
			"action_url.incoming_call = http://192.168.1.50:8080/event/incoming?v=yealink&call_id=$call_id&remote=$remote",
			"action_url.call_established = http://192.168.1.50:8080/event/connected?v=yealink&call_id=$call_id&remote=$remote",
			"features.action_uri.enable = 1",
			"features.action_uri_limit_ip = 192.168.1.50",
			"features.show_action_uri_option = 0",
		}}
}

// replay is a Test or Reach that reports steps at once.
func replay(steps []app.Step) func(context.Context, func(app.Step)) []app.Step {
	return func(_ context.Context, progress func(app.Step)) []app.Step {
		for _, st := range steps {
			progress(st)
		}
		return steps
	}
}

// Sample is a finished Test dialog for a Yealink: the phone half passed,
// the Action URLs must be pasted by hand, the firewall blocks the port.
// Its handlers are fakes that succeed, so Run, "Run again" and "Open
// port" work without a phone. It is filled at once: a screenshot needs
// neither Run nor a wait (d.Window().Canvas().Capture()).
func Sample(a fyne.App) *Dialog {
	manual := SampleManualError()
	d := New(a, Handlers{
		Test:            replay(SamplePhoneSteps()),
		Reach:           replay(SampleReachSteps()),
		ConfigureEvents: func(context.Context) error { return manual },
		OpenFirewall:    func(context.Context) error { return nil },
		OpenTestPage:    func() error { return nil },
	})
	for _, st := range SamplePhoneSteps() {
		d.show(st, nil)
	}
	d.show(configureEvents(context.Background(), d.h.ConfigureEvents))
	for _, st := range SampleReachSteps() {
		d.show(st, nil)
	}
	d.finish(completed, nil)
	return d
}

// SampleFailed is a finished Test dialog whose login failed: a wrong
// password, the later steps skipped.
func SampleFailed(a fyne.App) *Dialog {
	login := &phone.Error{Kind: phone.KindAuth, Op: "probe", Vendor: phone.Snom, Err: errors.New("401 Unauthorized")}
	ex := app.Explain(login)
	steps := append(SamplePhoneSteps()[:5],
		app.Step{ID: "login", Title: i18n.T("test.login"), Status: app.Failed, Detail: ex.Problem, Fix: ex.Fix, Err: login},
		app.Step{ID: "control", Title: i18n.T("test.control"), Status: app.Skipped, Detail: i18n.T("test.skipped")})
	d := New(a, Handlers{Test: replay(steps), Reach: replay(nil)})
	for _, st := range steps {
		d.show(st, nil)
	}
	d.finish(phoneFailed, nil)
	return d
}
