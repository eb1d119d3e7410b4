//go:build (linux && !android) || freebsd || openbsd || netbsd

package buswake

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/godbus/dbus/v5"
)

// setupTimeout bounds connecting and becoming a monitor, whatever ctx says:
// ctx is meant to live as long as the watch, and a hung bus must not keep
// the UI from starting. A variable so that tests can shorten it.
var setupTimeout = 5 * time.Second

// queueSize is the buffer between godbus's reader and the folding loop,
// which does no more than a channel send per message. godbus drops a
// message when the buffer is full. On dbus-daemon every queued message is
// a reportable call, so a drop loses no wake-up; on dbus-broker the queue
// also carries the rest of the bus's method calls, hence room for a burst.
const queueSize = 256

// Watch reports, on the returned channel, each DBus method call that another
// client sends to this process's shared session-bus connection (the one
// dbus.SessionBus() returns, which fyne.io/systray uses). Non-blocking: the channel
// has capacity 1 and calls that arrive while a report is pending are folded into it.
// The channel is closed when ctx ends or the monitor connection is lost,
// and also when the shared connection closes (its unique name, which the
// monitor watches, is then gone; call Watch again after reconnecting).
//
// Watch connects to the shared connection itself if nobody has yet, but
// never starts a session bus. Calls the shared connection makes to itself
// are not reported.
func Watch(ctx context.Context) (<-chan struct{}, error) {
	return watch(ctx, nil)
}

// watch is Watch with observe called for each reported call once it is
// reported or folded, which lets tests see which calls counted.
func watch(ctx context.Context, observe func(*dbus.Message)) (<-chan struct{}, error) {
	setupCtx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()

	// The private connection comes first: it fails fast when there is no
	// bus, without creating the shared one, and the NoAutoStartup variant
	// never runs dbus-launch.
	mon, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("buswake: connect to the session bus: %w", err)
	}
	// godbus has no deadline for Auth and Hello; closing the connection is
	// what ends them.
	stop := context.AfterFunc(setupCtx, func() { closeMonitor(mon) })
	msgs, self, pending, err := setup(setupCtx, mon)
	if !stop() || err != nil {
		closeMonitor(mon)
		if err == nil || setupCtx.Err() != nil {
			err = errors.Join(setupErr(ctx, setupCtx), err)
		}
		return nil, err
	}

	out := make(chan struct{}, 1)
	if pending {
		out <- struct{}{}
	}
	go run(ctx, mon, msgs, self, out, observe)
	return out, nil
}

// setupErr says why setup was cut short: the caller's ctx or our deadline.
func setupErr(ctx, setupCtx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("buswake: %w", err)
	}
	return fmt.Errorf("buswake: no answer from the session bus within %v: %w", setupTimeout, setupCtx.Err())
}

// setup authenticates mon, finds the shared connection and makes mon a
// monitor of the calls addressed to it. It returns the monitor's message
// queue, the shared connection, and whether a reportable call already
// arrived.
func setup(ctx context.Context, mon *dbus.Conn) (msgs chan *dbus.Message, self *dbus.Conn, pending bool, err error) {
	if err := mon.Auth(nil); err != nil {
		return nil, nil, false, fmt.Errorf("buswake: authenticate to the session bus: %w", err)
	}
	if err := mon.Hello(); err != nil {
		return nil, nil, false, fmt.Errorf("buswake: hello to the session bus: %w", err)
	}
	self, err = sharedConn(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	msgs = make(chan *dbus.Message, queueSize)
	pending, err = becomeMonitor(ctx, mon, msgs, self)
	return msgs, self, pending, err
}

// sharedConn returns dbus.SessionBus(), which has no timeout of its own: a
// hung bus leaves its goroutine behind, but not Watch's caller.
func sharedConn(ctx context.Context) (*dbus.Conn, error) {
	type result struct {
		conn *dbus.Conn
		err  error
	}
	done := make(chan result, 1)
	go func() {
		c, err := dbus.SessionBus()
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("buswake: shared session connection: %w", r.err)
		}
		return r.conn, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("buswake: shared session connection: %w", ctx.Err())
	}
}
