//go:build (linux && !android) || freebsd || openbsd || netbsd

package buswake

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/godbus/dbus/v5"
)

// becomeMonitor turns mon into a monitor of the method calls addressed to
// the connection self and routes everything mon receives
// to msgs. It reports whether a reportable call arrived before the reply.
//
// msgs is installed with Eavesdrop before the call, not after its reply,
// so that no monitored call goes through godbus's own dispatch, which
// would drop it (it ignores calls addressed to other names; a monitor that
// answered one would be disconnected by the bus) and lose a wake-up. The
// reply is therefore picked out of msgs by its serial.
func becomeMonitor(ctx context.Context, mon *dbus.Conn, msgs chan *dbus.Message, self *dbus.Conn) (pending bool, err error) {
	target, owned := self.Names()[0], self.Names
	mon.Eavesdrop(msgs)
	// dbus-daemon matches destination against the connection a call is
	// delivered to, so this one rule also covers the well-known names self
	// owns now or later.
	rules := []string{"type='method_call',destination='" + target + "'"}
	msg := &dbus.Message{
		Type: dbus.TypeMethodCall,
		Headers: map[dbus.HeaderField]dbus.Variant{
			dbus.FieldDestination: dbus.MakeVariant("org.freedesktop.DBus"),
			dbus.FieldPath:        dbus.MakeVariant(dbus.ObjectPath("/org/freedesktop/DBus")),
			dbus.FieldInterface:   dbus.MakeVariant("org.freedesktop.DBus.Monitoring"),
			dbus.FieldMember:      dbus.MakeVariant("BecomeMonitor"),
			dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(rules, uint32(0))),
		},
		Body: []any{rules, uint32(0)},
	}
	// The Call completes only with a send error or when ctx ends (the reply
	// goes to msgs); its Err is safe to read once it is on Done.
	call := mon.SendWithContext(ctx, msg, nil)
	serial := msg.Serial()
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return false, fmt.Errorf("buswake: become monitor: %w", dbus.ErrClosed)
			}
			if reportable(m, target, owned) {
				pending = true
				continue
			}
			if s, _ := m.Headers[dbus.FieldReplySerial].Value().(uint32); s != serial {
				continue
			}
			if m.Type == dbus.TypeError {
				return false, fmt.Errorf("buswake: become monitor: %w", replyError(m))
			}
			return pending, nil
		case c := <-call.Done:
			return false, fmt.Errorf("buswake: become monitor: %w", c.Err)
		case <-ctx.Done():
			return false, fmt.Errorf("buswake: become monitor: %w", ctx.Err())
		}
	}
}

// replyError is the bus's error reply as a dbus.Error. Its body is the
// bus's own explanation, not anything a client sent.
func replyError(m *dbus.Message) error {
	name, _ := m.Headers[dbus.FieldErrorName].Value().(string)
	return dbus.Error{Name: name, Body: m.Body}
}

// reportable reports whether m is a method call from another client to
// the connection with unique name self, which owns the well-known names
// owned() lists.
//
// dbus-daemon has already filtered on the destination, but dbus-broker
// ignores destination in a monitor's match rules (bus1/dbus-broker#232,
// #381) and copies every method call on the bus, so the check is repeated
// here. owned() is godbus's record of the shared connection's names, which
// it updates from NameAcquired before RequestName returns, so it knows a
// name before anyone can learn that the name is ours.
func reportable(m *dbus.Message, self string, owned func() []string) bool {
	if m.Type != dbus.TypeMethodCall {
		return false
	}
	if sender, _ := m.Headers[dbus.FieldSender].Value().(string); sender == self {
		return false
	}
	dest, _ := m.Headers[dbus.FieldDestination].Value().(string)
	switch {
	case dest == self:
		return true
	case dest == "" || strings.HasPrefix(dest, ":"):
		return false // another connection's unique name
	default:
		return slices.Contains(owned(), dest)
	}
}

// run folds the monitored calls into out until ctx ends or a connection
// goes, then closes out.
func run(ctx context.Context, mon *dbus.Conn, msgs <-chan *dbus.Message, self *dbus.Conn, out chan<- struct{}, observe func(*dbus.Message)) {
	defer close(out)
	defer closeMonitor(mon)
	target := self.Names()[0]
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return // the bus went away or dropped the monitor
			}
			if !reportable(m, target, self.Names) {
				continue
			}
			select {
			case out <- struct{}{}:
			default: // a report is pending; this call is folded into it
			}
			if observe != nil {
				observe(m)
			}
		case <-self.Context().Done():
			return
		case <-ctx.Done():
			return
		}
	}
}

// closeMonitor closes mon without letting godbus close msgs: Close closes
// the Eavesdrop channel before it stops the reader, which could then send
// a message already read into the closed channel and panic. A monitored
// call that arrives once the channel is removed goes to godbus's dispatch,
// which ignores it because it is addressed to another connection.
func closeMonitor(mon *dbus.Conn) {
	mon.Eavesdrop(nil)
	_ = mon.Close()
}
