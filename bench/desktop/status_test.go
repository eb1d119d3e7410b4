package desktop

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"deskcti/platform/ipc"
)

// appStatus is the running app's answer to the ipc request "status"
// (ui.StatusRequest; the JSON is ui.Status, decoded here without
// importing package ui and with it Fyne).
type appStatus struct {
	Contacts []struct {
		Name     string    `json:"name"`
		Count    int       `json:"count"`
		LastLoad time.Time `json:"last_load"`
		Loaded   bool      `json:"loaded"`
		Loading  bool      `json:"loading"`
		Error    string    `json:"error"`
	} `json:"contacts"`
}

// askStatus asks the app listening at path how it is.
func askStatus(path string) (appStatus, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	r, err := ipc.Send(ctx, path, ipc.Request{Args: []string{"status"}})
	if err != nil {
		return appStatus{}, err
	}
	if !r.OK {
		return appStatus{}, fmt.Errorf("status request refused: %s", r.Message)
	}
	var st appStatus
	if err := json.Unmarshal([]byte(r.Message), &st); err != nil {
		return appStatus{}, fmt.Errorf("status reply %q: %w", r.Message, err)
	}
	return st, nil
}

// loaded is when the app's address book finished loading (by the app's
// own clock, the wall clock this process shares), or why it never will.
type loaded struct {
	at  time.Time
	err error
}

// watchContacts polls the app p of h every 10 ms, from now on, until it
// reports the CSV address book loaded with want contacts, and delivers when
// the load finished as the app recorded it: the app answers only once its
// socket listens, which may be after the load. It runs on its own
// goroutine so that a benchmark can wait for other things meanwhile.
func watchContacts(p *proc, h *home, want int) <-chan loaded {
	ch := make(chan loaded, 1)
	go func() {
		deadline := time.Now().Add(waitLimit)
		for {
			at, err := contactsLoaded(h, want)
			now := time.Now()
			switch {
			case err != nil:
				ch <- loaded{err: err}
				return
			case !at.IsZero():
				ch <- loaded{at: at}
				return
			case p.exited():
				ch <- loaded{err: fmt.Errorf("the app exited: %v", p.err)}
				return
			case now.After(deadline):
				ch <- loaded{err: fmt.Errorf("address book not loaded within %v", waitLimit)}
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	return ch
}

// contactsLoaded asks the app when the CSV address book of h finished
// loading: zero while it has not (or the app does not answer yet). A load
// error, or a load with another number of contacts than want, is an
// error.
func contactsLoaded(h *home, want int) (time.Time, error) {
	st, err := askStatus(h.ipc)
	if err != nil {
		return time.Time{}, nil
	}
	for _, c := range st.Contacts {
		if c.Name != "csv:"+h.contacts {
			continue
		}
		switch {
		case c.Error != "":
			return time.Time{}, fmt.Errorf("address book %s: %s", c.Name, c.Error)
		case !c.Loaded:
			return time.Time{}, nil
		case c.Count != want:
			return time.Time{}, fmt.Errorf("address book %s: %d contacts loaded, want %d", c.Name, c.Count, want)
		case c.LastLoad.IsZero():
			return time.Time{}, fmt.Errorf("address book %s loaded, but the app does not say when", c.Name)
		}
		return c.LastLoad, nil
	}
	return time.Time{}, fmt.Errorf("the app has no address book %s (it has %+v)", h.contacts, st.Contacts)
}

// waitContacts waits until the app p of h has loaded its address book of
// want contacts and returns when the load finished.
func waitContacts(tb testing.TB, p *proc, h *home, want int) time.Time {
	tb.Helper()
	r := <-watchContacts(p, h, want)
	if r.err != nil {
		tb.Fatalf("%v\n%s", r.err, p.log())
	}
	return r.at
}
