package testdialog

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/ui/mainloop"
)

// Handlers are what the dialog runs. Test and Reach are required; a nil
// action leaves its step or button out.
type Handlers struct {
	// Test is the phone half (app.Service.Test): settings, address,
	// connection, certificate, password, login, remote control.
	Test func(ctx context.Context, progress func(app.Step)) []app.Step
	// Reach is the event half (app.Service.TestReach with the live
	// receiver): receiver, firewall, the phone reaching this PC.
	Reach func(ctx context.Context, progress func(app.Step)) []app.Step
	// ConfigureEvents points the phone's Action URLs at this PC
	// (app.Live.ConfigureEvents). It may return *phone.ManualError or
	// *phone.ReadOnlyError with the lines the user must paste.
	ConfigureEvents func(ctx context.Context) error
	// OpenFirewall opens the receiver's port in this PC's firewall
	// (app.Service.OpenFirewall with the receiver's port).
	OpenFirewall func(ctx context.Context) error
	// OpenTestPage opens http://PC:8080/ in the browser (seed 003, step 20).
	OpenTestPage func() error
	// Copy puts text on the clipboard; nil uses the app's clipboard.
	Copy func(text string)
}

// EventsStep is the ID of the step the dialog adds between the two
// halves: writing the Action URLs into the phone.
const EventsStep = "events"

// Dialog is the Test window. Its methods must be called on the Fyne
// goroutine.
type Dialog struct {
	app fyne.App
	h   Handlers
	win fyne.Window
	// do runs f on the Fyne goroutine: fyne.Do; tests run the queue
	// themselves.
	do func(f func())

	// The state below belongs to the Fyne goroutine.
	gen     int                // the current run; updates of older ones are dropped
	cancel  context.CancelFunc // cancels the current run
	running bool
	rows    map[string]*stepRow
	order   []string        // step IDs in the order shown
	heads   map[string]bool // section headings shown

	steps       *fyne.Container
	bottom      *fyne.Container // progress, result and buttons
	scroll      *container.Scroll
	progress    *widget.ProgressBarInfinite
	result      *widget.Label
	firewallBtn *widget.Button
	testPageBtn *widget.Button
	againBtn    *widget.Button
	cancelBtn   *widget.Button
	closeBtn    *widget.Button
}

// New builds the Test window, hidden; Run shows it and starts the test.
// Closing the window cancels a test still running and ends the window:
// make a new Dialog for the next press of the Test button.
func New(a fyne.App, h Handlers) *Dialog {
	d := &Dialog{app: a, h: h, do: mainloop.Do, rows: map[string]*stepRow{}, heads: map[string]bool{}}
	d.win = a.NewWindow(i18n.T("testdialog.title"))
	d.build()
	d.win.SetOnClosed(func() {
		d.gen++ // nothing more to show
		if d.cancel != nil {
			d.cancel()
		}
	})
	d.win.Resize(fyne.NewSize(760, 620))
	return d
}

// Window is the Fyne window, for placing it.
func (d *Dialog) Window() fyne.Window { return d.win }

// Run shows the window and starts the test, unless one is running.
func (d *Dialog) Run() {
	d.win.Show()
	if !d.running {
		d.runAll()
	}
}

func (d *Dialog) build() {
	d.steps = container.NewVBox()
	d.scroll = container.NewVScroll(container.NewPadded(d.steps))
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Hide()
	d.result = widget.NewLabel("")
	d.result.Wrapping = fyne.TextWrapWord
	d.result.TextStyle = fyne.TextStyle{Bold: true}

	d.firewallBtn = widget.NewButtonWithIcon(i18n.T("testdialog.firewall"), theme.SettingsIcon(), d.openFirewall)
	d.firewallBtn.Importance = widget.HighImportance
	d.firewallBtn.Hide()
	d.testPageBtn = widget.NewButtonWithIcon(i18n.T("testdialog.testpage"), theme.ComputerIcon(), d.openTestPage)
	if d.h.OpenTestPage == nil {
		d.testPageBtn.Hide()
	}
	d.againBtn = widget.NewButtonWithIcon(i18n.T("testdialog.again"), theme.ViewRefreshIcon(), d.runAll)
	d.cancelBtn = widget.NewButtonWithIcon(i18n.T("testdialog.cancel"), theme.CancelIcon(), d.stop)
	d.cancelBtn.Hide()
	d.closeBtn = widget.NewButton(i18n.T("testdialog.close"), d.win.Close)

	buttons := container.NewHBox(d.firewallBtn, d.testPageBtn, layout.NewSpacer(), d.cancelBtn, d.againBtn, d.closeBtn)
	d.bottom = container.NewVBox(d.progress, d.result, buttons)
	d.win.SetContent(container.NewBorder(nil, d.bottom, nil, nil, d.scroll))
}

// clear removes the steps of an earlier run.
func (d *Dialog) clear() {
	d.steps.RemoveAll()
	clear(d.rows)
	clear(d.heads)
	d.order = nil
	d.result.SetText("")
}

// show adds step st, or updates it in place when it is shown already (a
// second Reach after the firewall was opened). lines are what the user
// must paste, for the Action-URL step.
func (d *Dialog) show(st app.Step, lines []string) {
	r, ok := d.rows[st.ID]
	if !ok {
		if sec := section(st.ID); !d.heads[sec] {
			d.heads[sec] = true
			head := widget.NewLabel(i18n.T("testdialog.section." + sec))
			head.SizeName = theme.SizeNameSubHeadingText
			head.TextStyle = fyne.TextStyle{Bold: true}
			d.steps.Add(head)
		}
		r = d.newRow()
		d.rows[st.ID] = r
		d.order = append(d.order, st.ID)
		d.steps.Add(r.box)
	}
	r.set(st, lines)
	d.scroll.ScrollToBottom()
}

// section is the heading a step goes under: controlling the phone, or
// receiving its events.
func section(id string) string {
	if id == EventsStep {
		return "events"
	}
	for _, r := range app.ReachSteps {
		if id == r {
			return "events"
		}
	}
	return "phone"
}

// shown are the steps on screen, in order.
func (d *Dialog) shown() []app.Step {
	out := make([]app.Step, 0, len(d.order))
	for _, id := range d.order {
		out = append(out, d.rows[id].step)
	}
	return out
}

// updateButtons shows and enables the buttons the state allows.
func (d *Dialog) updateButtons() {
	if d.running {
		d.progress.Show()
		d.cancelBtn.Show()
		d.againBtn.Hide()
	} else {
		d.progress.Hide()
		d.cancelBtn.Hide()
		d.againBtn.Show()
	}
	fw, ok := d.rows["firewall"]
	if d.h.OpenFirewall != nil && ok && (fw.step.Status == app.Failed || fw.step.Status == app.Warning) {
		d.firewallBtn.Show()
	} else {
		d.firewallBtn.Hide()
	}
	if d.running {
		d.firewallBtn.Disable()
	} else {
		d.firewallBtn.Enable()
	}
	// Lay the buttons out again now, not only at the next frame: a
	// screenshot or a test may look before.
	d.bottom.Refresh()
}

// copyText puts text on the clipboard.
func (d *Dialog) copyText(text string) {
	if d.h.Copy != nil {
		d.h.Copy(text)
		return
	}
	d.app.Clipboard().SetContent(text)
}

// joinLines is the text the Copy button copies: the lines exactly as
// shown, one per line, ready for a provisioning file.
func joinLines(lines []string) string { return strings.Join(lines, "\n") }
