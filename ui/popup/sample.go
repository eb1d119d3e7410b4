package popup

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/app/calls"
	"deskcti/ui/mainloop"
)

// SampleCalls are the calls Sample shows: a known caller ringing (a head
// number match with an extension) and an unknown caller connected for
// 2:05 at now.
func SampleCalls(now time.Time) []calls.Call {
	return []calls.Call{{
		Key: "id:sample-1", CallID: "sample-1", Direction: calls.Incoming, State: calls.Ringing,
		Remote: "022147110023", RemoteE164: "+4922147110023", Start: now,
		Contact: &calls.Contact{Name: "Gisela Müller", Company: "Müller & Söhne GmbH",
			Source: "vcard:/home/anna/Kontakte.vcf", Match: "head", Extension: "23"},
	}, {
		Key: "id:sample-2", CallID: "sample-2", Direction: calls.Incoming, State: calls.Connected,
		Remote: "+4930901820", RemoteE164: "+4930901820",
		Start: now.Add(-2*time.Minute - 15*time.Second), Answer: now.Add(-2*time.Minute - 5*time.Second),
	}}
}

// Sample opens the pop-ups of SampleCalls with handlers that do nothing,
// for screenshots and manual looks; the clock stands still at now. Call it
// on the Fyne goroutine: it returns with the windows complete (the notes
// of earlier calls, which the real app loads on a goroutine, included), so
// a screenshot can follow at once.
func Sample(a fyne.App, now time.Time) *Manager {
	nop := func(context.Context, calls.Call) error { return nil }
	h := Handlers{
		Answer: nop, Reject: nop, Hangup: nop, Hold: nop,
		Transfer:    func(calls.Call) {},
		OpenContact: func(calls.Call) error { return nil },
		AddContact:  func(calls.Call) {},
		Copy:        func(string) {},
		Actions:     []Action{{Name: "CRM", Run: func(calls.Call) error { return nil }}},
		Notes: func(c calls.Call) []string {
			if c.Contact == nil {
				return nil
			}
			return []string{"Angebot 4711 nachfassen, Rückruf bis Freitag", "Rechnung 2024-118 geklärt"}
		},
		Format: func(c calls.Call) (string, string) {
			if c.RemoteE164 == "+4930901820" {
				return "030 901820", "Berlin"
			}
			return "0221 47110023", "Köln"
		},
	}
	m := NewManager(a, h, Options{Now: func() time.Time { return now }})
	m.newTicker = func(time.Duration) ticker { return stillTicker{} } // the clock stands still
	queued := make(chan func(), 16)
	m.do = func(f func()) { queued <- f }
	for _, c := range SampleCalls(now) {
		m.Update(c)
	}
	m.jobs.Wait()
	m.do = mainloop.Do // all goroutines that captured the queue are done
	for len(queued) > 0 {
		(<-queued)()
	}
	return m
}
