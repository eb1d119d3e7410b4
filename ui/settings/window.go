package settings

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
)

// statusInterval is how often the contacts tab asks for the address
// books' status while the window is open: often enough that "loading…"
// turns into a count soon after the load ends.
const statusInterval = 2 * time.Second

// summaryHeight is the height of the problem list under the tabs: five
// lines, more scroll.
const summaryHeight = 110

// Window is the settings window: one tab per area, Save and Cancel.
type Window struct {
	ed       *editor
	win      fyne.Window
	tabs     *container.AppTabs
	items    map[section]*container.TabItem
	receiver *receiverTab
	dial     *dialTab
	actions  *actionsTab

	summary                     *widget.Label
	summaryBox                  *container.Scroll
	buttons                     *fyne.Container
	saveBtn, cancelBtn, testBtn *widget.Button
	statusStop                  chan struct{}
	onClosed                    func()
}

// New builds the settings window for cfg; Show shows it. Every string is
// in the language current at the time of the call.
func New(a fyne.App, cfg config.Config, h Handlers) *Window {
	w := &Window{win: a.NewWindow(i18n.T("settings.title")), items: map[section]*container.TabItem{}}
	ed := &editor{h: h, orig: cfg, win: w.win}
	w.ed = ed
	ed.phone = newPhoneTab(&ed.h, &ed.bg, w.win, cfg.Phone)
	w.receiver = newReceiverTab(&ed.h, cfg.Receiver)
	w.dial = newDialTab(cfg.Dial)
	ed.contacts = newContactsTab(&ed.h, w.win, cfg.Contacts, true)
	w.actions = newActionsTab(w.win, cfg.Actions)
	ed.general = newGeneralTab(&ed.h, cfg)
	ed.sections = []section{ed.phone, w.receiver, w.dial, ed.contacts, w.actions, ed.general}

	var test fyne.CanvasObject
	if h.Test != nil {
		w.testBtn = widget.NewButtonWithIcon(i18n.T("settings.phone.test"), theme.MediaPlayIcon(), func() { w.save(false, ed.h.Test) })
		test = w.testBtn
	}
	contents := map[section]fyne.CanvasObject{
		ed.phone:    ed.phone.content(test),
		w.receiver:  w.receiver.content(),
		w.dial:      w.dial.content(),
		ed.contacts: container.NewVScroll(ed.contacts.content(true)),
		w.actions:   w.actions.content(),
		ed.general:  ed.general.content(),
	}
	w.tabs = container.NewAppTabs()
	for _, s := range ed.sections {
		w.items[s] = container.NewTabItem(s.title(), contents[s])
		w.tabs.Append(w.items[s])
	}

	w.summary = newErrorLabel()
	w.saveBtn = widget.NewButtonWithIcon(i18n.T("settings.save"), theme.DocumentSaveIcon(), func() { w.save(true, nil) })
	w.saveBtn.Importance = widget.HighImportance
	w.cancelBtn = widget.NewButton(i18n.T("settings.cancel"), w.win.Close)
	// The summary scrolls in a fixed height: a wrapped label alone would
	// claim one line and be drawn over the buttons.
	w.summaryBox = container.NewVScroll(w.summary)
	w.summaryBox.SetMinSize(fyne.NewSize(0, summaryHeight))
	w.summaryBox.Hide()
	w.buttons = container.NewHBox(layout.NewSpacer(), w.cancelBtn, w.saveBtn)
	bottom := container.NewVBox(w.summaryBox, w.buttons)
	w.win.SetContent(container.NewBorder(nil, bottom, nil, nil, w.tabs))
	w.win.Resize(fyne.NewSize(760, 620))
	w.win.SetOnClosed(w.closed)
	return w
}

// SetOnClosed registers f to run when the window closes (saved, cancelled
// or closed by the window manager). Use it instead of the fyne.Window's
// own SetOnClosed, which would replace the window's clean-up.
func (w *Window) SetOnClosed(f func()) { w.onClosed = f }

func (w *Window) closed() {
	w.stopStatus()
	if w.onClosed != nil {
		w.onClosed()
	}
}

// Window is the Fyne window, for the glue to focus or close it.
func (w *Window) Window() fyne.Window { return w.win }

// Show shows the window and keeps the address books' status current
// while it is open.
func (w *Window) Show() {
	w.win.Show()
	if w.ed.contacts.showStatus && w.statusStop == nil {
		w.statusStop = make(chan struct{})
		go w.pollStatus(w.statusStop)
	}
}

func (w *Window) pollStatus(stop <-chan struct{}) {
	t := time.NewTicker(statusInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			st := w.ed.h.SourceStatus()
			onFyne(func() { w.ed.contacts.setStatus(st) })
		}
	}
}

func (w *Window) stopStatus() {
	if w.statusStop != nil {
		close(w.statusStop)
		w.statusStop = nil
	}
}

// save checks everything, and if all is well stores passwords, switches
// autostart and calls Handlers.Save; then it runs after and closes the
// window if asked. On any problem the window stays as the user left it.
func (w *Window) save(closeAfter bool, after func()) {
	cfg, probs := w.ed.collect()
	w.showProblems(probs)
	if len(probs) > 0 {
		return
	}
	w.busy(true)
	w.ed.save(cfg, func(probs []problem) {
		w.busy(false)
		w.showProblems(probs)
		if len(probs) > 0 {
			return
		}
		if after != nil {
			after()
		}
		if closeAfter {
			w.win.Close()
		}
	})
}

// showProblems lists every problem under the tabs, each with its tab's
// name, and turns to the tab of the first.
func (w *Window) showProblems(probs []problem) {
	if len(probs) == 0 {
		showError(w.summary, nil)
		w.summaryBox.Hide()
		w.win.Content().Refresh() // the tabs take the room back
		return
	}
	var b strings.Builder
	b.WriteString(i18n.T("settings.problems"))
	for _, p := range probs {
		b.WriteString("\n• ")
		if p.sec != nil {
			b.WriteString(p.sec.title() + ": ")
		}
		b.WriteString(strings.ReplaceAll(p.err.Error(), "\n", "\n   "))
	}
	w.summary.SetText(b.String())
	w.summary.Show()
	w.summaryBox.Show()
	w.summaryBox.ScrollToTop()
	w.win.Content().Refresh() // lay the border out again for the summary
	if item := w.items[probs[0].sec]; item != nil {
		w.tabs.Select(item)
	}
}

// busy disables the buttons while saving runs.
func (w *Window) busy(on bool) {
	for _, b := range []*widget.Button{w.saveBtn, w.cancelBtn, w.testBtn} {
		switch {
		case b == nil:
		case on:
			b.Disable()
		default:
			b.Enable()
		}
	}
	if on {
		w.saveBtn.SetText(i18n.T("settings.saving"))
	} else {
		w.saveBtn.SetText(i18n.T("settings.save"))
	}
	w.buttons.Refresh() // the button's width follows its text
}
