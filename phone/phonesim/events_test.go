package phonesim

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"deskcti/phone"
)

func TestSnomActionURLs(t *testing.T) {
	rc := newReceiver(t)
	s := snomOpen(t)
	c := newClient(t, s, "", "")
	base := rc.URL()
	// Set through the web interface as a driver would.
	for name, tmpl := range map[string]string{
		"action_incoming_url":     base + "/in?remote=$remote&name=$display_remote&id=$call-id&user=$active_user&host=$active_host&mac=$mac&pw=$http_pass&n=$nr_ongoing_calls&x=$unknown&ip=$phone_ip",
		"action_outgoing_url":     base + "/out?remote=$remote&local=$local&id=$call-id",
		"action_connected_url":    base + "/conn?id=$call-id",
		"action_disconnected_url": base + "/disc?id=$call-id",
		"action_missed_url":       base + "/missed?id=$call-id",
		"action_offhook_url":      base + "/offhook?r=$remote",
		"action_onhook_url":       base + "/onhook",
		"action_hold":             base + "/hold?id=$call-id",
		"action_unhold":           base + "/unhold?id=$call-id",
		"action_dnd_on_url":       base + "/dndon?r=$remote&u=$user_name1",
		"action_dnd_off_url":      base + "/dndoff",
		"action_transfer":         base + "/xfer?id=$call-id",
		"action_blind_transfer":   base + "/blind?id=$call-id",
	} {
		c.mustGet("/dummy.htm?settings=save&"+name+"="+url.QueryEscape(tmpl)+"&store_settings=save", 200)
	}

	id := s.IncomingCall("0221123", "Anna Müller")
	waitFired(t, s, 1)
	got := rc.Got()
	if len(got) != 1 {
		t.Fatalf("received %q", got)
	}
	u, err := url.Parse(got[0])
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for k, want := range map[string]string{
		"remote": "sip:0221123@pbx.example", "name": "Anna Müller", "id": id, "user": "201",
		"host": "pbx.example", "mac": "000413AABBCC", "pw": "", "n": "1", "ip": "127.0.0.1",
	} {
		if q.Get(k) != want {
			t.Errorf("incoming %s = %q, want %q (%s)", k, q.Get(k), want, got[0])
		}
	}
	if !strings.Contains(got[0], "x=$unknown") || !strings.Contains(got[0], "name=Anna+M%C3%BCller") {
		t.Errorf("incoming raw %q: want unknown variable left and display name query-escaped", got[0])
	}

	// Rejecting with CANCEL fires nothing.
	c.mustGet("/command.htm?key=CANCEL", 302)
	// A call the far end gives up on is missed.
	id2 := s.IncomingCall("0221456", "")
	if err := s.RemoteHangup(id2); err != nil {
		t.Fatal(err)
	}
	// An outgoing call, held, resumed, hung up.
	c.mustGet("/command.htm?number=0999", 302)
	id3 := s.Calls()[0].ID
	if err := s.RemoteAnswer(id3); err != nil {
		t.Fatal(err)
	}
	c.mustGet("/command.htm?key=F_HOLD;F_HOLD;ONHOOK;DND;DND", 302)
	// A blind transfer.
	id4 := s.IncomingCall("0777", "")
	c.mustGet("/command.htm?key=ENTER;TRANSFER;5;ENTER", 302)

	in := func(remote, id string) string {
		return "/in?remote=sip%3A" + remote + "%40pbx.example&name=&id=" + id +
			"&user=201&host=pbx.example&mac=000413AABBCC&pw=&n=1&x=$unknown&ip=127.0.0.1"
	}
	want := []string{
		in("0221456", id2),
		"/missed?id=" + id2,
		"/offhook?r=$remote",
		"/out?remote=sip%3A0999%40pbx.example&local=sip%3A201%40pbx.example&id=" + id3,
		"/conn?id=" + id3,
		"/hold?id=" + id3,
		"/unhold?id=" + id3,
		"/disc?id=" + id3,
		"/onhook",
		"/dndon?r=$remote&u=201",
		"/dndoff",
		in("0777", id4),
		"/offhook?r=$remote",
		"/conn?id=" + id4,
		"/xfer?id=" + id4,
		"/blind?id=" + id4,
		"/disc?id=" + id4,
		"/onhook",
	}
	fired := s.Fired()[1:]
	for i := range fired {
		fired[i] = strings.TrimPrefix(fired[i], base)
	}
	if !slices.Equal(fired, want) {
		t.Fatalf("fired\n%q\nwant\n%q", fired, want)
	}
	waitFired(t, s, len(want)+1)
	received := rc.Got()
	slices.Sort(received)
	slices.Sort(want)
	want = append(want, got[0])
	slices.Sort(want)
	if !slices.Equal(received, want) {
		t.Errorf("receiver got\n%q\nwant\n%q", received, want)
	}
	if s.FireErrors() != 0 {
		t.Errorf("fire errors %d", s.FireErrors())
	}
}

func TestYealinkActionURLs(t *testing.T) {
	rc := newReceiver(t)
	s := start(t, Options{Vendor: phone.Yealink, Model: "SIP-T54W", Firmware: "96.86.0.70"})
	c := newClient(t, s, "", "")
	base := rc.URL()
	s.SetActionURL("action_url.incoming_call", base+"/in?id=$call_id&caller=$callerID&called=$calledNumber&remote=$remote&model=$model&fw=$firmware&mac=$mac&ip=$ip&hy=$call-id")
	s.SetActionURL("action_url.outgoing_call", base+"/out?called=$calledNumber&caller=$callerID")
	s.SetActionURL("action_url.reject_incoming_call", base+"/reject?id=$call_id")
	s.SetActionURL("action_url.call_established", base+"/est?id=$call_id")
	s.SetActionURL("action_url.call_terminated", base+"/term?id=$call_id")
	s.SetActionURL("action_url.dnd_on", base+"/dnd?remote=$remote")
	s.SetActionURL("action_url.always_fwd_on", base+"/fwd")
	if got := s.ActionURLs(); len(got) != 7 || got["action_url.dnd_on"] != base+"/dnd?remote=$remote" {
		t.Errorf("ActionURLs %v", got)
	}

	id := s.IncomingCall("0221123", "Bob Smith")
	c.mustGet("/servlet?key=X", 200)
	c.mustGet("/servlet?key=number=0999", 200)
	out := s.Calls()[0].ID
	s.RemoteAnswer(out)
	c.mustGet("/servlet?key=CALLEND", 200)
	c.mustGet("/servlet?key=DNDOn", 200)
	c.mustGet("/servlet?key=AlwaysFwdOn=0221", 200)

	want := []string{
		"/in?id=" + id + "&caller=Bob+Smith&called=201&remote=sip%3A0221123%40pbx.example&model=SIP-T54W&fw=96.86.0.70&mac=805EC0AABBCC&ip=127.0.0.1&hy=$call-id",
		"/reject?id=" + id,
		"/out?called=0999&caller=201",
		"/est?id=" + out,
		"/term?id=" + out,
		"/dnd?remote=$remote",
		"/fwd",
	}
	fired := s.Fired()
	for i := range fired {
		fired[i] = strings.TrimPrefix(fired[i], base)
	}
	if !slices.Equal(fired, want) {
		t.Fatalf("fired\n%q\nwant\n%q", fired, want)
	}
	waitFired(t, s, len(want))
	if got := rc.Got(); len(got) != len(want) {
		t.Errorf("receiver got %d of %d: %q", len(got), len(want), got)
	}
}

func TestFireErrorsCounted(t *testing.T) {
	dead := deadURL(t)
	rc := newReceiver(t)
	s := snomOpen(t)
	s.SetActionURL("action_incoming_url", dead)
	s.SetActionURL("action_missed_url", rc.URL()+"/missed")
	id := s.IncomingCall("1", "")
	s.RemoteHangup(id)
	waitFired(t, s, 2)
	if s.FireErrors() != 1 || len(rc.Got()) != 1 {
		t.Errorf("fire errors %d, received %q", s.FireErrors(), rc.Got())
	}
}

func TestExpandVariableNames(t *testing.T) {
	s := snomOpen(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &Call{ID: "7", Remote: "sip:anonymous@x", Display: "A&B"}
	for tmpl, want := range map[string]string{
		"$remote/$call-id":       "sip%3Aanonymous%40x/7",
		"$display_remote":        "A%26B",
		"a$$b":                   "a$$b",
		"$":                      "$",
		"x$remote.y":             "xsip%3Aanonymous%40x.y",
		"$remotex":               "$remotex",
		"$http_user$user_name1":  "201",
		"$CALL-ID":               "$CALL-ID",
		"$mac&$nr_ongoing_calls": "000413AABBCC&0",
	} {
		if got := s.expand(tmpl, c); got != want {
			t.Errorf("expand(%q) = %q, want %q", tmpl, got, want)
		}
	}
}

func TestRemoteDriveErrors(t *testing.T) {
	s := snomOpen(t)
	if err := s.RemoteAnswer("42"); err == nil {
		t.Error("RemoteAnswer of an unknown call succeeded")
	}
	if err := s.RemoteHangup("42"); err == nil {
		t.Error("RemoteHangup of an unknown call succeeded")
	}
	id := s.IncomingCall("1", "")
	if err := s.RemoteAnswer(id); err == nil {
		t.Error("RemoteAnswer of an incoming call succeeded")
	}
	newClient(t, s, "", "").mustGet("/command.htm?key=DND", http.StatusFound)
	s.RemoteHangup(id)
	refused := s.IncomingCall("2", "")
	if len(s.Calls()) != 0 {
		t.Fatalf("DND let a call ring: %q", calls(s))
	}
	if e := s.Ended(); e[len(e)-1].ID != refused || e[len(e)-1].Reason != EndDND {
		t.Errorf("ended %+v", e)
	}
}
