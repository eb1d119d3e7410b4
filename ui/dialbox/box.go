// Package dialbox is the global "Dial…" window, also used to transfer a
// call: one entry that takes a name or a number. A name shows the matching
// contacts as it is typed, each with its numbers; a number is dialled as
// typed (the dial rules in app turn it into what the phone needs). With the
// entry empty it lists the recent numbers. Enter dials (or transfers), Esc
// closes, and closing only hides the window: the app lives in the tray.
package dialbox

import (
	"context"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/app/calls"
	"deskcti/app/dialrules"
	"deskcti/contacts"
	"deskcti/ui/mainloop"
)

// Handlers connect the box to the app. Search and Recent may be nil (no
// contact search, no recent list); Transfer is needed for ShowTransfer.
type Handlers struct {
	// Search finds contacts by name (contacts.Book.Search); it may be slow
	// (LDAP) and is cancelled through ctx when the text changes.
	Search func(ctx context.Context, query string, limit int) []contacts.Contact
	// Recent returns recently used numbers, newest first (the journal).
	Recent func() []string
	// Dial dials any text: app.Service.Dial, which finds the number in it
	// and applies the dial rules.
	Dial func(ctx context.Context, text string) error
	// Transfer hands the current call over to number; attended consults
	// the target first ("Rückfrage").
	Transfer func(ctx context.Context, number string, attended bool) error
}

// Tuning.
const (
	// debounce is how long typing must pause before a search starts, so
	// that "müller" asks the address books once, not six times.
	debounce = 150 * time.Millisecond
	// limit is how many contacts a search shows.
	limit = 20
	// maxRecent is how many recent numbers are listed.
	maxRecent = 10
	// timeout bounds a dial or transfer request; the phone drivers' own
	// limit (5 s) is shorter, so their precise errors come first.
	timeout = 10 * time.Second
)

// Box is the dial window. Its methods must be called on the Fyne goroutine.
type Box struct {
	h Handlers
	w fyne.Window
	v view

	transfer bool
	call     calls.Call // the call to transfer
	text     string     // the entry's text, trimmed
	results  []contacts.Contact
	sel      int // the selected result, -1 for none
	recent   []string
	// searching is true from the first key of a name until its results.
	searching bool
	busy      bool  // a dial or transfer runs
	err       error // the last failure, shown until the next try
	shown     bool

	gen     int // counts searches; a result of an older one is dropped
	cancel  context.CancelFunc
	pending stopper // the debounce timer

	// jobs counts goroutines and timers whose result is still to reach
	// the window; tests wait for it.
	jobs sync.WaitGroup
	// do hands work to the Fyne goroutine (fyne.Do; a queue in tests and
	// Sample, since the test driver's fyne.Do runs work on the caller's
	// goroutine).
	do func(func())
	// after starts the debounce timer (time.AfterFunc; by hand in tests).
	after func(time.Duration, func()) stopper
}

// stopper is what the debounce timer needs of a time.Timer.
type stopper interface{ Stop() bool }

func afterFunc(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }

// New builds the box, hidden.
func New(a fyne.App, h Handlers) *Box {
	b := &Box{h: h, sel: -1, do: mainloop.Do, after: afterFunc}
	b.w = a.NewWindow("")
	b.build()
	b.w.SetCloseIntercept(b.hide)
	return b
}

// Window is the box's window.
func (b *Box) Window() fyne.Window { return b.w }

// ShowDial shows the box for dialling, the entry empty and focused.
func (b *Box) ShowDial() {
	b.transfer, b.call = false, calls.Call{}
	b.open()
}

// ShowTransfer shows the box for transferring c: Enter transfers blind,
// the second button after consulting the target.
func (b *Box) ShowTransfer(c calls.Call) {
	b.transfer, b.call = true, c
	b.open()
}

func (b *Box) open() {
	b.err = nil
	b.v.entry.SetText("")
	b.changed("")
	b.loadRecent()
	b.w.Show()
	b.w.RequestFocus()
	b.w.Canvas().Focus(b.v.entry)
	b.shown = true
}

// hide hides the window (Esc, the close button, after dialling).
func (b *Box) hide() {
	b.stopSearch()
	b.shown = false
	b.w.Hide()
}

// target is what Enter dials: the selected contact's number, else the text.
func (b *Box) target() string {
	if b.sel >= 0 && b.sel < len(b.results) {
		return preferred(b.results[b.sel])
	}
	return b.text
}

// submit dials or transfers the target on a goroutine; the window hides
// when the phone took it and shows the error when not.
func (b *Box) submit(attended bool) {
	if b.busy {
		return
	}
	target := b.target()
	if target == "" {
		b.err = dialrules.ErrNoNumber
		b.refresh()
		return
	}
	b.busy, b.err = true, nil
	b.refresh()
	run := func(ctx context.Context) error { return b.h.Dial(ctx, target) }
	if b.transfer {
		run = func(ctx context.Context) error { return b.h.Transfer(ctx, target, attended) }
	}
	do := b.do
	b.jobs.Add(1)
	go func() {
		defer b.jobs.Done()
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err := run(ctx)
		cancel()
		do(func() {
			b.busy, b.err = false, err
			if err == nil {
				b.hide()
			}
			b.refresh()
		})
	}()
}

// pick puts a number into the entry, from a contact or the recent list.
func (b *Box) pick(number string) {
	b.v.entry.SetText(number)
	b.w.Canvas().Focus(b.v.entry)
}

// selectResult moves the selection by delta (the arrow keys) or to i.
func (b *Box) selectResult(i int) {
	if len(b.results) == 0 || b.text == "" || b.searching {
		return
	}
	b.sel = max(-1, min(i, len(b.results)-1))
	b.refresh()
}

// preferred is the number to dial for a contact: work, then mobile, home
// and the rest; never a fax.
func preferred(c contacts.Contact) string {
	for _, k := range []contacts.Kind{contacts.Work, contacts.Mobile, contacts.Home} {
		for _, n := range c.Numbers {
			if n.Kind == k && strings.TrimSpace(n.Raw) != "" {
				return n.Raw
			}
		}
	}
	for _, n := range c.Numbers {
		if n.Kind != contacts.Fax && strings.TrimSpace(n.Raw) != "" {
			return n.Raw
		}
	}
	return ""
}
