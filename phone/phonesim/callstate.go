package phonesim

import "strconv"

// The transitions below are called with s.mu held.

func (s *Sim) newCallID(remote, display string, incoming bool, st State) *Call {
	s.nextID++
	return &Call{ID: strconv.Itoa(s.nextID), State: st, Remote: remote, Display: display, Incoming: incoming}
}

// addCall puts a new call on the phone.
func (s *Sim) addCall(remote, display string, incoming bool, st State) *Call {
	if len(s.calls) == 0 {
		s.fire(evBusy, nil)
	}
	c := s.newCallID(remote, display, incoming, st)
	s.calls = append(s.calls, c)
	return c
}

func (s *Sim) callByID(id string) *Call {
	for _, c := range s.calls {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func isRingingIn(c *Call) bool { return c.Incoming && c.State == Ringing }

// offhookCalls counts the calls that use the phone's audio (all but calls
// ringing in); offhook/onhook fire when it leaves or reaches zero.
func (s *Sim) offhookCalls() int {
	n := 0
	for _, c := range s.calls {
		if !isRingingIn(c) {
			n++
		}
	}
	return n
}

// focus is the call the phone's keys act on: the newest call that is
// neither held nor ringing in, else the newest ringing call, else the
// newest held one.
func (s *Sim) focus() *Call {
	for _, pick := range []func(*Call) bool{
		func(c *Call) bool { return c.State != Held && !isRingingIn(c) },
		isRingingIn,
		func(c *Call) bool { return c.State == Held },
	} {
		for i := len(s.calls) - 1; i >= 0; i-- {
			if pick(s.calls[i]) {
				return s.calls[i]
			}
		}
	}
	return nil
}

// newest returns the newest call for which pick is true.
func (s *Sim) newest(pick func(*Call) bool) *Call {
	for i := len(s.calls) - 1; i >= 0; i-- {
		if pick(s.calls[i]) {
			return s.calls[i]
		}
	}
	return nil
}

func (s *Sim) ringingCall() *Call { return s.newest(isRingingIn) }

func (s *Sim) connectedCall() *Call {
	return s.newest(func(c *Call) bool { return c.State == Connected })
}

func (s *Sim) transferringCall() *Call {
	return s.newest(func(c *Call) bool { return c.Transferring })
}

// holdOthers puts every connected call except keep on hold, as a phone
// does when it answers or starts another call.
func (s *Sim) holdOthers(keep *Call) {
	for _, c := range s.calls {
		if c != keep && c.State == Connected {
			s.hold(c)
		}
	}
}

// dial starts an outgoing call.
func (s *Sim) dial(number, uri string) *Call {
	s.holdOthers(nil)
	if s.offhookCalls() == 0 {
		s.fire(evOffhook, nil)
	}
	c := s.addCall(number, "", false, Dialing)
	s.lastDialed, s.lastURI = number, uri
	s.input = ""
	s.fire(evOutgoing, c)
	return c
}

// answer takes a ringing call.
func (s *Sim) answer(c *Call) {
	s.holdOthers(c)
	if s.offhookCalls() == 0 {
		s.fire(evOffhook, nil)
	}
	s.connect(c)
}

// connect marks c connected; a call that was ever connected fires
// "disconnected" when it ends.
func (s *Sim) connect(c *Call) {
	c.State = Connected
	s.wasConnected[c.ID] = true
	s.fire(evConnected, c)
}

func (s *Sim) hold(c *Call) {
	if c.State != Connected {
		return
	}
	c.State = Held
	s.fire(evHold, c)
}

func (s *Sim) unhold(c *Call) {
	if c.State != Held {
		return
	}
	s.holdOthers(c)
	c.State = Connected
	s.fire(evUnhold, c)
}

// toggleHold is F_HOLD: hold the connected call, or resume the newest
// held call when none is connected. phones.md marks "resume = same key
// again" as unconfirmed; the emulator implements it.
func (s *Sim) toggleHold() {
	if c := s.connectedCall(); c != nil {
		s.hold(c)
		return
	}
	if c := s.newest(func(c *Call) bool { return c.State == Held }); c != nil {
		s.unhold(c)
	}
}

// hangupFocus ends the call the keys act on; a ringing call is rejected.
func (s *Sim) hangupFocus() {
	c := s.focus()
	if c == nil {
		return
	}
	if isRingingIn(c) {
		s.endCall(c, EndRejected)
		return
	}
	s.endCall(c, EndLocal)
}

// releaseAll ends every call.
func (s *Sim) releaseAll() {
	for len(s.calls) > 0 {
		c := s.calls[len(s.calls)-1]
		if isRingingIn(c) {
			s.endCall(c, EndRejected)
		} else {
			s.endCall(c, EndLocal)
		}
	}
}

// endCall removes a call and fires what its end means.
func (s *Sim) endCall(c *Call, reason string) {
	wasOffhook := s.offhookCalls() > 0
	for i, x := range s.calls {
		if x == c {
			s.calls = append(s.calls[:i], s.calls[i+1:]...)
			break
		}
	}
	if c.Transferring && reason != EndTransferred {
		s.input = ""
	}
	c.Transferring = false
	connected := s.wasConnected[c.ID]
	delete(s.wasConnected, c.ID)
	s.ended = append(s.ended, EndedCall{Call: *c, Reason: reason})
	switch {
	case reason == EndMissed:
		s.fire(evMissed, c)
	case reason == EndRejected:
		// snom fires nothing for a call rejected at the phone (phones.md);
		// Yealink has reject_incoming_call.
		s.fire(evReject, c)
	case connected:
		s.fire(evDisconnected, c)
	}
	if wasOffhook && s.offhookCalls() == 0 {
		s.fire(evOnhook, nil)
	}
	if len(s.calls) == 0 {
		s.fire(evIdle, nil)
	}
}

// transfer completes a transfer of c to target: blind when consult is nil,
// else c is joined with the consultation call and both leave the phone.
// attended says which event the phone reports.
func (s *Sim) transfer(c *Call, target string, consult *Call, attended bool) {
	c.TransferTarget = target
	s.input = ""
	s.fire(evTransfer, c)
	if attended {
		s.fire(evAttendedTransfer, c)
	} else {
		s.fire(evBlindTransfer, c)
	}
	s.endCall(c, EndTransferred)
	if consult != nil {
		consult.TransferTarget = c.Remote
		s.endCall(consult, EndTransferred)
	}
}

// setDND switches DND and fires the matching URL when it changed.
func (s *Sim) setDND(on bool) {
	if s.dnd == on {
		return
	}
	s.dnd = on
	if on {
		s.fire(evDNDOn, nil)
	} else {
		s.fire(evDNDOff, nil)
	}
}
