//go:build linux && !android

package buswake

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// The test object the shared connection (and another one) serve.
const (
	testIface = "org.deskcti.BuswakeTest"
	testPath  = dbus.ObjectPath("/org/deskcti/BuswakeTest")
	testName  = "org.deskcti.BuswakeTest.Item"
)

// guard bounds waits for what must happen; it catches a hang and is no
// speed requirement.
const guard = 30 * time.Second

// quiet is how long a test waits for a report that must not come. A wrong
// report that came later would be missed by this check, which is why the
// tests also check the observed calls, in bus order, up to a marker call.
const quiet = 300 * time.Millisecond

// testObject is exported on the test connections; its methods only answer.
type testObject struct{}

// Ping is the call a panel's AboutToShow or Event stands for.
func (testObject) Ping() *dbus.Error { return nil }

// Marker ends a sequence of calls: once it is observed, the monitor has
// seen every call made before it.
func (testObject) Marker() *dbus.Error { return nil }

// seenCall is what a test learns of a reported call.
type seenCall struct{ member, dest string }

// recorder collects the calls watch reported.
type recorder struct {
	mu    sync.Mutex
	calls []seenCall
	added chan struct{}
}

func newRecorder() *recorder { return &recorder{added: make(chan struct{}, 1)} }

func (r *recorder) observe(m *dbus.Message) {
	member, _ := m.Headers[dbus.FieldMember].Value().(string)
	dest, _ := m.Headers[dbus.FieldDestination].Value().(string)
	r.mu.Lock()
	r.calls = append(r.calls, seenCall{member, dest})
	r.mu.Unlock()
	select {
	case r.added <- struct{}{}:
	default:
	}
}

func (r *recorder) seen() []seenCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seenCall(nil), r.calls...)
}

func (r *recorder) sawMarker() bool {
	for _, c := range r.seen() {
		if c.member == "Marker" {
			return true
		}
	}
	return false
}

// startWatch runs watch until the test ends and returns its channel.
func startWatch(t *testing.T, rec *recorder) <-chan struct{} {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var observe func(*dbus.Message)
	if rec != nil {
		observe = rec.observe
	}
	ch, err := watch(ctx, observe)
	if err != nil {
		t.Fatalf("Watch: %v", err)
	}
	return ch
}

// call makes client call method on dest's test object.
func call(t *testing.T, client *dbus.Conn, dest, method string) {
	t.Helper()
	if err := client.Object(dest, testPath).Call(testIface+"."+method, 0).Err; err != nil {
		t.Fatalf("call %s on %s: %v", method, dest, err)
	}
}

// own makes conn the owner of the well-known name.
func own(t *testing.T, conn *dbus.Conn, name string) {
	t.Helper()
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: reply %v, %v", name, reply, err)
	}
}

// pingReported makes client call Ping on dest and fails unless ch reports
// it and rec observed it as addressed to dest.
func pingReported(t *testing.T, ch <-chan struct{}, rec *recorder, client *dbus.Conn, dest string) {
	t.Helper()
	call(t, client, dest, "Ping")
	wantReport(t, ch)
	if got := rec.seen(); !slices.Contains(got, seenCall{"Ping", dest}) {
		t.Errorf("observed %v, want the Ping to %s", got, dest)
	}
}

// mark calls Marker on dest until rec has observed it: after that the
// monitor has handled every call the client made before.
func mark(t *testing.T, rec *recorder, client *dbus.Conn, dest string) {
	t.Helper()
	deadline := time.After(guard)
	for !rec.sawMarker() {
		call(t, client, dest, "Marker")
		select {
		case <-rec.added:
		case <-time.After(guard / 6):
			// godbus may drop a message when its queue is full: ask again.
		case <-deadline:
			t.Fatal("the monitor never saw the marker call")
		}
	}
}

// wantReport fails unless ch delivers a report.
func wantReport(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if !ok {
			t.Fatal("channel closed instead of reporting the call")
		}
	case <-time.After(guard):
		t.Fatal("no report for a call to the shared connection")
	}
}

// wantNoReport fails if ch delivers a report within quiet.
func wantNoReport(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if ok {
			t.Fatal("reported a call that must not count")
		}
		t.Fatal("channel closed")
	case <-time.After(quiet):
	}
}

// wantClosed fails unless ch is closed (a pending report may come first).
func wantClosed(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	deadline := time.After(guard)
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatal("channel not closed")
		}
	}
}
