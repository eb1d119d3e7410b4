package testdialog

import (
	"context"
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/phone"
	"deskcti/platform/firewall"
)

// outcome is how a run ended, for the result line.
type outcome int

const (
	completed   outcome = iota // every half ran; the steps tell the rest
	phoneFailed                // the phone half failed: the rest was not run
	cancelled
)

// reporter shows one step (with lines to paste, if any) from the run's
// goroutine.
type reporter func(st app.Step, lines []string)

// job is the work of one run, on its own goroutine. err is a failure of
// the run itself (the firewall could not be opened), not of a step.
type job func(ctx context.Context, report reporter) (outcome, error)

// begin starts job on a goroutine; its steps appear as they are reported
// and the result line when it ends.
func (d *Dialog) begin(j job) {
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.gen++
	gen := d.gen
	d.cancel = cancel
	d.running = true
	d.result.Importance = widget.MediumImportance
	d.result.SetText(i18n.T("testdialog.running"))
	d.updateButtons()
	report := func(st app.Step, lines []string) {
		d.do(func() {
			if gen == d.gen {
				d.show(st, lines)
			}
		})
	}
	go func() {
		end, err := j(ctx, report)
		if ctx.Err() != nil {
			end = cancelled
		}
		d.do(func() {
			if gen != d.gen {
				return
			}
			cancel()
			d.cancel = nil
			d.running = false
			d.finish(end, err)
		})
	}()
}

// stop cancels the running test (the Cancel button).
func (d *Dialog) stop() {
	if d.cancel != nil {
		d.cancel()
	}
}

// runAll is the whole test: the phone half; if it passed, the Action URLs;
// then the event half.
func (d *Dialog) runAll() {
	d.clear()
	d.begin(func(ctx context.Context, report reporter) (outcome, error) {
		if !app.AllPassed(d.half(ctx, d.h.Test, report)) {
			return phoneFailed, nil
		}
		if ctx.Err() != nil {
			return cancelled, nil
		}
		if d.h.ConfigureEvents != nil {
			st, lines := configureEvents(ctx, d.h.ConfigureEvents)
			report(st, lines)
		}
		if ctx.Err() != nil {
			return cancelled, nil
		}
		d.half(ctx, d.h.Reach, report)
		return completed, nil
	})
}

// half runs Test or Reach, reporting each step as it finishes. The steps
// it returns are shown too, so that a half that reports nothing through
// progress still ends up on screen.
func (d *Dialog) half(ctx context.Context, run func(context.Context, func(app.Step)) []app.Step, report reporter) []app.Step {
	if run == nil {
		return nil
	}
	steps := run(ctx, func(st app.Step) { report(st, nil) })
	for _, st := range steps {
		report(st, nil)
	}
	return steps
}

// configureEvents writes the Action URLs and turns the answer into a
// step: done; lines to paste by hand (a Yealink); lines the provisioning
// must carry (settings locked read-only); or another failure.
func configureEvents(ctx context.Context, configure func(context.Context) error) (app.Step, []string) {
	st := app.Step{ID: EventsStep, Title: i18n.T("testdialog.events")}
	err := configure(ctx)
	st.Err = err
	var manual *phone.ManualError
	var readOnly *phone.ReadOnlyError
	ex := app.Explain(err)
	switch {
	case err == nil:
		st.Detail = i18n.T("testdialog.events.ok")
		return st, nil
	case errors.As(err, &manual):
		// Expected for a Yealink: nothing is wrong, but the user has work.
		st.Status = app.Warning
		st.Detail = ex.Problem
		st.Fix = i18n.T("testdialog.events.manual") + "\n" + manual.Reason
		return st, manual.Lines
	case errors.As(err, &readOnly):
		st.Status = app.Failed
		st.Detail = ex.Problem
		st.Fix = i18n.T("testdialog.events.readonly")
		return st, readOnly.Lines
	}
	st.Status = app.Failed
	st.Detail, st.Fix = ex.Problem, ex.Fix
	return st, nil
}

// openFirewall runs OpenFirewall and, when it worked, the event half
// again, so that the firewall step shows the new state.
func (d *Dialog) openFirewall() {
	if d.h.OpenFirewall == nil || d.running {
		return
	}
	d.begin(func(ctx context.Context, report reporter) (outcome, error) {
		if err := d.h.OpenFirewall(ctx); err != nil {
			return completed, err
		}
		d.half(ctx, d.h.Reach, report)
		return completed, nil
	})
}

func (d *Dialog) openTestPage() {
	if d.h.OpenTestPage == nil {
		return
	}
	open := d.h.OpenTestPage
	go func() {
		if err := open(); err != nil {
			d.do(func() { d.showError(i18n.T("testdialog.testpage.error"), err) })
		}
	}()
}

// finish shows the overall result of the steps on screen.
func (d *Dialog) finish(end outcome, err error) {
	d.updateButtons()
	failed, warned := 0, 0
	for _, st := range d.shown() {
		switch st.Status {
		case app.Failed:
			failed++
		case app.Warning:
			warned++
		}
	}
	switch {
	case end == cancelled:
		d.result.Importance = widget.WarningImportance
		d.result.SetText(i18n.T("testdialog.result.cancelled"))
	case end == phoneFailed:
		d.result.Importance = widget.DangerImportance
		d.result.SetText(i18n.T("testdialog.result.phone"))
	case failed == 1:
		d.result.Importance = widget.DangerImportance
		d.result.SetText(i18n.T("testdialog.result.failed.one"))
	case failed > 1:
		d.result.Importance = widget.DangerImportance
		d.result.SetText(i18n.T("testdialog.result.failed", failed))
	case warned > 0:
		d.result.Importance = widget.WarningImportance
		d.result.SetText(i18n.T("testdialog.result.warning"))
	default:
		d.result.Importance = widget.SuccessImportance
		d.result.SetText(i18n.T("testdialog.result.ok"))
	}
	if err != nil {
		d.showError(i18n.T("testdialog.firewall.error"), err)
	}
}

// showError tells the user what went wrong and what to do about it.
func (d *Dialog) showError(title string, err error) {
	ex := app.Explain(err)
	if errors.Is(err, firewall.ErrNeedsAdmin) {
		ex.Fix = i18n.T("testdialog.firewall.admin")
	}
	texts := container.NewVBox()
	for _, s := range []string{ex.Problem, ex.Fix} {
		if s != "" {
			l := widget.NewLabel(s)
			l.Wrapping = fyne.TextWrapWord
			l.Selectable = true
			texts.Add(l)
		}
	}
	width := canvas.NewRectangle(color.Transparent) // wrapping labels need a width to wrap at
	width.SetMinSize(fyne.NewSize(440, 0))
	dialog.NewCustom(title, i18n.T("testdialog.close"), container.NewStack(width, texts), d.win).Show()
}
