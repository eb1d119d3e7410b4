package phonesim

import (
	"crypto/tls"
	"io"
	"net/http"
	"strings"
	"time"

	"deskcti/phone"
)

// event is something that happens on the phone and may fire an Action URL.
type event int

const (
	evIncoming event = iota
	evOutgoing
	evConnected
	evDisconnected
	evMissed
	evReject
	evHold
	evUnhold
	evTransfer
	evBlindTransfer
	evAttendedTransfer
	evDNDOn
	evDNDOff
	evOffhook
	evOnhook
	evBusy // first call appears
	evIdle // last call gone
	evAlwaysFwdOn
	evAlwaysFwdOff
	evBusyFwdOn
	evBusyFwdOff
	evNoAnswerFwdOn
	evNoAnswerFwdOff
)

// kindEvents are the events deskcti knows by name (phone.EventKind); their
// setting names come from phone.SnomEventSettings and
// phone.YealinkEventKeys, so that the names exist once.
var kindEvents = map[phone.EventKind]event{
	phone.EventIncoming:         evIncoming,
	phone.EventOutgoing:         evOutgoing,
	phone.EventConnected:        evConnected,
	phone.EventDisconnected:     evDisconnected,
	phone.EventMissed:           evMissed,
	phone.EventRejected:         evReject,
	phone.EventHold:             evHold,
	phone.EventUnhold:           evUnhold,
	phone.EventTransfer:         evTransfer,
	phone.EventBlindTransfer:    evBlindTransfer,
	phone.EventAttendedTransfer: evAttendedTransfer,
	phone.EventDNDOn:            evDNDOn,
	phone.EventDNDOff:           evDNDOff,
	phone.EventOffhook:          evOffhook,
	phone.EventOnhook:           evOnhook,
}

// eventNames maps each event to its setting name: the vendor's table in
// package phone for the kinds deskcti uses, plus the emulator's extras.
func eventNames(byKind map[phone.EventKind]string, extra map[event]string) map[event]string {
	out := map[event]string{}
	for k, name := range byKind {
		ev, ok := kindEvents[k]
		if !ok {
			panic("phonesim: no event for phone.EventKind " + string(k)) // a kind added to package phone without one here
		}
		out[ev] = name
	}
	for ev, name := range extra {
		out[ev] = name
	}
	return out
}

// snomEvents names the setting that holds each event's URL (phones.md).
// Transfers fire action_transfer and then action_blind_transfer or
// action_attended_transfer, then the call's disconnected URL: the order is
// this emulator's choice. snom has no URL for a rejected call nor for a
// busy/idle change.
var snomEvents = eventNames(phone.SnomEventSettings, nil)

// SnomActionSettings lists the snom Action URL setting names (phones.md).
var SnomActionSettings = []string{
	"action_setup_url", "action_incoming_url", "action_outgoing_url",
	"action_offhook_url", "action_onhook_url", "action_missed_url",
	"action_connected_url", "action_disconnected_url", "action_dnd_on_url",
	"action_dnd_off_url", "action_redirection_on_url", "action_redirection_off_url",
	"action_log_on_url", "action_log_off_url", "action_reg_failed", "action_hold",
	"action_unhold", "action_transfer", "action_blind_transfer", "action_attended_transfer",
}

// yealinkEvents names the config key of each event (action_url.<event>);
// busy/idle and forwarding are events deskcti does not ask for.
var yealinkEvents = eventNames(phone.YealinkEventKeys, map[event]string{
	evBusy:           "action_url.idle_to_busy",
	evIdle:           "action_url.busy_to_idle",
	evAlwaysFwdOn:    "action_url.always_fwd_on",
	evAlwaysFwdOff:   "action_url.always_fwd_off",
	evBusyFwdOn:      "action_url.busy_fwd_on",
	evBusyFwdOff:     "action_url.busy_fwd_off",
	evNoAnswerFwdOn:  "action_url.no_answer_fwd_on",
	evNoAnswerFwdOff: "action_url.no_answer_fwd_off",
})

// fireTimeout bounds one Action URL delivery, as the brief for real phones.
const fireTimeout = 2 * time.Second

func newFireClient() *http.Client {
	return &http.Client{
		Timeout: fireTimeout,
		Transport: &http.Transport{
			Proxy: nil, // a phone talks to the PC directly
			// One connection per event, as phones do: events of one call
			// may arrive out of order.
			DisableKeepAlives: true,
			// Phones do not check the receiver's certificate.
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // emulating the phone
		},
	}
}

// fire records and sends the event's Action URL, if one is set. The URL is
// recorded here, synchronously, so that Fired lists events in the order
// they happened; the GET itself runs in the background. Caller holds s.mu.
func (s *Sim) fire(ev event, c *Call) {
	names := snomEvents
	if s.opts.Vendor == phone.Yealink {
		names = yealinkEvents
	}
	name := names[ev]
	if name == "" {
		return
	}
	tmpl := strings.TrimSpace(s.settings[name])
	if tmpl == "" {
		return
	}
	u := s.expand(tmpl, c)
	s.fired = append(s.fired, u)
	s.send(u, &s.fireErrors)
}

// send starts the phone's GET of u in the background (Action URLs,
// minibrowser fetches); a failure adds one to *failures. Caller holds s.mu.
func (s *Sim) send(u string, failures *int) {
	s.notify()
	if s.closing {
		return
	}
	s.pending++
	s.firing.Add(1)
	go s.deliver(u, failures)
}

// deliver GETs one URL; failures are counted, never retried.
func (s *Sim) deliver(u string, failures *int) {
	defer s.firing.Done()
	failed := s.get(u)
	s.mu.Lock()
	s.pending--
	if failed {
		*failures++
	}
	s.notify()
	s.mu.Unlock()
}

// get sends the GET and reports whether it failed.
func (s *Sim) get(u string) (failed bool) {
	if !strings.Contains(u, "://") {
		u = "http://" + u // phones accept a URL without scheme (unconfirmed)
	}
	req, err := http.NewRequestWithContext(s.fireCtx, http.MethodGet, u, nil)
	if err != nil {
		return true
	}
	req.Header.Set("User-Agent", s.userAgent())
	resp, err := s.fireClient.Do(req)
	if err != nil {
		return true
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode >= 400
}

func (s *Sim) userAgent() string {
	if s.opts.Vendor == phone.Yealink {
		return "Yealink " + s.opts.Model + " " + s.opts.Firmware + " " + s.opts.MAC
	}
	return s.opts.Model + "/" + s.opts.Firmware
}

// notify wakes WaitFired. Caller holds s.mu.
func (s *Sim) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Fired returns every Action URL fired so far, expanded, in the order of
// the events (delivery itself is asynchronous and may reorder them, as on a
// real network).
func (s *Sim) Fired() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.fired...)
}

// WaitFired waits until at least n Action URLs have fired and every
// delivery started so far has finished (reached the receiver or failed),
// or the timeout passes; it reports whether the condition was met.
func (s *Sim) WaitFired(n int, timeout time.Duration) bool {
	return s.waitUntil(timeout, func() bool { return len(s.fired) >= n })
}

// waitUntil waits until cond holds and no delivery or fetch is under way,
// or the timeout passes; it reports whether the condition was met. cond
// runs with s.mu held.
func (s *Sim) waitUntil(timeout time.Duration, cond func() bool) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		s.mu.Lock()
		ok := cond() && s.pending == 0
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-t.C:
			return false
		}
	}
}

// FireErrors counts Action URL deliveries that failed: no connection, no
// answer within 2 s, or an HTTP error status. Phones ignore such failures.
func (s *Sim) FireErrors() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fireErrors
}

// ActionURLs returns the Action URLs set, setting name -> template as stored
// (snom: action_incoming_url, action_hold, ...; Yealink:
// action_url.incoming_call, ...). Empty settings are left out.
func (s *Sim) ActionURLs() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	prefix := "action_"
	if s.opts.Vendor == phone.Yealink {
		prefix = "action_url."
	}
	out := map[string]string{}
	for k, v := range s.settings {
		if strings.HasPrefix(k, prefix) && v != "" {
			out[k] = v
		}
	}
	return out
}

// SetActionURL sets an Action URL as provisioning (Yealink) or the web UI
// (snom) would, read-only or not. The setting name is taken as given.
func (s *Sim) SetActionURL(setting, url string) {
	s.mu.Lock()
	s.settings[setting] = url
	s.mu.Unlock()
}
