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

// snomEvents names the setting that holds each event's URL (phones.md).
// Transfers fire action_transfer and then action_blind_transfer or
// action_attended_transfer, then the call's disconnected URL: the order is
// this emulator's choice. snom has no URL for a rejected call nor for a
// busy/idle change.
var snomEvents = map[event]string{
	evIncoming:         "action_incoming_url",
	evOutgoing:         "action_outgoing_url",
	evConnected:        "action_connected_url",
	evDisconnected:     "action_disconnected_url",
	evMissed:           "action_missed_url",
	evHold:             "action_hold",
	evUnhold:           "action_unhold",
	evTransfer:         "action_transfer",
	evBlindTransfer:    "action_blind_transfer",
	evAttendedTransfer: "action_attended_transfer",
	evDNDOn:            "action_dnd_on_url",
	evDNDOff:           "action_dnd_off_url",
	evOffhook:          "action_offhook_url",
	evOnhook:           "action_onhook_url",
}

// SnomActionSettings lists the snom Action URL setting names (phones.md).
var SnomActionSettings = []string{
	"action_setup_url", "action_incoming_url", "action_outgoing_url",
	"action_offhook_url", "action_onhook_url", "action_missed_url",
	"action_connected_url", "action_disconnected_url", "action_dnd_on_url",
	"action_dnd_off_url", "action_redirection_on_url", "action_redirection_off_url",
	"action_log_on_url", "action_log_off_url", "action_reg_failed", "action_hold",
	"action_unhold", "action_transfer", "action_blind_transfer", "action_attended_transfer",
}

// yealinkEvents names the config key of each event (action_url.<event>).
var yealinkEvents = map[event]string{
	evIncoming:         "action_url.incoming_call",
	evOutgoing:         "action_url.outgoing_call",
	evConnected:        "action_url.call_established",
	evDisconnected:     "action_url.call_terminated",
	evMissed:           "action_url.missed_call",
	evReject:           "action_url.reject_incoming_call",
	evHold:             "action_url.hold",
	evUnhold:           "action_url.unhold",
	evTransfer:         "action_url.transfer_call",
	evBlindTransfer:    "action_url.blind_transfer_call",
	evAttendedTransfer: "action_url.attended_transfer_call",
	evDNDOn:            "action_url.dnd_on",
	evDNDOff:           "action_url.dnd_off",
	evOffhook:          "action_url.off_hook",
	evOnhook:           "action_url.on_hook",
	evBusy:             "action_url.idle_to_busy",
	evIdle:             "action_url.busy_to_idle",
	evAlwaysFwdOn:      "action_url.always_fwd_on",
	evAlwaysFwdOff:     "action_url.always_fwd_off",
	evBusyFwdOn:        "action_url.busy_fwd_on",
	evBusyFwdOff:       "action_url.busy_fwd_off",
	evNoAnswerFwdOn:    "action_url.no_answer_fwd_on",
	evNoAnswerFwdOff:   "action_url.no_answer_fwd_off",
}

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
	s.notify()
	if s.closing {
		return
	}
	s.pending++
	s.firing.Add(1)
	go s.deliver(u)
}

// deliver GETs one expanded URL; failures are counted, never retried.
func (s *Sim) deliver(u string) {
	defer s.firing.Done()
	failed := s.get(u)
	s.mu.Lock()
	s.pending--
	if failed {
		s.fireErrors++
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
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		s.mu.Lock()
		ok := len(s.fired) >= n && s.pending == 0
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
