package phonesim

import (
	"strconv"
	"strings"
)

// Forwarding is the call forwarding a Yealink phone was told to do with
// the AlwaysFwdOn, BusyFwdOn and NoAnswFwdOn keys; "" is off.
type Forwarding struct {
	Always, Busy, NoAnswer string
	NoAnswerSeconds        int // ring time before no-answer forwarding, 0 = phone default
}

// Forwarding returns the current call forwarding.
func (s *Sim) Forwarding() Forwarding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fwd
}

// yealinkKey presses one Action URI key and reports whether the phone
// knows it. uri is the request's outgoing_uri, for number=N.
func (s *Sim) yealinkKey(name, uri string) bool {
	for prefix, act := range map[string]func(*Call){
		"CANCEL:": func(c *Call) {
			if isRingingIn(c) {
				s.endCall(c, EndRejected)
			} else {
				s.endCall(c, EndLocal)
			}
		},
		"ASW:": func(c *Call) {
			if isRingingIn(c) {
				s.answer(c)
			}
		},
		"HOLD:":   s.hold,
		"UNHOLD:": s.unhold,
	} {
		if id, ok := strings.CutPrefix(name, prefix); ok {
			if c := s.callByID(id); c != nil {
				act(c)
			}
			return true
		}
	}
	head, arg, hasArg := strings.Cut(name, "=")
	switch {
	case !hasArg:
		return s.yealinkPlainKey(name)
	case head == "number":
		if arg != "" {
			s.dial(arg, uri)
		}
	case head == "AlwaysFwdOn" && arg != "":
		s.fwd.Always = arg
		s.fire(evAlwaysFwdOn, nil)
	case head == "BusyFwdOn" && arg != "":
		s.fwd.Busy = arg
		s.fire(evBusyFwdOn, nil)
	case head == "NoAnswFwdOn" && arg != "":
		// NoAnswFwdOn=NUMBER=SECONDS; the seconds are optional.
		target, secs, _ := strings.Cut(arg, "=")
		n, err := strconv.Atoi(secs)
		if target == "" || (secs != "" && (err != nil || n < 0)) {
			return false
		}
		s.fwd.NoAnswer, s.fwd.NoAnswerSeconds = target, n
		s.fire(evNoAnswerFwdOn, nil)
	default:
		return false
	}
	return true
}

// yealinkPlainKey presses a key without argument.
func (s *Sim) yealinkPlainKey(name string) bool {
	switch name {
	case "CALLEND", "X":
		s.input = ""
		s.hangupFocus()
	case "OK", "ENTER":
		switch {
		case s.ringingCall() != nil:
			s.answer(s.ringingCall())
		case s.input != "":
			// Typed digits and OK dial; after F_TRANSFER this is the
			// call to the transfer target (which holds the first call).
			s.dial(s.input, "")
		}
	case "ASW", "SPEAKER":
		if rc := s.ringingCall(); rc != nil {
			s.answer(rc)
		}
	case "F_HOLD":
		s.toggleHold()
	case "F_TRANSFER":
		s.yealinkTransfer()
	case "DNDOn":
		s.setDND(true)
	case "DNDOff":
		s.setDND(false)
	case "MUTE":
		s.muted = !s.muted
	case "AlwaysFwdOff":
		s.fwd.Always = ""
		s.fire(evAlwaysFwdOff, nil)
	case "BusyFwdOff":
		s.fwd.Busy = ""
		s.fire(evBusyFwdOff, nil)
	case "NoAnswFwdOff":
		s.fwd.NoAnswer, s.fwd.NoAnswerSeconds = "", 0
		s.fire(evNoAnswerFwdOff, nil)
	case "STAR":
		// Yealink's key list names * and # STAR and POUND (third-party
		// sources; unconfirmed which firmware also takes the characters).
		s.digit("*")
	case "POUND":
		s.digit("#")
	default:
		if !isDigitKey(name) {
			return false
		}
		s.digit(name)
	}
	return true
}

// yealinkTransfer is F_TRANSFER (phones.md: unconfirmed). The first press
// puts the current call into transfer mode; digits name the target. The
// second press completes: with a call to the target already set up (OK
// after the digits) the two calls are joined, attended when the target has
// answered, else semi-attended, reported as blind; without one the call
// goes blind to the typed digits.
func (s *Sim) yealinkTransfer() {
	tc := s.transferringCall()
	if tc == nil {
		c := s.connectedCall()
		if c == nil {
			c = s.newest(func(c *Call) bool { return c.State == Held })
		}
		if c != nil {
			c.Transferring = true
			s.input = ""
		}
		return
	}
	consult := s.newest(func(c *Call) bool { return c != tc && c.State != Held && !isRingingIn(c) })
	switch {
	case consult != nil:
		s.transfer(tc, consult.Remote, consult, consult.State == Connected)
	case s.input != "":
		s.transfer(tc, s.input, nil, false)
	}
}
