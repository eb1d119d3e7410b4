package settings

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
)

// Wizard pages, in order.
const (
	pagePhone = iota
	pageTest
	pageContacts
	pageDone
	pageCount
)

// Wizard is the first-run assistant: phone → test → contacts → done. It
// saves after the phone page, so that the test checks what was entered,
// and again at the end.
type Wizard struct {
	ed      *editor
	win     fyne.Window
	page    int
	pages   []fyne.CanvasObject
	heading *widget.Label
	body    *fyne.Container
	errs    *widget.Label
	back    *widget.Button
	next    *widget.Button
	buttons *fyne.Container
	testBtn *widget.Button
	done    *widget.Label

	finished bool
	onClosed func(finished bool)
}

// NewWizard builds the first-run wizard for cfg (usually config.Default).
func NewWizard(a fyne.App, cfg config.Config, h Handlers) *Wizard {
	z := &Wizard{win: a.NewWindow(i18n.T("settings.wizard.title"))}
	ed := &editor{h: h, orig: cfg, win: z.win}
	z.ed = ed
	ed.phone = newPhoneTab(&ed.h, &ed.bg, z.win, cfg.Phone)
	ed.contacts = newContactsTab(&ed.h, z.win, cfg.Contacts, false)
	ed.sections = []section{ed.phone, ed.contacts}
	ed.contacts.changed = z.updateNext

	z.testBtn = widget.NewButtonWithIcon(i18n.T("settings.phone.test.run"), theme.MediaPlayIcon(), func() {
		if ed.h.Test != nil {
			ed.h.Test()
		}
	})
	testHint := i18n.T("settings.wizard.test.hint")
	if h.Test == nil {
		z.testBtn.Hide()
		testHint = i18n.T("settings.wizard.test.later")
	}
	z.done = newHint("")
	z.pages = []fyne.CanvasObject{
		container.NewVBox(newHint(i18n.T("settings.wizard.phone.hint")), form(ed.phone.basicRows()...)),
		container.NewVBox(newHint(testHint), container.NewHBox(z.testBtn)),
		container.NewVBox(newHint(i18n.T("settings.wizard.contacts.hint")), ed.contacts.content(false)),
		container.NewVBox(z.done),
	}
	z.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	z.body = container.NewStack()
	z.errs = newErrorLabel()
	z.back = widget.NewButtonWithIcon(i18n.T("settings.wizard.back"), theme.NavigateBackIcon(), func() { z.show(z.page - 1) })
	z.next = widget.NewButton("", z.forward)
	z.next.Importance = widget.HighImportance
	// Problems appear on the page, under its fields, where a wrapped label
	// gets the page's width.
	z.buttons = container.NewHBox(layout.NewSpacer(), z.back, z.next)
	z.win.SetContent(container.NewBorder(z.heading, z.buttons, nil, nil, z.body))
	z.win.Resize(fyne.NewSize(640, 520))
	z.show(pagePhone)
	z.win.SetOnClosed(func() {
		if z.onClosed != nil {
			z.onClosed(z.finished)
		}
	})
	return z
}

// SetOnClosed registers f to run when the wizard closes; finished says
// whether the user got through to Finish (the phone page alone already
// saved the phone's settings).
func (z *Wizard) SetOnClosed(f func(finished bool)) { z.onClosed = f }

// Window is the Fyne window.
func (z *Wizard) Window() fyne.Window { return z.win }

// Show shows the wizard.
func (z *Wizard) Show() { z.win.Show() }

// show turns to page p.
func (z *Wizard) show(p int) {
	z.page = p
	z.heading.SetText(i18n.T("settings.wizard.step", p+1, pageCount) + "  " + z.pageTitle(p))
	z.body.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewVBox(z.pages[p], z.errs))}
	z.body.Refresh()
	showError(z.errs, nil)
	if p == pagePhone {
		z.back.Disable()
	} else {
		z.back.Enable()
	}
	if p == pageDone {
		n := len(z.ed.contacts.sources)
		z.done.SetText(i18n.T("settings.wizard.done.hint", z.ed.orig.Phone.URL, n))
	}
	z.updateNext()
}

// updateNext names the forward button for the page: Skip on the contacts
// page while there are none.
func (z *Wizard) updateNext() {
	switch {
	case z.next == nil: // still being built
	case z.page == pageDone:
		z.next.SetText(i18n.T("settings.wizard.finish"))
	case z.page == pageContacts && len(z.ed.contacts.sources) == 0:
		z.next.SetText(i18n.T("settings.wizard.skip"))
	default:
		z.next.SetText(i18n.T("settings.wizard.next"))
	}
	if z.buttons != nil {
		z.buttons.Refresh() // the button's width follows its text
	}
}

func (z *Wizard) pageTitle(p int) string {
	return [...]string{
		i18n.T("settings.tab.phone"), i18n.T("settings.wizard.test"),
		i18n.T("settings.tab.contacts"), i18n.T("settings.wizard.done"),
	}[p]
}

// forward leaves the page: the phone page and the last one save first.
func (z *Wizard) forward() {
	switch z.page {
	case pagePhone:
		z.saveThen(func() { z.show(pageTest) })
	case pageDone:
		z.saveThen(func() {
			z.finished = true
			z.win.Close()
		})
	default:
		z.show(z.page + 1)
	}
}

// saveThen checks and saves what the wizard has, then runs next; problems
// stay on the page.
func (z *Wizard) saveThen(next func()) {
	cfg, probs := z.ed.collect()
	if strings.TrimSpace(cfg.Phone.URL) == "" {
		err := errors.New(i18n.T("settings.wizard.address.missing"))
		showError(z.ed.phone.urlErr, err)
		probs = append(probs, problem{z.ed.phone, err})
	}
	if z.showProblems(probs) {
		return
	}
	z.next.Disable()
	z.back.Disable()
	z.ed.save(cfg, func(probs []problem) {
		z.next.Enable()
		if z.page != pagePhone {
			z.back.Enable()
		}
		if !z.showProblems(probs) {
			next()
		}
	})
}

// showProblems lists the problems under the page; false when there are none.
func (z *Wizard) showProblems(probs []problem) bool {
	errs := make([]error, len(probs))
	for i, p := range probs {
		errs[i] = p.err
	}
	showError(z.errs, joinLines(errs))
	return len(probs) > 0
}
