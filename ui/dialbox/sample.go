package dialbox

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/contacts"
	"deskcti/ui/mainloop"
)

// SampleContacts is the little address book Sample searches.
func SampleContacts() []contacts.Contact {
	return []contacts.Contact{{
		Name: "Gisela Müller", Company: "Müller & Söhne GmbH", Source: "sample",
		Numbers: []contacts.Number{
			{Kind: contacts.Work, Raw: "+49 221 4711023"},
			{Kind: contacts.Mobile, Raw: "0171 2345678"},
			{Kind: contacts.Fax, Raw: "+49 221 4711099"},
		},
	}, {
		Name: "Jens Müller-Lüdenscheidt", Company: "Stadtwerke Köln", Source: "sample",
		Numbers: []contacts.Number{{Kind: contacts.Work, Raw: "0221 178-0"}},
	}, {
		Name: "Anna Mullins", Source: "sample",
		Numbers: []contacts.Number{{Kind: contacts.Home, Raw: "+44 20 7946 0018"}},
	}}
}

// SampleHandlers search SampleContacts (by the start of any word of the
// name or company, ignoring case and umlauts as the real index does
// closely enough) and dial nothing.
func SampleHandlers() Handlers {
	return Handlers{
		Search: func(_ context.Context, q string, n int) []contacts.Contact {
			var out []contacts.Contact
			for _, c := range SampleContacts() {
				for _, w := range strings.Fields(sampleFold(c.Name + " " + c.Company)) {
					if strings.HasPrefix(w, sampleFold(q)) && len(out) < n {
						out = append(out, c)
						break
					}
				}
			}
			return out
		},
		Recent:   func() []string { return []string{"0221 4711023", "+49 30 901820", "23"} },
		Dial:     func(context.Context, string) error { return nil },
		Transfer: func(context.Context, string, bool) error { return nil },
	}
}

func sampleFold(s string) string {
	return strings.NewReplacer("ü", "u", "ö", "o", "ä", "a", "-", " ").Replace(strings.ToLower(s))
}

// Sample shows the box with SampleHandlers as it looks after typing "mull"
// and pressing ↓: three contacts found, the first selected. Call it on the
// Fyne goroutine; it returns with the window complete, so that a
// screenshot can follow at once.
func Sample(a fyne.App) *Box {
	b := New(a, SampleHandlers())
	queued := make(chan func(), 16)
	b.do = func(f func()) { queued <- f }
	b.after = func(_ time.Duration, f func()) stopper { f(); return spent{} }
	b.ShowDial()
	b.v.entry.SetText("mull")
	b.jobs.Wait()
	for len(queued) > 0 {
		(<-queued)()
	}
	b.selectResult(0)
	b.do = mainloop.Do // every goroutine that captured the queue is done
	b.after = afterFunc
	return b
}

// spent is a timer that already fired.
type spent struct{}

func (spent) Stop() bool { return false }
