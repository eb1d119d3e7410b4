// Package calls folds the phone's events into calls: an incoming call rings,
// is answered or missed, may be held and transferred, and ends. The Tracker
// is fed every parsed Action-URL event and tells its listeners (journal,
// actions, the UI, `deskcti serve`) what changed.
package calls

import "time"

// Direction says who called.
type Direction string

// The two directions.
const (
	Incoming Direction = "in"
	Outgoing Direction = "out"
)

// State is where a call stands.
type State string

// The states of a call. Ended, Missed and Rejected are final.
const (
	Ringing   State = "ringing"   // incoming, not yet answered
	Dialing   State = "dialing"   // outgoing, not yet answered
	Connected State = "connected" // talking
	Held      State = "held"
	Ended     State = "ended"    // was connected, now over
	Missed    State = "missed"   // rang and nobody answered
	Rejected  State = "rejected" // rang and the user rejected it (or an outgoing call nobody answered)
)

// Final reports whether the call is over.
func (s State) Final() bool { return s == Ended || s == Missed || s == Rejected }

// Contact is who the remote party is, as the address books know them.
type Contact struct {
	Name, Company string
	// Source names the address book ("vcard:/home/u/a.vcf").
	Source string
	// Match is how the number matched: "exact", "head", "suffix".
	Match string
	// Extension is the caller's extension behind a company head number.
	Extension string
	// OpenURI opens the contact where it is kept (file:, https: of a
	// CardDAV card, outlook:); empty when there is no such place. The
	// journal does not keep it: it is looked up again when needed.
	OpenURI string
}

// Call is one call, as the journal keeps it.
type Call struct {
	// ID is the journal's row id, 0 until saved.
	ID int64
	// Key identifies the call among the phone's events: the phone's call id,
	// or a fallback made from the remote number when the phone sent none.
	Key string
	// CallID is the phone's call id as sent ("" when none).
	CallID string
	// Phone names the phone the call was on (its address).
	Phone     string
	Direction Direction
	State     State
	// Remote is the other party as the phone reported it; RemoteE164 its
	// international form ("" when it does not parse, e.g. "anonymous").
	Remote, RemoteE164 string
	// Display is the display name the phone showed.
	Display string
	// Contact is nil when nobody in the address books has the number.
	Contact *Contact
	// Start is when the call began ringing or dialling, Answer when it was
	// connected (zero if never), End when it ended (zero while it lasts).
	Start, Answer, End time.Time
	// TransferredTo is set when the call was transferred away.
	TransferredTo string
	// Note is the user's note.
	Note string

	// serial tells the calls of one Tracker apart (see Serial).
	serial uint64
}

// Serial tells the calls of one Tracker apart for as long as it runs, also
// when Key changes (a second call from a number that sends no call id
// renames the first): whoever keeps calls elsewhere (the journal writer)
// matches later changes to earlier ones by it. It is 0 for a call that did
// not come from a Tracker, such as one read from the journal.
func (c Call) Serial() uint64 { return c.serial }

// Duration is how long the call was connected: zero for calls never
// answered; for a call still going, until now.
func (c Call) Duration(now time.Time) time.Duration {
	if c.Answer.IsZero() {
		return 0
	}
	end := c.End
	if end.IsZero() {
		end = now
	}
	if end.Before(c.Answer) {
		return 0
	}
	return end.Sub(c.Answer)
}
