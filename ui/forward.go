package ui

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/platform/ipc"
	"deskcti/ui/mainloop"
)

// listenForwarded takes the requests of later deskcti processes (`deskcti
// dial`, a tel: link the browser started, a second `deskcti`) over the
// local socket, so that they use this app's phone, journal and pop-ups.
func (d *Desk) listenForwarded(path string) error {
	srv, err := ipc.Listen(path, d.forwarded)
	if err != nil {
		return err
	}
	d.ipc = srv
	return nil
}

// forwarded runs one request of another process.
func (d *Desk) forwarded(r ipc.Request) ipc.Reply {
	if len(r.Args) == 0 {
		return ipc.Reply{OK: false, Message: "empty request"}
	}
	switch r.Args[0] {
	case "dial":
		ctx, cancel := context.WithTimeout(d.ctx, 15*time.Second)
		defer cancel()
		dl, err := d.service().Dial(ctx, strings.Join(r.Args[1:], " "))
		if err != nil {
			ex := app.Explain(err)
			msg := ex.Problem
			if ex.Fix != "" {
				msg += "\n  → " + ex.Fix
			}
			return ipc.Reply{OK: false, Message: msg}
		}
		return ipc.Reply{OK: true, Message: i18n.T("cli.dialled", dl.Number)}
	case StatusRequest:
		return d.status()
	case "app":
		// A second start: bring the app forward instead.
		mainloop.Do(d.raise)
		return ipc.Reply{OK: true, Message: i18n.T("cli.app.running")}
	}
	return ipc.Reply{OK: false, Message: "unknown request " + r.Args[0]}
}

// raise shows the main window, or the journal when deskcti lives in the
// tray.
func (d *Desk) raise() {
	if d.main != nil {
		d.main.Show()
		d.main.RequestFocus()
		return
	}
	d.journal.Show()
}

// StatusRequest is the ipc request (Args[0]) a running app answers with its
// Status as JSON in Reply.Message. It is no command line a user types:
// diagnostics and the process-level benchmarks (bench/desktop) use it to
// see from outside when the address books have loaded.
const StatusRequest = "status"

// Status is the running app's state as the StatusRequest reports it.
type Status struct {
	Contacts []SourceStatus `json:"contacts"`
}

// SourceStatus is one address book of Status.
type SourceStatus struct {
	Name  string `json:"name"`
	Count int    `json:"count"` // contacts loaded
	// LastLoad is when the last load finished; zero (and Loaded false)
	// before the first.
	LastLoad time.Time `json:"last_load"`
	Loaded   bool      `json:"loaded"`
	Loading  bool      `json:"loading"` // a load is running now
	Error    string    `json:"error,omitempty"`
}

// status answers StatusRequest.
func (d *Desk) status() ipc.Reply {
	st := Status{Contacts: []SourceStatus{}}
	for _, s := range d.sourceStatus() {
		ss := SourceStatus{Name: s.Name, Count: s.Count, LastLoad: s.LastLoad, Loaded: !s.LastLoad.IsZero(), Loading: s.Loading}
		if s.Err != nil {
			ss.Error = s.Err.Error()
		}
		st.Contacts = append(st.Contacts, ss)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return ipc.Reply{OK: false, Message: err.Error()}
	}
	return ipc.Reply{OK: true, Message: string(b)}
}
