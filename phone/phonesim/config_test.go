package phonesim

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"deskcti/phone"
)

func TestEventTablesComeFromPackagePhone(t *testing.T) {
	for _, k := range phone.EventKinds {
		ev, ok := kindEvents[k]
		if !ok {
			t.Errorf("phone.%s has no emulator event", k)
			continue
		}
		if snomEvents[ev] != phone.SnomEventSettings[k] {
			t.Errorf("snom %s: %q, package phone says %q", k, snomEvents[ev], phone.SnomEventSettings[k])
		}
		if yealinkEvents[ev] != phone.YealinkEventKeys[k] {
			t.Errorf("yealink %s: %q, package phone says %q", k, yealinkEvents[ev], phone.YealinkEventKeys[k])
		}
	}
	if yealinkEvents[evBusy] != "action_url.idle_to_busy" || snomEvents[evReject] != "" {
		t.Error("emulator-only events lost")
	}
}

func TestLoadConfigYealink(t *testing.T) {
	rc := newReceiver(t)
	// Remote control off, blank allow list, prompt on: nothing works.
	s := start(t, Options{Vendor: phone.Yealink, User: "admin", Password: "admin",
		ActionURIDisabled: true, AllowIPs: BlankAllowList, Prompt: true})
	c := newClient(t, s, "admin", "admin")
	c.mustGet("/servlet?key=DNDOn", http.StatusForbidden)

	cfg := "#!version:1.0.0.1\r\n" +
		"# deskcti\r\n" +
		"\r\n" +
		"action_url.incoming_call = " + rc.URL() + "/in?id=$call_id&remote=$remote\r\n" +
		"action_url.missed_call =\r\n" +
		"  features.action_uri.enable = 1  \r\n" +
		"features.action_uri_limit_ip = 10.0.0.9,127.0.0.1\r\n" +
		"features.show_action_uri_option = 0\r\n" +
		"account.1.label = Alice: desk\r\n"
	if err := s.LoadConfig(cfg); err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	c.mustGet("/servlet?key=DNDOn", http.StatusOK)
	if !s.DND() || s.PromptShowing() {
		t.Fatalf("after provisioning: DND %v, prompt %v", s.DND(), s.PromptShowing())
	}
	for k, want := range map[string]string{
		"action_url.incoming_call": rc.URL() + "/in?id=$call_id&remote=$remote",
		"action_url.missed_call":   "",
		featActionURILimitIP:       "10.0.0.9,127.0.0.1",
		"account.1.label":          "Alice: desk",
	} {
		if v, ok := s.Setting(k); !ok || v != want {
			t.Errorf("%s = %q (%v), want %q", k, v, ok, want)
		}
	}
	c.mustGet("/servlet?key=DNDOff", http.StatusOK)
	id := s.IncomingCall("0221", "")
	waitFired(t, s, 1)
	if got := rc.Got(); len(got) != 1 || got[0] != "/in?id="+id+"&remote=sip%3A0221%40pbx.example" {
		t.Errorf("receiver got %q", got)
	}

	// Switching the prompt on again asks again, even after an earlier OK.
	s.AcceptPrompt()
	if err := s.LoadConfig("features.show_action_uri_option = 1"); err != nil {
		t.Fatal(err)
	}
	c.mustGet("/servlet?key=DNDOn", http.StatusForbidden)
	if !s.PromptShowing() {
		t.Error("no prompt after provisioning show_action_uri_option = 1")
	}
	if err := s.LoadConfig("features.show_action_uri_option = 0\nfeatures.action_uri.enable = 0"); err != nil {
		t.Fatal(err)
	}
	if s.PromptShowing() {
		t.Error("prompt still showing after provisioning it off")
	}
	c.mustGet("/servlet?key=DNDOn", http.StatusForbidden)
}

func TestLoadConfigSnom(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom})
	s.SetReadOnly("action_outgoing_url")
	cfg := strings.Join([]string{
		`<?xml version="1.0" encoding="utf-8"?>`,
		`<settings>`,
		`<phone-settings e="2">`,
		`<!-- deskcti -->`,
		`  <action_incoming_url perm="R">http://pc:8080/in?a=1&amp;r=$remote</action_incoming_url>  <!-- locked -->`,
		`<action_outgoing_url perm="RW">http://pc:8080/out</action_outgoing_url>`,
		`<action_hold perm="&amp;">http://pc:8080/hold</action_hold>`,
		`<user_name idx="2" perm="">302</user_name>`,
		`<user_host2 idx="2">pbx2</user_host2>`,
		`<phone_type perm="R">hacked</phone_type>`,
		`</phone-settings></settings>`,
		`action_missed_url!: http://pc:8080/missed?x=a=b`,
		`action_unhold: http://pc:8080/unhold`,
		`action_dnd_on_url$: on`,
		`custom_thing = 7`,
	}, "\r\n")
	if err := s.LoadConfig(cfg); err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	xmlSettings := settingsOf(t, newClient(t, s, "", "").mustGet("/settings.xml", http.StatusOK))
	for name, want := range map[string][2]string{
		"action_incoming_url": {"http://pc:8080/in?a=1&r=$remote", "R"},
		"action_outgoing_url": {"http://pc:8080/out", ""},
		"action_hold":         {"http://pc:8080/hold", "R"},
		"user_name2":          {"302", ""},
		"user_host2":          {"pbx2", ""},
		"phone_type":          {"snomD785", "R"},
		"action_missed_url":   {"http://pc:8080/missed?x=a=b", ""},
		"action_unhold":       {"http://pc:8080/unhold", "R"},
		"action_dnd_on_url":   {"on", ""},
		"custom_thing":        {"7", ""},
	} {
		if xmlSettings[name] != want {
			t.Errorf("%s = %q, want %q", name, xmlSettings[name], want)
		}
	}
	// Read-only by provisioning: a save over HTTP is ignored.
	newClient(t, s, "", "").mustGet("/dummy.htm?settings=save&action_incoming_url=x&action_outgoing_url=y", http.StatusOK)
	if v, _ := s.Setting("action_incoming_url"); v != "http://pc:8080/in?a=1&r=$remote" {
		t.Errorf("read-only setting changed to %q", v)
	}
	if v, _ := s.Setting("action_outgoing_url"); v != "y" {
		t.Errorf("writable setting %q, want y", v)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		vendor phone.Vendor
		text   string
		line   int // of the bad line within text
	}{
		{phone.Yealink, "a = 1\nno separator here", 2},
		{phone.Yealink, "# c\n\r\n = 1", 3},
		{phone.Yealink, "bad name = 1", 1},
		{phone.Yealink, "action_url.incoming_call: http://x", 1},
		{phone.Yealink, "x = 1\n<action_incoming_url>http://x</action_incoming_url>", 2},
		{phone.Yealink, "features.action_uri.enable = yes", 1},
		{phone.Yealink, "features.show_action_uri_option = ", 1},
		{phone.Snom, "<action_incoming_url>http://x</action_outgoing_url>", 1},
		{phone.Snom, "a: 1\n<action_incoming_url>http://x", 2},
		{phone.Snom, "<action_incoming_url>http://x?a&b</action_incoming_url>", 1},
		{phone.Snom, "<a><b>1</b></a>", 1},
		{phone.Snom, "<a>1</a><b>2</b>", 1},
		{phone.Snom, "<a>1</a> trailing", 1},
		{phone.Snom, "<!-- open comment", 1},
		{phone.Snom, "!: x", 1},
		{phone.Snom, "just words", 1},
	} {
		s := start(t, Options{Vendor: tc.vendor})
		before := s.ActionURLs()
		// Two good lines first: a failed load must not apply them.
		err := s.LoadConfig("action_url.hold = http://applied\naction_hold = http://applied\n" + tc.text)
		if want := fmt.Sprintf("line %d:", tc.line+2); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s %q: error %v, want one naming %q", tc.vendor, tc.text, err, want)
		}
		if after := s.ActionURLs(); len(after) != len(before) {
			t.Errorf("%s %q: a failed load applied %v", tc.vendor, tc.text, after)
		}
	}
}

func FuzzLoadConfig(f *testing.F) {
	f.Add("action_url.incoming_call = http://x/?a=$b\r\n# c\nfeatures.action_uri.enable = 1")
	f.Add(`<action_incoming_url idx="1" perm="R">http://x?a=1&amp;b</action_incoming_url>` + "\nname!: v")
	f.Add("</phone-settings></settings>\n<settings>\n<?xml?>")
	f.Fuzz(func(t *testing.T, text string) {
		o, err := Options{Vendor: phone.Snom}.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		s := newSim(o)
		if s.LoadConfig(text) != nil {
			return
		}
		// Whatever was loaded, settings.xml stays well-formed.
		var doc struct{ XMLName xml.Name }
		if err := xml.Unmarshal([]byte(s.settingsXML()), &doc); err != nil {
			t.Fatalf("settings.xml after loading %q: %v", text, err)
		}
	})
}
