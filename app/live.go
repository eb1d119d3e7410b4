package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"time"

	"deskcti/app/actions"
	"deskcti/app/calls"
	"deskcti/app/journal"
	"deskcti/app/secrets"
	"deskcti/contacts"
	"deskcti/phone"
	"deskcti/phone/receiver"
)

// LiveOptions say what the event pipeline is wired to; nil parts are left
// out (no address book: calls without contacts; no journal: nothing kept).
type LiveOptions struct {
	Book    *contacts.Book
	Journal *journal.Journal
	Actions *actions.Runner
	// Listen overrides the settings' receiver address when not empty.
	Listen string
	// Allow and Deny are added to the settings' lists.
	Allow, Deny []netip.Prefix
	// RatePerPeer overrides the receiver's limit of requests per second
	// from one address (receiver.Config.RatePerPeer: 0 keeps the default,
	// which is far above what a phone sends). Only a load test that
	// stands in for many phones from one address has a reason to raise it.
	RatePerPeer float64
	// OnChange sees every change, duplicates included, in event order,
	// one at a time but not always on the same goroutine; a change that
	// ends a call comes once the journal has it. It must not block for
	// long (the UI hands it to fyne.Do).
	OnChange func(calls.Change)
	// OnError sees what went wrong in the background: a journal write, an
	// action; one at a time. nil logs it.
	OnError func(error)
	Logger  *slog.Logger
}

// Live is deskcti listening: the receiver takes the phone's events, the
// tracker folds them into calls with contacts, the journal keeps them and
// the user's actions run.
type Live struct {
	smu     sync.Mutex
	s       *Service // replaced by SetService when the settings change
	o       LiveOptions
	rcv     *receiver.Receiver
	tracker *calls.Tracker
	host    string
	fmu     sync.Mutex // one OnError at a time
}

// ReceiverTokenAccount is the keyring account of the receiver's secret
// path token; the variable ReceiverTokenEnv overrides it.
const (
	ReceiverTokenAccount = "receiver:token"
	ReceiverTokenEnv     = "DESKCTI_RECEIVER_TOKEN"
)

// StartLive opens the receiver (falling back to the next port when the
// configured one is taken) and returns the pipeline; Run feeds it.
func (s *Service) StartLive(ctx context.Context, o LiveOptions) (*Live, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	rc := s.cfg.Receiver
	listen := rc.Listen
	if o.Listen != "" {
		listen = o.Listen
	}
	if listen == "" {
		listen = "0.0.0.0:8080"
	}
	allow, deny, err := accessLists(rc.Allow, rc.Deny)
	if err != nil {
		return nil, err
	}
	allow = append(allow, o.Allow...)
	deny = append(deny, o.Deny...)
	// The phone itself may always send, and this PC (127.0.0.1 and ::1,
	// not all of 127/8: containers and other users' services live there).
	allow = append(allow, netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128"))
	if s.cfg.Phone.URL != "" {
		if a, err := PhoneAddr(ctx, s.cfg.Phone.URL); err == nil {
			allow = append(allow, netip.PrefixFrom(a, a.BitLen()))
		} else {
			o.Logger.Warn("receiver: the phone's address does not resolve; only the allow list may send events", "err", err)
		}
	}
	token, err := secrets.Get(ReceiverTokenAccount, ReceiverTokenEnv)
	var unavailable *secrets.UnavailableError
	switch {
	case errors.As(err, &unavailable):
		// No keyring (a headless server): run without the optional token
		// rather than not at all.
		o.Logger.Warn("receiver: keyring unavailable, no path token", "err", err)
	case err != nil && !errors.Is(err, secrets.ErrNotFound):
		return nil, err
	}
	rcv, err := receiver.Listen(receiver.Config{Listen: listen, Allow: allow, Deny: deny, Token: token,
		RatePerPeer: o.RatePerPeer, Logger: o.Logger})
	if err != nil {
		return nil, err
	}
	l := &Live{s: s, o: o, rcv: rcv, host: rc.Host}
	l.tracker = calls.NewTracker(calls.TrackerOptions{Phone: s.cfg.Phone.URL, Lookup: l.lookup})
	return l, nil
}

// accessLists parses the settings' allow and deny lists.
func accessLists(allowS, denyS []string) (allow, deny []netip.Prefix, err error) {
	var errs []error
	for _, s := range allowS {
		p, err := receiver.ParsePrefix(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("receiver allow list: %w", err))
			continue
		}
		allow = append(allow, p)
	}
	for _, s := range denyS {
		p, err := receiver.ParsePrefix(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("receiver deny list: %w", err))
			continue
		}
		deny = append(deny, p)
	}
	return allow, deny, errors.Join(errs...)
}

// SetService switches to new settings (after the user saved them): the
// phone, its address and the receiver's host. The receiver keeps its port
// and lists until the next start.
func (l *Live) SetService(s *Service) {
	l.smu.Lock()
	l.s, l.host = s, s.cfg.Receiver.Host
	l.smu.Unlock()
}

func (l *Live) service() (*Service, string) {
	l.smu.Lock()
	defer l.smu.Unlock()
	return l.s, l.host
}

// Receiver is the running receiver, for its address and statistics.
func (l *Live) Receiver() *receiver.Receiver { return l.rcv }

// Tracker is the call tracker, for the calls in progress.
func (l *Live) Tracker() *calls.Tracker { return l.tracker }

// BaseURL is the receiver's address as the phone must call it: the
// configured host, else this PC's address towards the phone.
func (l *Live) BaseURL() (string, error) {
	s, host := l.service()
	if host == "" {
		if s.cfg.Phone.URL == "" {
			return l.rcv.BaseURL(""), nil
		}
		a, err := LocalAddrFor(s.cfg.Phone.URL)
		if err != nil {
			return "", err
		}
		host = a.String()
	}
	return l.rcv.BaseURL(host), nil
}

// ConfigureEvents points the phone's Action URLs at this receiver. For a
// Yealink it returns the *phone.ManualError with the lines to paste.
func (l *Live) ConfigureEvents(ctx context.Context) error {
	base, drv, err := l.baseAndDriver()
	if err != nil {
		return err
	}
	return drv.ConfigureEvents(ctx, base)
}

func (l *Live) baseAndDriver() (string, phone.Driver, error) {
	base, err := l.BaseURL()
	if err != nil {
		return "", nil, err
	}
	s, _ := l.service()
	drv, err := s.Driver()
	return base, drv, err
}

// RemoveEvents takes this receiver's Action URLs off the phone again,
// where the driver can.
func (l *Live) RemoveEvents(ctx context.Context) error {
	base, drv, err := l.baseAndDriver()
	if err != nil {
		return err
	}
	r, ok := drv.(phone.EventRemover)
	if !ok {
		return nil
	}
	return r.RemoveEvents(ctx, base)
}

// Run handles events until ctx ends or the receiver is closed. Calls that
// go quiet (a lost hang-up) are ended after a while.
func (l *Live) Run(ctx context.Context) error { return l.run(ctx, l.rcv.Events()) }

// run is Run with the events taken from a channel of the caller's choice:
// the receiver's queue, or a benchmark's that bypasses HTTP. Before it
// returns, every change is in the journal and announced.
func (l *Live) run(ctx context.Context, events <-chan phone.Event) error {
	// Often enough to end a call a lost hang-up left open soon after the
	// on-hook grace period; the check itself is a walk over open calls.
	// The clock runs only while calls are open: an idle app sleeps.
	tick := time.NewTicker(time.Second)
	tick.Stop()
	defer tick.Stop()
	var tickC <-chan time.Time
	clock := func() {
		switch busy := l.tracker.Busy(); {
		case busy && tickC == nil:
			tick.Reset(time.Second)
			tickC = tick.C
		case !busy && tickC != nil:
			tick.Stop()
			tickC = nil
		}
	}
	started := time.Now()
	l.restoreOpen(ctx)
	clock() // a tracker with open calls (handed over, restored) starts the clock at once
	var actionErrs <-chan error
	if l.o.Actions != nil {
		actionErrs = l.o.Actions.Errors()
	}
	// The journal is written to the end, also when ctx ends the run.
	k := newKeeper(context.WithoutCancel(ctx), l.o.Journal, l.o.OnChange, l.tracker.Saved, l.fail)
	defer k.close()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			l.handle(ctx, k, ev)
			if !l.drain(ctx, k, events) {
				return nil
			}
			clock()
		case now := <-tickC:
			for _, c := range l.tracker.Expire(now) {
				// Announced as the event the phone did not send.
				kind := phone.EventDisconnected
				if c.State == calls.Missed {
					kind = phone.EventMissed
				}
				ev := phone.Event{Kind: kind, CallID: c.CallID, Remote: c.Remote, Display: c.Display, Time: c.End}
				ch := calls.Change{Event: ev, Call: &c}
				if c.End.Before(started) {
					// It ended while deskcti was not running (a call
					// restored from the journal): the journal gets its
					// end, but the user's actions are for what happens
					// now, not a missed call of last night.
					k.put(ch)
					continue
				}
				l.apply(ctx, k, ch)
			}
			clock()
		case err := <-actionErrs:
			l.fail(err)
		}
	}
}

// maxRestore bounds how many open calls restoreOpen takes from the
// journal: far more than a desk phone has at once; beyond it are rows left
// open by a journal from long ago, which stay as they are.
const maxRestore = 64

// restoreOpen hands the calls the journal still has open (deskcti stopped
// or crashed mid-call) to the tracker: the phone's next event about one
// continues its row, and one that ended meanwhile is closed by the clock
// (Expire) instead of staying open in the journal for good.
func (l *Live) restoreOpen(ctx context.Context) {
	if l.o.Journal == nil {
		return
	}
	open, err := l.o.Journal.OpenCalls(ctx, maxRestore)
	if err != nil {
		l.fail(err)
		return
	}
	for _, c := range open {
		l.tracker.Restore(c)
	}
}

// drainBatch bounds how many queued events run takes in a row before it
// looks at its other channels (the clock, ctx) again.
const drainBatch = 64

// drain handles the events already queued, up to drainBatch: under load
// that is most of them, and a receive alone costs less than run's select
// over every channel. It reports false when events is closed.
func (l *Live) drain(ctx context.Context, k *keeper, events <-chan phone.Event) bool {
	for range drainBatch {
		select {
		case ev, ok := <-events:
			if !ok {
				return false
			}
			l.handle(ctx, k, ev)
		default:
			return true
		}
	}
	return true
}

// handle folds one event into the calls and applies what changed.
func (l *Live) handle(ctx context.Context, k *keeper, ev phone.Event) {
	for _, ch := range l.tracker.Handle(ctx, ev) {
		l.apply(ctx, k, ch)
	}
}

// apply acts on one change, then hands it to the keeper, which writes the
// journal and announces it.
func (l *Live) apply(ctx context.Context, k *keeper, ch calls.Change) {
	if l.o.Actions != nil && !ch.Duplicate {
		l.o.Actions.Fire(ctx, ch.Event.Kind, VarsOf(ch))
	}
	k.put(ch)
}

// fail reports a background error; the event loop and the journal writer
// both do, one at a time.
func (l *Live) fail(err error) {
	l.fmu.Lock()
	defer l.fmu.Unlock()
	if l.o.OnError != nil {
		l.o.OnError(err)
		return
	}
	l.o.Logger.Warn("deskcti", "err", err)
}

// Close stops the receiver; Run returns.
func (l *Live) Close() error { return l.rcv.Close() }

// lookup is the tracker's view of the address books.
func (l *Live) lookup(ctx context.Context, raw string) (string, *calls.Contact) {
	if l.o.Book == nil {
		return "", nil
	}
	r := l.o.Book.Lookup(ctx, raw)
	if r.Contact == nil {
		return r.E164, nil
	}
	return r.E164, &calls.Contact{Name: r.Contact.Name, Company: r.Contact.Company, Source: r.Contact.Source,
		Match: string(r.Match), Extension: r.Extension, OpenURI: r.Contact.OpenURI}
}

// VarsOf fills the placeholders of the user's actions from a change.
func VarsOf(ch calls.Change) actions.Vars {
	v := actions.Vars{Event: ch.Event.Kind, CallID: ch.Event.CallID, Number: ch.Event.Remote, Display: ch.Event.Display}
	if c := ch.Call; c != nil {
		v.Number, v.E164, v.Display, v.CallID, v.Direction = c.Remote, c.RemoteE164, c.Display, c.CallID, string(c.Direction)
		v.Name = strings.TrimSpace(c.Display)
		if ct := c.Contact; ct != nil {
			v.Name, v.Company, v.Extension, v.Source = ct.Name, ct.Company, ct.Extension, ct.Source
		}
	}
	return v
}
