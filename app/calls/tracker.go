package calls

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"deskcti/phone"
)

// LookupFunc finds who has a number as the phone reported it: its E.164
// form ("" when it has none) and the contact (nil when nobody).
type LookupFunc func(ctx context.Context, raw string) (e164 string, c *Contact)

// Change is what one event did.
type Change struct {
	// Event is the event as received.
	Event phone.Event
	// Call is the call after the event; nil for events about the phone
	// rather than a call (DND, off-hook without a call).
	Call *Call
	// Prev is the call's state before the event ("" for a new call).
	Prev State
	// Duplicate is true when the event changed nothing: phones report the
	// same thing twice, and events of a call arrive out of order.
	Duplicate bool
}

// TrackerOptions tune a Tracker.
type TrackerOptions struct {
	// Phone names the phone whose events these are.
	Phone string
	// Lookup resolves numbers; nil leaves calls without contacts.
	Lookup LookupFunc
	// Now is the clock; nil means time.Now. Event times win when set.
	Now func() time.Time
	// Stale is how long a call may go without any event before Expire
	// ends it (a lost disconnect, a snom call rejected at the phone, which
	// fires nothing); 0 means 4 hours for connected calls and 10 minutes
	// for ringing or dialling ones.
	Stale time.Duration
}

// Tracker folds one phone's events into calls. It is safe for concurrent
// use; events are applied in the order Handle is called.
type Tracker struct {
	opt TrackerOptions

	mu   sync.Mutex
	open map[string]*tracked // by key
	// done remembers the keys of calls that just ended, so that a late or
	// repeated event of a finished call does not start a new one; ended
	// lists them in the order they ended, so that forgetting them does not
	// walk all of done on every event.
	done    map[string]time.Time
	ended   ring
	fallSeq int
	serials uint64 // the last Call.serial given out
}

type endedKey struct {
	key string
	at  time.Time
}

type tracked struct {
	call   Call
	last   time.Time // last event
	onhook time.Time // the phone went on hook while the call was off hook
}

// doneMemory is how long a finished call's key is remembered, and maxDone
// how many at most: far more than a desk phone ends in doneMemory (its
// late events come within seconds), and a flood of made-up calls cannot
// make the tracker hold more, or slow it down.
const (
	doneMemory = 2 * time.Minute
	maxDone    = 4096
)

// NewTracker returns a Tracker with no calls.
func NewTracker(o TrackerOptions) *Tracker {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Tracker{opt: o, open: map[string]*tracked{}, done: map[string]time.Time{}}
}

// Handle applies one event and says what changed: one Change, whose Call
// is nil for an event about the phone rather than a call (DND, on-hook).
// It returns a slice so that a future event that touches several calls
// (a conference) fits. The lookup runs here, once per call, when the call is first
// seen.
func (t *Tracker) Handle(ctx context.Context, ev phone.Event) []Change {
	now := ev.Time
	if now.IsZero() {
		now = t.opt.Now()
	}
	ch := Change{Event: ev}
	if ev.Kind == phone.EventOnhook {
		t.mu.Lock()
		defer t.mu.Unlock()
		return t.onhook(ev, now)
	}
	if !callEvent(ev.Kind) {
		return []Change{ch}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.forget(now)
	key := t.keyOf(ev)
	tr := t.open[key]
	if tr == nil {
		if _, finished := t.done[key]; finished {
			ch.Duplicate = true
			return []Change{ch}
		}
		if ev.Kind == phone.EventDisconnected || ev.Kind == phone.EventTransfer ||
			ev.Kind == phone.EventBlindTransfer || ev.Kind == phone.EventAttendedTransfer {
			// The end of a call we never saw begin (deskcti started
			// mid-call): nothing worth a journal line.
			ch.Duplicate = true
			return []Change{ch}
		}
		t.serials++
		tr = &tracked{call: Call{Key: key, CallID: ev.CallID, Phone: t.opt.Phone, Start: now, Direction: Incoming, serial: t.serials}}
		t.open[key] = tr
		t.identify(ctx, &tr.call, ev)
	} else {
		ch.Prev = tr.call.State
		if tr.call.Remote == "" && ev.Remote != "" {
			t.identify(ctx, &tr.call, ev)
		}
		if tr.call.Display == "" {
			tr.call.Display = ev.Display
		}
	}
	tr.last, tr.onhook = now, time.Time{}
	before := tr.call
	apply(&tr.call, ev, now)
	ch.Duplicate = ch.Prev != "" && tr.call == before
	c := tr.call
	ch.Call = &c
	if c.State.Final() {
		delete(t.open, key)
		t.finish(key, now)
	}
	return []Change{ch}
}

// apply is the state machine proper.
func apply(c *Call, ev phone.Event, now time.Time) {
	switch ev.Kind {
	case phone.EventIncoming:
		c.Direction = Incoming
		if c.State == "" {
			c.State = Ringing
		}
	case phone.EventOutgoing:
		c.Direction = Outgoing
		if c.State == "" {
			c.State = Dialing
		}
	case phone.EventConnected, phone.EventUnhold:
		c.State = Connected
		if c.Answer.IsZero() {
			c.Answer = now
		}
	case phone.EventHold:
		c.State = Held
		if c.Answer.IsZero() {
			c.Answer = now
		}
	case phone.EventDisconnected:
		switch c.State {
		case Ringing, "":
			c.State = Missed
		default:
			c.State = Ended
		}
		c.End = now
	case phone.EventMissed:
		if c.State == "" || c.State == Ringing {
			c.State = Missed
			c.End = now
		}
	case phone.EventRejected:
		if c.State == "" || c.State == Ringing {
			c.State = Rejected
			c.End = now
		}
	case phone.EventTransfer, phone.EventBlindTransfer, phone.EventAttendedTransfer:
		if t := transferTarget(ev); c.TransferredTo == "" || c.TransferredTo == "?" {
			c.TransferredTo = t
		}
		if c.State == "" {
			c.State = Connected
		}
	}
}

// transferTarget is where a call went, where the phone says so; a marker
// otherwise, so that the journal shows the call was transferred.
func transferTarget(ev phone.Event) string {
	for _, k := range []string{"target", "transfer_to"} {
		if v := ev.Extra.Get(k); v != "" {
			return v
		}
	}
	return "?"
}

// onhook notes that the phone is idle: calls that were off the hook are
// over. They are not ended at once, because their own disconnect event may
// still be on its way (each event travels on its own connection); Expire
// ends them after OnhookGrace unless it arrives. An outgoing call nobody
// answered fires no disconnect at all, so this is how it ends. Ringing
// calls are not off the hook and stay. Caller holds t.mu.
func (t *Tracker) onhook(ev phone.Event, now time.Time) []Change {
	for _, tr := range t.open {
		switch tr.call.State {
		case Dialing, Connected, Held:
			tr.onhook = now
		}
	}
	return []Change{{Event: ev}}
}

// OnhookGrace is how long after an on-hook event a call still off the hook
// waits for its own disconnect before Expire ends it.
const OnhookGrace = 3 * time.Second

// Expire ends calls that have had no event for too long and returns them.
// The caller runs it now and then (once a minute is plenty).
func (t *Tracker) Expire(now time.Time) []Call {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []Call
	for key, tr := range t.open {
		limit := t.opt.Stale
		if limit == 0 {
			limit = 4 * time.Hour
			if tr.call.State == Ringing || tr.call.State == Dialing {
				limit = 10 * time.Minute
			}
		}
		switch {
		case !tr.onhook.IsZero() && now.Sub(tr.onhook) >= OnhookGrace:
			tr.last = tr.onhook
		case now.Sub(tr.last) < limit:
			continue
		}
		switch tr.call.State {
		case Ringing:
			tr.call.State = Missed
		default:
			tr.call.State = Ended
		}
		tr.call.End = tr.last
		out = append(out, tr.call)
		delete(t.open, key)
		t.finish(key, now)
	}
	t.forget(now)
	return out
}

// Open returns the calls in progress.
func (t *Tracker) Open() []Call {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]Call, 0, len(t.open))
	for _, tr := range t.open {
		out = append(out, tr.call)
	}
	return out
}

// Busy reports whether calls are in progress, which Expire may have to
// end: without any, there is nothing to check.
func (t *Tracker) Busy() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.open) > 0
}

// Restore puts a call the journal still has open (deskcti restarted
// mid-call, or was killed) back under tracking. Its last event is taken to
// be the last time the journal has (answer, else start), so that Expire
// ends a call that ended while deskcti was away, at that time, instead of
// counting its staleness from now. A call on another phone (the settings
// changed since), or one already tracked under the key, is left alone: its
// key means nothing among this phone's events.
func (t *Tracker) Restore(c Call) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c.State.Final() || c.Key == "" || c.Phone != t.opt.Phone || t.open[c.Key] != nil {
		return
	}
	last := c.Start
	if c.Answer.After(last) {
		last = c.Answer
	}
	if last.IsZero() {
		last = t.opt.Now()
	}
	t.serials++
	c.serial = t.serials
	t.open[c.Key] = &tracked{call: c, last: last}
}

// finish remembers that the call with key ended at, and forgets the
// oldest finished call beyond maxDone. Caller holds t.mu.
func (t *Tracker) finish(key string, at time.Time) {
	if t.ended.len() == maxDone {
		t.dropOldest()
	}
	t.done[key] = at
	t.ended.push(endedKey{key, at})
}

// forget drops the keys of calls that ended more than doneMemory ago,
// oldest first. Event times are not strictly ordered, so a key may stay a
// little longer behind a younger one; it never goes early. Caller holds
// t.mu.
func (t *Tracker) forget(now time.Time) {
	for t.ended.len() > 0 && now.Sub(t.ended.oldest().at) > doneMemory {
		t.dropOldest()
	}
}

// dropOldest forgets the call that ended first. Caller holds t.mu.
func (t *Tracker) dropOldest() {
	e := t.ended.pop()
	if at, ok := t.done[e.key]; ok && at.Equal(e.at) {
		delete(t.done, e.key)
	}
}

// ring is a queue of ended keys in a ring buffer that doubles when full:
// pushing and popping neither allocate nor copy once it has grown to the
// number of calls a tracker remembers.
type ring struct {
	buf        []endedKey
	head, size int
}

func (r *ring) len() int { return r.size }

func (r *ring) oldest() endedKey { return r.buf[r.head] }

func (r *ring) push(e endedKey) {
	if r.size == len(r.buf) {
		grown := make([]endedKey, max(16, 2*len(r.buf)))
		n := copy(grown, r.buf[r.head:])
		copy(grown[n:], r.buf[:r.head])
		r.buf, r.head = grown, 0
	}
	r.buf[(r.head+r.size)%len(r.buf)] = e
	r.size++
}

func (r *ring) pop() endedKey {
	e := r.buf[r.head]
	r.buf[r.head] = endedKey{}
	r.head = (r.head + 1) % len(r.buf)
	r.size--
	return e
}

// keyOf identifies the call of an event: the phone's call id, or, when it
// sent none, the remote party (an open call with the same remote is the
// same call). Caller holds t.mu.
func (t *Tracker) keyOf(ev phone.Event) string {
	if ev.CallID != "" {
		return "id:" + ev.CallID
	}
	remote := strings.ToLower(strings.TrimSpace(ev.Remote))
	if remote == "" {
		remote = "display:" + strings.ToLower(ev.Display)
	}
	key := "remote:" + remote
	if ev.Kind == phone.EventIncoming || ev.Kind == phone.EventOutgoing {
		if tr, ok := t.open[key]; ok && tr.call.State != Ringing && tr.call.State != Dialing {
			// A new call from the same number while an older one with no
			// call id is still open: keep them apart.
			t.fallSeq++
			delete(t.open, key)
			t.open[key+"#"+strconv.Itoa(t.fallSeq)] = tr
			tr.call.Key = key + "#" + strconv.Itoa(t.fallSeq)
		}
	}
	return key
}

// identify fills the remote party and looks the number up.
func (t *Tracker) identify(ctx context.Context, c *Call, ev phone.Event) {
	c.Remote, c.Display = ev.Remote, ev.Display
	if t.opt.Lookup != nil && ev.Remote != "" {
		c.RemoteE164, c.Contact = t.opt.Lookup(ctx, ev.Remote)
	}
}

// callEvent reports whether kind is about a call.
func callEvent(kind phone.EventKind) bool {
	switch kind {
	case phone.EventIncoming, phone.EventOutgoing, phone.EventConnected, phone.EventDisconnected,
		phone.EventMissed, phone.EventRejected, phone.EventHold, phone.EventUnhold,
		phone.EventTransfer, phone.EventBlindTransfer, phone.EventAttendedTransfer:
		return true
	}
	return false
}

// Saved records the journal's row id of call c (as a Change reported it),
// so that its next changes carry it. The call is found by its Serial,
// because its Key may have changed since. A call that already ended is not
// tracked any more and needs none.
func (t *Tracker) Saved(c Call, id int64) {
	if c.serial == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, tr := range t.open {
		if tr.call.serial == c.serial {
			tr.call.ID = id
			return
		}
	}
}
