package journalwin

import (
	"context"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/contacts/number"
)

// SampleCalls are made-up calls around now, newest first, one of each
// kind the window shows: ringing, held, talking, missed (known, unknown and
// withheld numbers), answered with a note, an outgoing call nobody
// answered with a guessed contact, and a caller from abroad.
func SampleCalls(now time.Time) []calls.Call {
	at := func(d time.Duration) time.Time { return now.Add(-d) }
	müller := &calls.Contact{Name: "Gisela Müller", Company: "Müller & Söhne GmbH", Source: "csv:/home/anna/Kontakte.csv", Match: "head", Extension: "42"}
	return []calls.Call{
		{ID: 12, Direction: calls.Incoming, State: calls.Ringing, Remote: "022198765 42", RemoteE164: "+492219876542",
			Display: "Gisela Müller", Contact: müller, Start: at(4 * time.Second), Phone: "192.168.1.20"},
		{ID: 11, Direction: calls.Outgoing, State: calls.Held, Remote: "23", Display: "Empfang",
			Contact: &calls.Contact{Name: "Empfang", Source: "phonebook:/srv/telefonbuch.xml", Match: "exact"},
			Start:   at(3 * time.Minute), Answer: at(170 * time.Second), Phone: "192.168.1.20"},
		{ID: 10, Direction: calls.Outgoing, State: calls.Connected, Remote: "089 123456", RemoteE164: "+4989123456",
			Contact: &calls.Contact{Name: "Dr. Jörg Weiß", Company: "Weiß Steuerberatung", Source: "vcard:/home/anna/Kontakte.vcf", Match: "exact"},
			Start:   at(9 * time.Minute), Answer: at(8*time.Minute + 40*time.Second), Phone: "192.168.1.20"},
		{ID: 9, Direction: calls.Incoming, State: calls.Missed, Remote: "01701234567", RemoteE164: "+491701234567",
			Start: at(47 * time.Minute), End: at(46 * time.Minute), Phone: "192.168.1.20"},
		{ID: 8, Direction: calls.Incoming, State: calls.Ended, Remote: "0221 1780", RemoteE164: "+492211780",
			Contact: &calls.Contact{Company: "Stadtwerke Köln", Source: "ldap:ldaps://dc.example.local/dc=example,dc=local", Match: "exact"},
			Start:   at(2*time.Hour + 12*time.Minute), Answer: at(2*time.Hour + 11*time.Minute + 50*time.Second), End: at(time.Hour + 58*time.Minute),
			Note: "Zählerstand bis Freitag nachreichen.\nAnsprechpartner: Herr Özdemir", Phone: "192.168.1.20"},
		{ID: 7, Direction: calls.Incoming, State: calls.Missed, Remote: "anonymous", Start: at(26 * time.Hour), End: at(26*time.Hour - 20*time.Second)},
		{ID: 6, Direction: calls.Outgoing, State: calls.Rejected, Remote: "030 5551234", RemoteE164: "+49305551234",
			Contact: &calls.Contact{Name: "Brigitte Schäfer", Company: "Schäfer Immobilien", Source: "carddav:https://cloud.example.de/remote.php/dav/", Match: "suffix"},
			Start:   at(27 * time.Hour), End: at(27*time.Hour - 30*time.Second)},
		{ID: 5, Direction: calls.Incoming, State: calls.Ended, Remote: "0041 44 1234567", RemoteE164: "+41441234567", Display: "Meier AG",
			Contact: &calls.Contact{Name: "Urs Meier", Company: "Meier AG", Source: "vcard:/home/anna/Kontakte.vcf", Match: "exact"},
			Start:   at(75 * time.Hour), Answer: at(75*time.Hour - 10*time.Second), End: at(74*time.Hour + 31*time.Minute),
			TransferredTo: "24"},
	}
}

// SampleFormat is a simple number display for German numbers, standing in
// for the lead's formatter in samples: national without the country code,
// "+49 …" with it, other countries always international.
func SampleFormat(c calls.Call, withCountryCode bool) string {
	e := c.RemoteE164
	switch {
	case e == "":
		return number.StripURI(c.Remote)
	case !strings.HasPrefix(e, "+49"):
		return e
	case withCountryCode:
		return "+49 " + e[3:]
	}
	return "0" + e[3:]
}

// Sample is a journal window filled with SampleCalls(now), the Stadtwerke
// call expanded, wired to an in-memory journal in which filters, notes and
// delete work. The calls are in place at once, so a screenshot needs
// neither Show nor a wait: w.Window().Canvas().Capture().
func Sample(a fyne.App, now time.Time) *Window {
	st := newMemStore(SampleCalls(now))
	w := New(a, Handlers{
		List: st.List, SetNote: st.SetNote, Delete: st.Delete,
		CallBack:    func(context.Context, calls.Call) error { return nil },
		OpenContact: func(calls.Call) error { return nil },
		ExportCSV: func(_ context.Context, out io.Writer, cs []calls.Call) error {
			sep := ','
			if i18n.Current() == i18n.German {
				sep = ';'
			}
			return journal.WriteCSVSep(out, cs, now.Location(), sep)
		},
		Format: SampleFormat,
	})
	w.now = func() time.Time { return now }
	w.setCalls(st.snapshot())
	w.list.Select(w.indexOf(8))
	return w
}

// memStore is a journal in memory with List's filters, for samples and
// tests.
type memStore struct {
	mu    sync.Mutex
	calls []calls.Call // newest first
}

func newMemStore(cs []calls.Call) *memStore { return &memStore{calls: slices.Clone(cs)} }

func (m *memStore) snapshot() []calls.Call {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.calls)
}

// List answers q the way journal.Journal.List does.
func (m *memStore) List(ctx context.Context, q journal.Query) ([]calls.Call, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []calls.Call
	for _, c := range m.snapshot() {
		if (!q.Since.IsZero() && c.Start.Before(q.Since)) || (!q.Until.IsZero() && !c.Start.Before(q.Until)) ||
			(q.Missed && c.State != calls.Missed) || (q.Direction != "" && c.Direction != q.Direction) ||
			!matches(c, q.Text) {
			continue
		}
		out = append(out, c)
	}
	out = out[min(q.Offset, len(out)):]
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

func matches(c calls.Call, text string) bool {
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" {
		return true
	}
	fields := []string{c.Display, c.Remote, c.RemoteE164}
	if c.Contact != nil {
		fields = append(fields, c.Contact.Name, c.Contact.Company)
	}
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), text) {
			return true
		}
	}
	return false
}

// SetNote replaces a call's note.
func (m *memStore) SetNote(_ context.Context, id int64, note string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.calls {
		if m.calls[i].ID == id {
			m.calls[i].Note = note
			return nil
		}
	}
	return journal.ErrNotFound
}

// Delete removes calls; unknown ids are ignored, as in the journal.
func (m *memStore) Delete(_ context.Context, ids ...int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = slices.DeleteFunc(m.calls, func(c calls.Call) bool { return slices.Contains(ids, c.ID) })
	return nil
}
