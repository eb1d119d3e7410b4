//go:build (linux && !android) || freebsd || openbsd || netbsd

package buswake

import (
	"testing"

	"github.com/godbus/dbus/v5"
)

// TestReportable checks the filter that stands in for the destination
// match on dbus-broker, which copies every method call on the bus to a
// monitor; dbus-daemon filters before it, so TestWatch alone cannot show
// that it works.
func TestReportable(t *testing.T) {
	const self = ":1.7"
	owned := func() []string { return []string{self, "org.kde.StatusNotifierItem-42-1"} }
	msg := func(typ dbus.Type, sender, dest string) *dbus.Message {
		h := map[dbus.HeaderField]dbus.Variant{}
		if sender != "" {
			h[dbus.FieldSender] = dbus.MakeVariant(sender)
		}
		if dest != "" {
			h[dbus.FieldDestination] = dbus.MakeVariant(dest)
		}
		return &dbus.Message{Type: typ, Headers: h}
	}
	for _, tc := range []struct {
		name string
		m    *dbus.Message
		want bool
	}{
		{"call to our unique name", msg(dbus.TypeMethodCall, ":1.3", self), true},
		{"call to a name we own", msg(dbus.TypeMethodCall, ":1.3", "org.kde.StatusNotifierItem-42-1"), true},
		{"call to another unique name", msg(dbus.TypeMethodCall, ":1.3", ":1.70"), false},
		{"call to another well-known name", msg(dbus.TypeMethodCall, ":1.3", "org.freedesktop.Notifications"), false},
		{"call to the bus", msg(dbus.TypeMethodCall, ":1.3", "org.freedesktop.DBus"), false},
		{"call without destination", msg(dbus.TypeMethodCall, ":1.3", ""), false},
		{"our own call to ourselves", msg(dbus.TypeMethodCall, self, self), false},
		{"signal to us", msg(dbus.TypeSignal, "org.freedesktop.DBus", self), false},
		{"reply to us", msg(dbus.TypeMethodReply, ":1.3", self), false},
	} {
		if got := reportable(tc.m, self, owned); got != tc.want {
			t.Errorf("%s: reportable %v, want %v", tc.name, got, tc.want)
		}
	}
}
