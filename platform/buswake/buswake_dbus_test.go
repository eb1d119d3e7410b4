//go:build linux && !android

package buswake

import (
	"context"
	"testing"

	"github.com/godbus/dbus/v5"

	"deskcti/platform/traydetect/snitest"
)

// TestWatch runs every case that needs the process's shared connection in
// one test: dbus.SessionBus() is process-global, so the one private bus
// this test starts is the only one it ever connects to.
func TestWatch(t *testing.T) {
	addr := snitest.Bus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	shared, err := dbus.SessionBus()
	if err != nil {
		t.Fatalf("shared session connection: %v", err)
	}
	if err := shared.Export(testObject{}, testPath, testIface); err != nil {
		t.Fatalf("export on the shared connection: %v", err)
	}
	self := shared.Names()[0]
	client := snitest.Connect(t, addr)
	other := snitest.Connect(t, addr)
	if err := other.Export(testObject{}, testPath, testIface); err != nil {
		t.Fatalf("export on another connection: %v", err)
	}
	const otherName = "org.deskcti.BuswakeTest.Other"
	own(t, other, otherName)

	t.Run("call to unique name", func(t *testing.T) {
		rec := newRecorder()
		ch := startWatch(t, rec)
		pingReported(t, ch, rec, client, self)
	})

	t.Run("call to well-known name acquired after Watch", func(t *testing.T) {
		rec := newRecorder()
		ch := startWatch(t, rec)
		// systray owns org.kde.StatusNotifierItem-PID-1 the same way.
		own(t, shared, testName)
		t.Cleanup(func() { _, _ = shared.ReleaseName(testName) })
		pingReported(t, ch, rec, client, testName)
	})

	t.Run("calls to another connection and to itself", func(t *testing.T) {
		rec := newRecorder()
		ch := startWatch(t, rec)
		call(t, client, other.Names()[0], "Ping")
		call(t, client, otherName, "Ping")
		call(t, shared, self, "Ping") // the shared connection calling itself
		wantNoReport(t, ch)
		// The bus keeps order: had any of these calls counted, it would be
		// observed before the marker.
		mark(t, rec, client, self)
		for _, c := range rec.seen() {
			if c.member != "Marker" {
				t.Errorf("observed %v, want only the marker calls", c)
			}
		}
	})

	t.Run("calls while nobody reads fold into one report", func(t *testing.T) {
		rec := newRecorder()
		ch := startWatch(t, rec)
		const n = 200
		for range n {
			call(t, client, self, "Ping")
		}
		mark(t, rec, client, self)
		pings := 0
		for _, c := range rec.seen() {
			if c.member == "Ping" {
				pings++
			}
		}
		if pings != n {
			t.Errorf("monitor saw %d of %d calls", pings, n)
		}
		if len(ch) != 1 {
			t.Fatalf("%d reports pending, want 1", len(ch))
		}
		<-ch
		if len(ch) != 0 {
			t.Fatalf("a second report after every call was folded")
		}
		// Still watching: the next call is a new report.
		call(t, client, self, "Ping")
		wantReport(t, ch)
	})

	t.Run("cancel closes the channel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ch, err := Watch(ctx)
		if err != nil {
			t.Fatalf("Watch: %v", err)
		}
		call(t, client, self, "Ping")
		cancel()
		wantClosed(t, ch)
		// The monitor's end does not touch the shared connection.
		call(t, client, self, "Ping")
	})

	t.Run("several watchers", func(t *testing.T) {
		a, b := startWatch(t, nil), startWatch(t, nil)
		call(t, client, self, "Ping")
		wantReport(t, a)
		wantReport(t, b)
	})
}
