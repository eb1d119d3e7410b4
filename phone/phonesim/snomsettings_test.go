package phonesim

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"deskcti/phone"
)

// settingsOf parses settings.xml the way a driver would: name -> (value, perm).
func settingsOf(t *testing.T, body string) map[string][2]string {
	t.Helper()
	if !strings.HasPrefix(body, `<?xml version="1.0" encoding="utf-8"?>`) {
		t.Fatalf("settings.xml does not start with the XML declaration: %.60q", body)
	}
	var doc struct {
		XMLName xml.Name
		Items   []struct {
			XMLName xml.Name
			Perm    string `xml:"perm,attr"`
			Idx     string `xml:"idx,attr"`
			Value   string `xml:",chardata"`
		} `xml:",any"`
	}
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("settings.xml: %v\n%s", err, body)
	}
	if doc.XMLName.Local != "phone-settings" {
		t.Fatalf("root %q", doc.XMLName.Local)
	}
	out := map[string][2]string{}
	for _, it := range doc.Items {
		out[it.XMLName.Local] = [2]string{it.Value, it.Perm}
		if it.XMLName.Local == "user_name1" && it.Idx != "1" {
			t.Errorf("user_name1 idx %q", it.Idx)
		}
	}
	return out
}

func TestSnomSettingsXML(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, User: "admin", Password: "topsecret", Model: "snomD735", Firmware: "10.1.73.16", MAC: "000413112233"})
	body := newClient(t, s, "admin", "topsecret").mustGet("/settings.xml", http.StatusOK)
	got := settingsOf(t, body)
	for name, want := range map[string][2]string{
		"phone_type":          {"snomD735", "R"},
		"firmware_version":    {"10.1.73.16", "R"},
		"mac":                 {"000413112233", "R"},
		"user_name1":          {"201", ""},
		"user_host1":          {"pbx.example", ""},
		"http_scheme":         {"on", ""},
		"action_incoming_url": {"", ""},
		"action_hold":         {"", ""},
	} {
		if got[name] != want {
			t.Errorf("%s = %q, want %q", name, got[name], want)
		}
	}
	if strings.Contains(body, "topsecret") {
		t.Error("settings.xml shows the web password")
	}
	basic := start(t, Options{Vendor: phone.Snom, Auth: AuthBasic})
	if v := settingsOf(t, newClient(t, basic, "", "").mustGet("/settings.xml", http.StatusOK))["http_scheme"]; v[0] != "off" {
		t.Errorf("basic phone http_scheme %q, want off", v[0])
	}
}

func TestSnomSettingsSave(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, User: "admin", Password: "pw"})
	s.SetReadOnly("action_missed_url")
	c := newClient(t, s, "admin", "pw")
	incoming := "http://10.0.0.5:8080/incoming?remote=$remote&name=$display_remote"
	missed := "http://10.0.0.5:8080/missed?remote=$remote"
	body := c.mustGet("/dummy.htm?settings=save&action_incoming_url="+url.QueryEscape(incoming)+
		"&action_missed_url="+url.QueryEscape(missed)+"&phone_type=hacked&store_settings=save", http.StatusOK)
	if !strings.Contains(body, "<html") {
		t.Errorf("save answer %q, want a small HTML page", body)
	}
	if v, _ := s.Setting("action_incoming_url"); v != incoming {
		t.Errorf("stored %q", v)
	}
	if got := s.ActionURLs(); len(got) != 1 || got["action_incoming_url"] != incoming {
		t.Errorf("ActionURLs %v", got)
	}
	xmlSettings := settingsOf(t, c.mustGet("/settings.xml", http.StatusOK))
	if v := xmlSettings["action_incoming_url"]; v != [2]string{incoming, ""} {
		t.Errorf("read back %q", v)
	}
	if v := xmlSettings["action_missed_url"]; v != [2]string{"", "R"} {
		t.Errorf("read-only read back %q, want empty perm R", v)
	}
	if v := xmlSettings["phone_type"]; v[0] != "snomD785" {
		t.Errorf("phone_type changed to %q", v[0])
	}

	// The same as a form POST to settings.htm; '+' is a space there.
	form := "settings=save&action_hold=" + url.QueryEscape("http://pc/hold?d=$display_remote&x=a b") + "&store_settings=save"
	if status, _, _ := c.do(http.MethodPost, "/settings.htm", "application/x-www-form-urlencoded", form); status != 200 {
		t.Fatalf("POST settings.htm: %d", status)
	}
	if v, _ := s.Setting("action_hold"); v != "http://pc/hold?d=$display_remote&x=a b" {
		t.Errorf("POST stored %q", v)
	}

	// Without settings=save nothing is stored.
	c.mustGet("/dummy.htm?action_unhold=http%3A%2F%2Fx", http.StatusOK)
	if v, _ := s.Setting("action_unhold"); v != "" {
		t.Errorf("stored without settings=save: %q", v)
	}
	// A name no setting can have is skipped.
	c.mustGet("/dummy.htm?settings=save&%3Cbad%3E=1", http.StatusOK)
	settingsOf(t, c.mustGet("/settings.xml", http.StatusOK)) // still well-formed
}
