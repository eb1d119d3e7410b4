package snom

import (
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
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

// eventSetup runs a receiver and a phone with a web password and auth
// scheme, and a driver for it.
func eventSetup(t *testing.T, auth phonesim.AuthScheme) (*phonesim.Recorder, *phonesim.Sim, *Driver) {
	t.Helper()
	sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: auth})
	return newReceiver(t), sim, newDriver(t, sim, "admin", "secret", Options{}, relaxed)
}

// relaxed gives a phone on a busy test machine time to answer: these
// tests are about what is sent, not about timeouts.
func relaxed(o *httpx.Options) { o.ConnectTimeout, o.Timeout = 5*time.Second, 10*time.Second }

// eventSettings is what ConfigureEvents should leave on the phone.
func eventSettings(base string) map[string]string {
	want := map[string]string{}
	for k, name := range phone.SnomEventSettings {
		want[name] = phone.EventURL(base, phone.Snom, k)
	}
	return want
}

// dummySaves are the queries of the settings saves the phone received.
func dummySaves(sim *phonesim.Sim) []string {
	var out []string
	for _, r := range sim.Requests() {
		if r.Path == "/dummy.htm" && r.Authorized {
			out = append(out, r.RawQuery)
		}
	}
	return out
}

func TestConfigureEvents(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			rc, sim, d := eventSetup(t, a.auth)
			base := rc.URL() + "/t0ken"
			if err := d.ConfigureEvents(t.Context(), base+"/"); err != nil {
				t.Fatalf("ConfigureEvents: %v", err)
			}
			for name, want := range eventSettings(base) {
				if got, _ := sim.Setting(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}

			// On the wire: a few short saves, each value one parameter.
			saves := dummySaves(sim)
			if len(saves) != 4 {
				t.Errorf("%d saves, want 4 of at most %d settings", len(saves), savePerRequest)
			}
			var names []string
			for _, q := range saves {
				if !strings.HasPrefix(q, "settings=save&") || !strings.HasSuffix(q, "&store_settings=save") {
					t.Errorf("save %q lacks settings=save or store_settings=save", q)
				}
				if len(q) > maxSaveQuery+len("settings=save&store_settings=save") {
					t.Errorf("save of %d bytes", len(q))
				}
				for _, p := range strings.Split(q, "&") {
					name, value, _ := strings.Cut(p, "=")
					if strings.ContainsAny(value, "$/?") {
						t.Errorf("%s value not fully percent-encoded: %q", name, value)
					}
					if name != "settings" && name != "store_settings" {
						names = append(names, name)
					}
				}
			}
			if len(names) != len(phone.SnomEventSettings) {
				t.Errorf("saved %d settings %v, want %d", len(names), names, len(phone.SnomEventSettings))
			}
			if reqs := sim.Requests(); reqs[len(reqs)-1].Path != "/settings.xml" {
				t.Errorf("last request %s, want the settings.xml read-back", reqs[len(reqs)-1].Path)
			}

			// The phone now reports calls to the receiver.
			id := sim.IncomingCall("0221123", "Anna Müller")
			if !sim.WaitFired(1, 5*time.Second) {
				t.Fatalf("nothing fired: %q", sim.Fired())
			}
			u, err := rc.Only()
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			if u.Path != "/t0ken/event/incoming" || q.Get("v") != "snom" || q.Get("call_id") != id ||
				q.Get("remote") != "sip:0221123@pbx.example" || q.Get("display") != "Anna Müller" ||
				q.Get("local") != "sip:201@pbx.example" || q.Get("user") != "201" {
				t.Errorf("incoming event %s", u)
			}
		})
	}
}

func TestConfigureEventsReadOnly(t *testing.T) {
	rc, sim, d := eventSetup(t, phonesim.AuthDigest)
	base := rc.URL()
	sim.SetReadOnly("action_missed_url")
	err := d.ConfigureEvents(t.Context(), base)
	var ro *phone.ReadOnlyError
	if !errors.As(err, &ro) {
		t.Fatalf("error %v, want a *phone.ReadOnlyError", err)
	}
	missed := phone.EventURL(base, phone.Snom, phone.EventMissed)
	if ro.Vendor != phone.Snom || !slices.Equal(ro.Settings, []string{"action_missed_url"}) ||
		!slices.Equal(ro.Lines, []string{"action_missed_url: " + missed}) {
		t.Errorf("ReadOnlyError %+v", ro)
	}
	if msg := err.Error(); !strings.Contains(msg, "provisioning") || !strings.Contains(msg, "\naction_missed_url: "+missed) ||
		strings.Contains(msg, "secret") {
		t.Errorf("message %q", msg)
	}
	// The writable settings were written all the same.
	if v, _ := sim.Setting("action_incoming_url"); v != phone.EventURL(base, phone.Snom, phone.EventIncoming) {
		t.Errorf("incoming %q", v)
	}

	// The administrator provisions the lines the error names (snom's text
	// format, read-only): now the phone holds the right value and
	// ConfigureEvents succeeds.
	if err := sim.LoadConfig(strings.Join(ro.Lines, "\n")); err != nil {
		t.Fatal(err)
	}
	if err := d.ConfigureEvents(t.Context(), base); err != nil {
		t.Errorf("ConfigureEvents with the setting provisioned: %v", err)
	}
}

func TestEventLinesProvisionASnom(t *testing.T) {
	rc := newReceiver(t)
	base := rc.URL() + "/x"
	sim := startSim(t, phonesim.Options{})
	lines := phone.EventLines(phone.Snom, base)
	if len(lines) != len(phone.SnomEventSettings) ||
		lines[0] != `<action_incoming_url perm="RW">`+strings.ReplaceAll(phone.EventURL(base, phone.Snom, phone.EventIncoming), "&", "&amp;")+`</action_incoming_url>` {
		t.Fatalf("EventLines %q", lines)
	}
	if err := sim.LoadConfig(`<?xml version="1.0" encoding="utf-8"?>` + "\n<settings><phone-settings>\n" +
		strings.Join(lines, "\n") + "\n</phone-settings></settings>\n"); err != nil {
		t.Fatal(err)
	}
	for name, want := range eventSettings(base) {
		if got, _ := sim.Setting(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// Provisioned exactly as ConfigureEvents writes them: nothing to fix.
	d := newDriver(t, sim, "", "", Options{}, relaxed)
	if err := d.ConfigureEvents(t.Context(), base); err != nil {
		t.Error(err)
	}
}

func TestRemoveEventsKeepsForeignURLs(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			rc, sim, d := eventSetup(t, a.auth)
			base := rc.URL() + "/tok"
			if err := d.ConfigureEvents(t.Context(), base); err != nil {
				t.Fatal(err)
			}
			foreign := map[string]string{
				"action_setup_url":   "http://10.1.1.1/crm?x=$remote",
				"action_log_on_url":  rc.URL() + "/token/other-app", // same start, another path
				"action_reg_failed":  base + "/event/reg",           // ours, on a setting deskcti does not write
				"action_log_off_url": base,
			}
			for k, v := range foreign {
				sim.SetActionURL(k, v)
			}
			sim.SetActionURL("action_hold", "http://crm.example/hold") // another app took one over
			sim.Reset()
			if err := d.RemoveEvents(t.Context(), base); err != nil {
				t.Fatalf("RemoveEvents: %v", err)
			}
			want := map[string]string{
				"action_setup_url":  foreign["action_setup_url"],
				"action_log_on_url": foreign["action_log_on_url"],
				"action_hold":       "http://crm.example/hold",
			}
			if got := sim.ActionURLs(); !maps.Equal(got, want) {
				t.Errorf("left %v, want %v", got, want)
			}
			for _, q := range dummySaves(sim) {
				if strings.Contains(q, "action_setup_url") || strings.Contains(q, "action_log_on_url") || strings.Contains(q, "action_hold") {
					t.Errorf("save %q touches another application's URL", q)
				}
			}

			// Nothing left to remove: nothing is written.
			sim.Reset()
			if err := d.RemoveEvents(t.Context(), base); err != nil {
				t.Fatal(err)
			}
			if n := len(dummySaves(sim)); n != 0 {
				t.Errorf("%d saves with nothing to remove", n)
			}
		})
	}
}

func TestRemoveEventsReadOnly(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	base := "http://127.0.0.1:8080"
	if err := sim.LoadConfig(`<action_incoming_url perm="R">` + base + `/event/incoming</action_incoming_url>`); err != nil {
		t.Fatal(err)
	}
	sim.SetActionURL("action_outgoing_url", base+"/event/outgoing")
	d := newDriver(t, sim, "", "", Options{}, relaxed)
	err := d.RemoveEvents(t.Context(), base)
	var ro *phone.ReadOnlyError
	if !errors.As(err, &ro) || !slices.Equal(ro.Lines, []string{"action_incoming_url: "}) {
		t.Fatalf("error %v, want action_incoming_url read-only", err)
	}
	if v, _ := sim.Setting("action_outgoing_url"); v != "" {
		t.Errorf("writable setting kept %q", v)
	}
}

func TestFetchURL(t *testing.T) {
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			rc, sim, d := eventSetup(t, a.auth)
			target := rc.URL() + "/selftest?nonce=42&who=deskcti"
			if err := d.FetchURL(t.Context(), target); err != nil {
				t.Fatalf("FetchURL: %v", err)
			}
			act := lastAction(t, sim)
			if act.Path != "/minibrowser.htm" || act.RawQuery != "url="+httpx.QueryEscape(target) {
				t.Errorf("wire %s?%s", act.Path, act.RawQuery)
			}
			if !sim.WaitFetched(1, 5*time.Second) || !slices.Equal(sim.Fetched(), []string{target}) {
				t.Fatalf("phone fetched %q", sim.Fetched())
			}
			if got := rc.Got(); !slices.Equal(got, []string{"/selftest?nonce=42&who=deskcti"}) {
				t.Errorf("receiver got %q", got)
			}
		})
	}
}

func TestBadAddressesSendNothing(t *testing.T) {
	sim := startSim(t, phonesim.Options{})
	d := newDriver(t, sim, "", "", Options{}, relaxed)
	for _, base := range []string{"", "127.0.0.1:8080", "ftp://pc/", "http://", "http://pc:8080/?x=1", "http://pc/#f",
		"http://u:pw@pc:8080", "http://pc/a b", "http://pc/$x", "http://pc/\n"} {
		for op, err := range map[string]error{
			"configure": d.ConfigureEvents(t.Context(), base),
			"remove":    d.RemoveEvents(t.Context(), base),
		} {
			pe := wantKind(t, err, phone.KindOther)
			if strings.Contains(pe.Error(), "pw@") {
				t.Errorf("%s %q: error quotes the address: %v", op, base, pe)
			}
		}
	}
	for _, target := range []string{"", "/selftest", "ftp://pc/x", "http:///x", "http://pc/a b"} {
		wantKind(t, d.FetchURL(t.Context(), target), phone.KindOther)
	}
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("%d requests for bad addresses", n)
	}
}

func TestEventOpsTypedErrors(t *testing.T) {
	const base = "http://127.0.0.1:8080"
	ops := func(d *Driver) map[string]error {
		return map[string]error{
			"configure": d.ConfigureEvents(t.Context(), base),
			"remove":    d.RemoveEvents(t.Context(), base),
			"fetch":     d.FetchURL(t.Context(), base+"/test"),
		}
	}
	for _, a := range auths {
		t.Run(a.name, func(t *testing.T) {
			sim := startSim(t, phonesim.Options{User: "admin", Password: "secret", Auth: a.auth})
			d := newDriver(t, sim, "admin", "n0tThePassw0rd", Options{}, relaxed)
			for op, err := range ops(d) {
				if pe := wantKind(t, err, phone.KindAuth); strings.Contains(pe.Error(), "n0tThePassw0rd") {
					t.Errorf("%s: error shows the password", op)
				}
			}
			if len(sim.Actions()) != 0 || len(sim.ActionURLs()) != 0 || len(sim.Fetched()) != 0 {
				t.Error("the phone acted on a request with a wrong password")
			}
		})
	}

	t.Run("unreachable", func(t *testing.T) {
		sim := startSim(t, phonesim.Options{})
		d := newDriver(t, sim, "", "", Options{}, relaxed)
		if err := sim.Close(); err != nil {
			t.Fatal(err)
		}
		for _, err := range ops(d) {
			wantKind(t, err, phone.KindUnreachable)
		}
	})

	t.Run("D8xx", func(t *testing.T) {
		sim := startSim(t, phonesim.Options{Model: "snomD865"})
		d := newDriver(t, sim, "", "", Options{}, relaxed)
		for _, err := range ops(d) {
			wantKind(t, err, phone.KindUnsupportedModel)
		}
	})

	t.Run("forbidden", func(t *testing.T) {
		// phonesim's snom never answers 403; some firmware does for pages
		// the user may not see.
		f := &forbiddingSnom{}
		srv := httptest.NewServer(f)
		defer srv.Close()
		d, err := New(httpx.Options{BaseURL: srv.URL})
		if err != nil {
			t.Fatal(err)
		}
		for _, err := range ops(d) {
			wantKind(t, err, phone.KindForbidden)
		}
		// Saves allowed, settings.xml forbidden: the error says that the
		// settings went out but could not be checked.
		f.allowSave = true
		err = d.ConfigureEvents(t.Context(), base)
		wantKind(t, err, phone.KindForbidden)
		if !strings.Contains(err.Error(), "reading them back") {
			t.Errorf("error %q does not say the read-back failed", err)
		}
	})
}

// forbiddingSnom answers 403 to everything but, when allowSave is set,
// settings saves.
type forbiddingSnom struct{ allowSave bool }

func (f *forbiddingSnom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.allowSave && r.URL.Path == "/dummy.htm" {
		_, _ = io.WriteString(w, "<html><body>Settings saved.</body></html>")
		return
	}
	http.Error(w, "Forbidden", http.StatusForbidden)
}

func TestSaveQueries(t *testing.T) {
	var ss []setting
	for i := range 9 {
		ss = append(ss, setting{"s" + string(rune('a'+i)), "http://pc/?a=1&b=$x"})
	}
	qs := saveQueries(ss)
	if len(qs) != 3 || qs[0] != "settings=save&sa=http:%2F%2Fpc%2F%3Fa%3D1%26b%3D%24x&sb=http:%2F%2Fpc%2F%3Fa%3D1%26b%3D%24x"+
		"&sc=http:%2F%2Fpc%2F%3Fa%3D1%26b%3D%24x&sd=http:%2F%2Fpc%2F%3Fa%3D1%26b%3D%24x&store_settings=save" {
		t.Errorf("queries %q", qs)
	}
	// Long values split by size; one longer than the budget goes alone.
	long := strings.Repeat("x", maxSaveQuery/2)
	huge := strings.Repeat("y", maxSaveQuery+10)
	qs = saveQueries([]setting{{"a", long}, {"b", long}, {"c", huge}, {"d", ""}})
	if len(qs) != 4 || !strings.Contains(qs[2], "&c="+huge+"&") || qs[3] != "settings=save&d=&store_settings=save" {
		t.Errorf("%d queries: %.80q", len(qs), qs)
	}
	if saveQueries(nil) != nil {
		t.Error("queries for nothing")
	}
}

func TestPointsAt(t *testing.T) {
	const base = "http://10.0.0.5:8080/tok"
	for v, want := range map[string]bool{
		base:                          true,
		base + "/event/incoming?v=1":  true,
		base + "?x":                   true,
		" " + base + "/event/x ":      true,
		base + "en/event/incoming":    false,
		"http://10.0.0.5:8080/other":  false,
		"":                            false,
		"http://10.0.0.50:8080/tok/x": false,
	} {
		if pointsAt(v, base+"/") != want {
			t.Errorf("pointsAt(%q) != %v", v, want)
		}
	}
}
