package phonesim

import (
	"html"
	"net/http"
	"strings"
)

const htmlType = "text/html; charset=utf-8"

// serveSnom answers one request the way a snom phone does. Caller holds s.mu.
func (s *Sim) serveSnom(r *http.Request, body []byte) reply {
	switch s.checkAuth(r) {
	case authOK:
	case authStale:
		rep := newReply(http.StatusUnauthorized, htmlType, unauthorizedPage)
		s.challenge(rep.header, true)
		return rep
	default:
		rep := newReply(http.StatusUnauthorized, htmlType, unauthorizedPage)
		s.challenge(rep.header, false)
		return rep
	}
	rep := s.snomRoute(r, body)
	rep.authorized = true
	return rep
}

const unauthorizedPage = "<html><head><title>401 Unauthorized</title></head><body>Unauthorized</body></html>\n"
const notFoundPage = "<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"

func (s *Sim) snomRoute(r *http.Request, body []byte) reply {
	d8 := isD8xx(s.opts.Model)
	switch r.URL.Path {
	case "/", "/index.htm":
		return newReply(http.StatusOK, htmlType, s.snomPage())
	}
	if d8 {
		// A D8xx has none of the classic pages: command.htm is documented
		// as missing; that settings.xml and the settings save are missing
		// too is this emulator's assumption.
		return newReply(http.StatusNotFound, htmlType, notFoundPage)
	}
	switch r.URL.Path {
	case "/command.htm":
		return s.snomCommand(r.URL.RawQuery)
	case "/minibrowser.htm":
		return s.snomMinibrowser(r.URL.RawQuery)
	case "/settings.xml":
		rep := newReply(http.StatusOK, "text/xml; charset=utf-8", s.settingsXML())
		rep.acted = true
		return rep
	case "/dummy.htm", "/settings.htm":
		raw := r.URL.RawQuery
		if r.Method == http.MethodPost {
			raw = string(body)
		}
		ps, err := parseRawQuery(raw, true)
		rep := newReply(http.StatusOK, htmlType, s.snomPage())
		if err == nil && s.saveSettings(ps) {
			rep.body = "<html><head><title>Settings</title></head><body>Settings saved.</body></html>\n"
			rep.acted = true
		}
		return rep
	}
	return newReply(http.StatusNotFound, htmlType, notFoundPage)
}

// snomPage is the web UI's start page; its title is how clients recognise
// the model (and a D8xx by "Phone Manager").
func (s *Sim) snomPage() string {
	title := "Phone Manager"
	if !isD8xx(s.opts.Model) {
		title = "snom " + strings.TrimPrefix(s.opts.Model, "snom")
	}
	return "<html><head><title>" + html.EscapeString(title) + "</title></head><body><h1>" +
		html.EscapeString(title) + "</h1></body></html>\n"
}

// snomCommand runs command.htm. The phone answers 302 to index.htm
// whatever the command did, also for keys it does not know.
func (s *Sim) snomCommand(rawQuery string) reply {
	rep := newReply(http.StatusFound, htmlType, "<html><body>Found</body></html>\n")
	rep.header.Set("Location", "/index.htm")
	ps, err := parseRawQuery(rawQuery, false)
	if err != nil {
		return rep
	}
	if n, ok := lookup(ps, "number"); ok && n != "" {
		uri, _ := lookup(ps, "outgoing_uri")
		s.dial(n, uri)
		rep.acted = true
	}
	if k, ok := lookup(ps, "key"); ok {
		if keys, err := ParseKeyChain(k); err == nil {
			for _, key := range keys {
				if s.snomKey(key.Name) {
					rep.acted = true
				}
			}
		}
	}
	if d, ok := lookup(ps, "key_dtmf"); ok && d != "" && s.connectedCall() != nil {
		s.dtmf += d
		rep.acted = true
	}
	if _, ok := lookup(ps, "RELEASE_ALL_CALLS"); ok {
		s.releaseAll()
		rep.acted = true
	}
	return rep
}

// snomKey presses one key and reports whether the phone knows it.
func (s *Sim) snomKey(name string) bool {
	switch name {
	case "CANCEL":
		// While a transfer target is being typed CANCEL leaves transfer
		// mode; otherwise it ends the call in focus, rejecting a ringing
		// one (which fires no Action URL). Idle, it does nothing: the
		// liveness probe.
		if tc := s.transferringCall(); tc != nil {
			tc.Transferring = false
			s.input = ""
			return true
		}
		s.input = ""
		s.hangupFocus()
	case "ONHOOK":
		// Putting the receiver down does not touch a call that only rings.
		s.input = ""
		if c := s.focus(); c != nil && !isRingingIn(c) {
			s.endCall(c, EndLocal)
		}
	case "ENTER":
		switch tc := s.transferringCall(); {
		case tc != nil && s.input != "":
			// Blind transfer: TRANSFER, digits, ENTER (unconfirmed: depends
			// on the phone's transfer mode).
			s.transfer(tc, s.input, nil, false)
		case s.ringingCall() != nil:
			s.answer(s.ringingCall())
		case s.input != "":
			// Digits typed then ENTER dial; with a held call this is the
			// consultation call of an attended transfer.
			s.dial(s.input, "")
		}
	case "OFFHOOK", "SPEAKER", "HEADSET":
		if rc := s.ringingCall(); rc != nil {
			s.answer(rc)
		}
	case "F_HOLD":
		if s.fwMajor < 8 {
			return false // unknown before firmware 8: F_R does it there
		}
		s.toggleHold()
	case "F_R":
		// On firmware 8 and later F_R is accepted but no longer holds
		// (this emulator's choice, so that drivers sending the old key to
		// new firmware are caught by tests).
		if s.fwMajor < 8 {
			s.toggleHold()
		}
	case "TRANSFER":
		s.snomTransfer()
	case "DND":
		s.setDND(!s.dnd)
	case "MUTE":
		s.muted = !s.muted
	case "REDIAL":
		if s.lastDialed != "" {
			s.dial(s.lastDialed, s.lastURI)
		}
	default:
		switch {
		case isDigitKey(name):
			s.digit(name)
		case isPKey(name):
		default:
			return false
		}
	}
	return true
}

// snomTransfer is the TRANSFER key: with a held call and a second call it
// joins the two (attended transfer, unconfirmed), else it puts the current
// call into transfer mode, waiting for the target digits and ENTER.
func (s *Sim) snomTransfer() {
	held := s.newest(func(c *Call) bool { return c.State == Held })
	active := s.newest(func(c *Call) bool { return c.State != Held && !isRingingIn(c) })
	if held != nil && active != nil {
		s.transfer(held, active.Remote, active, true)
		return
	}
	c := s.connectedCall()
	if c == nil {
		c = held
	}
	if c != nil {
		c.Transferring = true
		s.input = ""
	}
}

// digit handles a dial-pad key: DTMF into a connected call, else typed
// input for dialing or a transfer target.
func (s *Sim) digit(d string) {
	if s.transferringCall() == nil && s.connectedCall() != nil {
		s.dtmf += d
		return
	}
	s.input += d
}

func isDigitKey(name string) bool {
	return len(name) == 1 && (name[0] >= '0' && name[0] <= '9' || name[0] == '*' || name[0] == '#')
}

// isPKey matches the programmable keys P1, P2, ...
func isPKey(name string) bool {
	if len(name) < 2 || name[0] != 'P' {
		return false
	}
	for _, c := range name[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
