package phonesim

import "fmt"

// State is the state of one call.
type State string

// The call states. Idle is what State reports when there is no call.
const (
	Idle      State = "idle"
	Dialing   State = "dialing"
	Ringing   State = "ringing"
	Connected State = "connected"
	Held      State = "held"
)

// Call is one call on the phone.
type Call struct {
	ID       string
	State    State
	Remote   string // the other party's number (or URI, as given)
	Display  string // the other party's display name, may be empty
	Incoming bool
	// Transferring is set while a transfer of this call is being set up
	// (snom TRANSFER or Yealink F_TRANSFER pressed, target digits pending).
	Transferring bool
	// TransferTarget is where the call was transferred to; see Ended.
	TransferTarget string
}

// Why a call ended (EndedCall.Reason).
const (
	EndLocal       = "local"       // hung up at the phone (CANCEL, ONHOOK, CALLEND, ...)
	EndRejected    = "rejected"    // a ringing call was rejected at the phone
	EndRemote      = "remote"      // the far end hung up
	EndMissed      = "missed"      // the far end gave up while it rang
	EndTransferred = "transferred" // passed on by a transfer (TransferTarget says where)
	EndDND         = "dnd"         // refused because DND was on
)

// EndedCall is a call that is over, with the reason it ended.
type EndedCall struct {
	Call
	Reason string
}

// Calls returns the current calls, oldest first.
func (s *Sim) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = *c
	}
	return out
}

// Ended returns the calls that are over, in the order they ended; a
// transferred call carries its TransferTarget here.
func (s *Sim) Ended() []EndedCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]EndedCall(nil), s.ended...)
}

// State is the state of the newest call, Idle when there is none.
func (s *Sim) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.calls) == 0 {
		return Idle
	}
	return s.calls[len(s.calls)-1].State
}

// DND reports whether do-not-disturb is on.
func (s *Sim) DND() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dnd
}

// Muted reports whether the microphone is muted (MUTE toggles it).
func (s *Sim) Muted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.muted
}

// LastDialed is the number of the last call the phone started, decoded
// (%23 is '#'): a dial command, REDIAL, or digits and ENTER.
func (s *Sim) LastDialed() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastDialed
}

// LastOutgoingURI is the outgoing_uri of the last dial command, "" when the
// command had none.
func (s *Sim) LastOutgoingURI() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastURI
}

// DTMF returns the tones sent into connected calls so far (snom key_dtmf,
// digit keys pressed during a connected call).
func (s *Sim) DTMF() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dtmf
}

// IncomingCall makes the phone ring with a call from remote (a number or
// SIP URI) with an optional display name, fires the incoming Action URL and
// returns the call id. With DND on the phone refuses the call at once and
// fires the missed-call URL instead (unconfirmed: what snom and Yealink
// fire for a call refused by DND is not in phones.md).
func (s *Sim) IncomingCall(remote, display string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dnd {
		c := s.newCallID(remote, display, true, Ringing)
		s.ended = append(s.ended, EndedCall{Call: *c, Reason: EndDND})
		s.fire(evMissed, c)
		return c.ID
	}
	c := s.addCall(remote, display, true, Ringing)
	s.fire(evIncoming, c)
	return c.ID
}

// RemoteAnswer is the far end answering an outgoing call: dialing becomes
// connected and the connected Action URL fires.
func (s *Sim) RemoteAnswer(callID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.callByID(callID)
	if c == nil {
		return fmt.Errorf("phonesim remote answer %s: no such call", callID)
	}
	if c.Incoming || c.State != Dialing {
		return fmt.Errorf("phonesim remote answer %s: call is %s, not an outgoing call that rings", callID, c.State)
	}
	s.connect(c)
	return nil
}

// RemoteHangup is the far end hanging up: the call ends; a call that was
// still ringing at the phone is a missed call.
func (s *Sim) RemoteHangup(callID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.callByID(callID)
	if c == nil {
		return fmt.Errorf("phonesim remote hangup %s: no such call", callID)
	}
	if c.Incoming && c.State == Ringing {
		s.endCall(c, EndMissed)
	} else {
		s.endCall(c, EndRemote)
	}
	return nil
}
