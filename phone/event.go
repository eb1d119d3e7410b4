package phone

import (
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// EventKind is what happened on the phone, in deskcti's words; each kind is
// one Action URL setting on the phone and one path on the receiver
// (/event/<kind>).
type EventKind string

// The events deskcti asks the phones to report.
const (
	EventIncoming         EventKind = "incoming"     // a call rings
	EventOutgoing         EventKind = "outgoing"     // the user dials
	EventConnected        EventKind = "connected"    // a call is established
	EventDisconnected     EventKind = "disconnected" // a call ended
	EventMissed           EventKind = "missed"       // a ringing call ended unanswered
	EventRejected         EventKind = "rejected"     // the user rejected a ringing call (Yealink only)
	EventHold             EventKind = "hold"
	EventUnhold           EventKind = "unhold"
	EventTransfer         EventKind = "transfer" // any transfer (snom sends it before the specific one)
	EventBlindTransfer    EventKind = "blind_transfer"
	EventAttendedTransfer EventKind = "attended_transfer"
	EventDNDOn            EventKind = "dnd_on"
	EventDNDOff           EventKind = "dnd_off"
	EventOffhook          EventKind = "offhook"
	EventOnhook           EventKind = "onhook"
)

// EventKinds lists every kind, in the order settings and docs show them.
var EventKinds = []EventKind{
	EventIncoming, EventOutgoing, EventConnected, EventDisconnected, EventMissed, EventRejected,
	EventHold, EventUnhold, EventTransfer, EventBlindTransfer, EventAttendedTransfer,
	EventDNDOn, EventDNDOff, EventOffhook, EventOnhook,
}

// ParseEventKind accepts a kind's name as it appears in a receiver path.
func ParseEventKind(s string) (EventKind, bool) {
	for _, k := range EventKinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// SnomEventSettings maps each kind to the snom setting holding its URL
// (phones.md). snom has no setting for a rejected call.
var SnomEventSettings = map[EventKind]string{
	EventIncoming:         "action_incoming_url",
	EventOutgoing:         "action_outgoing_url",
	EventConnected:        "action_connected_url",
	EventDisconnected:     "action_disconnected_url",
	EventMissed:           "action_missed_url",
	EventHold:             "action_hold",
	EventUnhold:           "action_unhold",
	EventTransfer:         "action_transfer",
	EventBlindTransfer:    "action_blind_transfer",
	EventAttendedTransfer: "action_attended_transfer",
	EventDNDOn:            "action_dnd_on_url",
	EventDNDOff:           "action_dnd_off_url",
	EventOffhook:          "action_offhook_url",
	EventOnhook:           "action_onhook_url",
}

// YealinkEventKeys maps each kind to the Yealink config key holding its
// URL (action_url.<event>).
var YealinkEventKeys = map[EventKind]string{
	EventIncoming:         "action_url.incoming_call",
	EventOutgoing:         "action_url.outgoing_call",
	EventConnected:        "action_url.call_established",
	EventDisconnected:     "action_url.call_terminated",
	EventMissed:           "action_url.missed_call",
	EventRejected:         "action_url.reject_incoming_call",
	EventHold:             "action_url.hold",
	EventUnhold:           "action_url.unhold",
	EventTransfer:         "action_url.transfer_call",
	EventBlindTransfer:    "action_url.blind_transfer_call",
	EventAttendedTransfer: "action_url.attended_transfer_call",
	EventDNDOn:            "action_url.dnd_on",
	EventDNDOff:           "action_url.dnd_off",
	EventOffhook:          "action_url.off_hook",
	EventOnhook:           "action_url.on_hook",
}

// EventURL is the Action URL template the phone is given for kind: the
// receiver's base ("http://192.168.1.10:8080", with a secret path token if
// one is set), "/event/<kind>", and the vendor's variables as query
// parameters. Every variable stands just before a '&' or at the end,
// because snom ends a variable name only there, and the parameter names
// are the same for both vendors so that the receiver reads one shape:
//
//	v        vendor ("snom", "yealink")
//	call_id  the phone's call id ($call-id on snom, $call_id on Yealink)
//	remote   the other party ($remote)
//	display  the other party's display name ($display_remote)
//	local    this phone's identity ($local)
//	user     the active account ($active_user)
//	caller, called   Yealink's $callerID and $calledNumber
//	reason   snom's $cancel_reason
func EventURL(base string, vendor Vendor, kind EventKind) string {
	base = strings.TrimRight(base, "/")
	q := "?v=" + string(vendor)
	switch vendor {
	case Yealink:
		q += "&call_id=$call_id&remote=$remote&display=$display_remote&local=$local" +
			"&caller=$callerID&called=$calledNumber&user=$active_user"
	default:
		q += "&call_id=$call-id&remote=$remote&display=$display_remote&local=$local" +
			"&user=$active_user&reason=$cancel_reason"
	}
	return base + "/event/" + string(kind) + q
}

// Event is one Action URL request, parsed.
type Event struct {
	Kind   EventKind
	Vendor Vendor // from the v parameter; empty when the URL had none
	// CallID is the phone's id of the call; empty when the phone sent none
	// (or left the variable unexpanded).
	CallID string
	// Remote is the other party as the phone reported it, minus what is
	// not a number: "sip:0221123@pbx" stays, an unexpanded "$remote"
	// becomes "". Parse it with contacts/number.
	Remote string
	// Display is the other party's display name, "" when none.
	Display string
	// Local is this phone's own identity; User the active account.
	Local, User string
	// Caller and Called are Yealink's $callerID and $calledNumber.
	Caller, Called string
	// Reason is snom's $cancel_reason.
	Reason string
	// Peer is the address the request came from.
	Peer netip.Addr
	// Time is when the receiver got it.
	Time time.Time
	// Extra holds any other query parameters, for diagnostics and actions.
	Extra url.Values
}
