package yealink

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"deskcti/phone"
	"deskcti/phone/httpx"
	"deskcti/phone/phonesim"
)

// newReceiver runs a stand-in for deskcti's Action URL receiver on loopback.
func newReceiver(t *testing.T) *phonesim.Recorder {
	t.Helper()
	rc, err := phonesim.StartRecorder()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rc.Close() })
	return rc
}

func manual(t *testing.T, err error) *phone.ManualError {
	t.Helper()
	var me *phone.ManualError
	if !errors.As(err, &me) {
		t.Fatalf("error %v, want a *phone.ManualError", err)
	}
	if me.Vendor != phone.Yealink {
		t.Errorf("vendor %q", me.Vendor)
	}
	return me
}

// The lines ConfigureEvents hands the user, pasted into a Yealink that
// refuses all remote control, make it take commands without asking and
// report calls to the receiver.
func TestConfigureEventsLinesProvisionTheYealink(t *testing.T) {
	rc := newReceiver(t)
	base := rc.URL() + "/t0k"
	sim := startSim(t, phonesim.Options{ActionURIDisabled: true, AllowIPs: phonesim.BlankAllowList, Prompt: true})
	// Time to answer on a busy test machine: this test is not about timeouts.
	d := newDriver(t, sim, Options{}, func(o *httpx.Options) { o.ConnectTimeout, o.Timeout = 5*time.Second, 10*time.Second })

	me := manual(t, d.ConfigureEvents(t.Context(), base))
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("ConfigureEvents sent %d requests", n)
	}
	want := append(phone.EventLines(phone.Yealink, base),
		"features.action_uri.enable = 1",
		"features.action_uri_limit_ip = 127.0.0.1",
		"features.show_action_uri_option = 0")
	if !slices.Equal(me.Lines, want) {
		t.Errorf("lines\n%s\nwant\n%s", strings.Join(me.Lines, "\n"), strings.Join(want, "\n"))
	}
	if me.Lines[0] != "action_url.incoming_call = "+phone.EventURL(base, phone.Yealink, phone.EventIncoming) ||
		len(me.Lines) != len(phone.YealinkEventKeys)+3 {
		t.Errorf("first line %q of %d", me.Lines[0], len(me.Lines))
	}
	for _, s := range []string{"provisioning", "web UI", "Allow remote control?", "127.0.0.1"} {
		if !strings.Contains(me.Reason, s) {
			t.Errorf("reason %q does not mention %q", me.Reason, s)
		}
	}

	wantKind(t, d.SetDND(t.Context(), true), phone.KindForbidden)
	if err := sim.LoadConfig(strings.Join(me.Lines, "\r\n") + "\r\n"); err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	if err := d.SetDND(t.Context(), false); err != nil {
		t.Fatalf("after provisioning: %v", err)
	}
	if sim.PromptShowing() {
		t.Error("the phone asks \"Allow remote control?\" despite show_action_uri_option = 0")
	}
	id := sim.IncomingCall("0221123", "Bob Smith")
	if !sim.WaitFired(1, 5*time.Second) {
		t.Fatalf("nothing fired: %q", sim.Fired())
	}
	u, err := rc.Only()
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Path != "/t0k/event/incoming" || q.Get("v") != "yealink" || q.Get("call_id") != id ||
		q.Get("remote") != "sip:0221123@pbx.example" || q.Get("display") != "Bob Smith" ||
		q.Get("caller") != "Bob Smith" || q.Get("called") != "201" {
		t.Errorf("incoming event %s", u)
	}
}

func TestConfigureEventsAllowListNeedsAnIP(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, Options{}, nil)

	me := manual(t, d.ConfigureEvents(t.Context(), "http://pc.example:8080"))
	for _, l := range me.Lines {
		if strings.HasPrefix(l, "features.action_uri_limit_ip") {
			t.Errorf("allow list line %q for a host name", l)
		}
	}
	if !strings.Contains(me.Reason, "pc.example") || !strings.Contains(me.Reason, "IP address") {
		t.Errorf("reason %q", me.Reason)
	}

	me = manual(t, d.ConfigureEvents(t.Context(), "http://[::1]:8080"))
	if !slices.Contains(me.Lines, "features.action_uri_limit_ip = ::1") {
		t.Errorf("IPv6 lines %q", me.Lines)
	}

	wantKind(t, d.ConfigureEvents(t.Context(), "pc:8080"), phone.KindOther)
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}

// A Yealink can neither read its Action URLs back nor fetch a URL on
// command, so its driver offers neither.
func TestNoRemoverNoReachTester(t *testing.T) {
	var d phone.Driver = newDriver(t, startSim(t, phonesim.Options{}), Options{}, nil)
	if _, ok := d.(phone.EventRemover); ok {
		t.Error("yealink implements EventRemover")
	}
	if _, ok := d.(phone.ReachTester); ok {
		t.Error("yealink implements ReachTester")
	}
}
