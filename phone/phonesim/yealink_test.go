package phonesim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"deskcti/phone"
)

func TestYealinkDial(t *testing.T) {
	s := start(t, Options{Vendor: phone.Yealink, User: "admin", Password: "admin"})
	c := newClient(t, s, "admin", "admin")
	body := c.mustGet("/servlet?key=number=%2A21%230221&outgoing_uri=201@pbx.example", http.StatusOK)
	if body == "" {
		t.Error("empty success body")
	}
	if s.LastDialed() != "*21#0221" || s.LastOutgoingURI() != "201@pbx.example" || s.State() != Dialing {
		t.Errorf("dialed %q via %q, state %s", s.LastDialed(), s.LastOutgoingURI(), s.State())
	}
	if a := s.Actions(); len(a) != 1 || a[0].RawQuery != "key=number=%2A21%230221&outgoing_uri=201@pbx.example" {
		t.Errorf("actions %+v", a)
	}
	// servlet?number=N and the old cgi-bin path work too.
	c.mustGet("/servlet?number=0301", http.StatusOK)
	if s.LastDialed() != "0301" {
		t.Errorf("servlet?number: dialed %q", s.LastDialed())
	}
	c.mustGet("/cgi-bin/ConfigManApp.com?key=number=0401", http.StatusOK)
	if s.LastDialed() != "0401" {
		t.Errorf("cgi-bin: dialed %q", s.LastDialed())
	}
}

func TestYealinkKeyMustComeFirst(t *testing.T) {
	for _, q := range []string{
		"outgoing_uri=201@pbx.example&key=number=0221",
		"key=number=0221&",
		"key=number=0221&outgoing_uri=201@pbx.example&",
		"foo=1&number=0221",
	} {
		t.Run(q, func(t *testing.T) {
			s := yealinkOpen(t)
			newClient(t, s, "", "").mustGet("/servlet?"+q, http.StatusOK)
			if s.LastDialed() != "" || len(s.Calls()) != 0 || len(s.Actions()) != 0 {
				t.Errorf("quirky request acted: dialed %q, actions %d", s.LastDialed(), len(s.Actions()))
			}
			if r := s.Requests(); len(r) != 1 || r[0].RawQuery != q || r[0].Status != 200 {
				t.Errorf("recorded %+v", r)
			}
		})
	}
}

func TestYealinkKeys(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, s *Sim, c *client) string // returns a call id
		query string                                       // %ID% is replaced by the call id
		calls string
		ended string
		acted bool
		dnd   bool
		muted bool
		fwd   Forwarding
	}{
		{"callend ends", yConnected, "key=CALLEND", "", EndLocal, true, false, false, Forwarding{}},
		{"x rejects ringing", yRinging, "key=X", "", EndRejected, true, false, false, Forwarding{}},
		{"callend idle", yIdle, "key=CALLEND", "", "", true, false, false, Forwarding{}},
		{"cancel by id", yRinging, "key=CANCEL:%ID%", "", EndRejected, true, false, false, Forwarding{}},
		{"cancel unknown id", yRinging, "key=CANCEL:999", "ringing:0221555", "", true, false, false, Forwarding{}},
		{"ok answers", yRinging, "key=OK", "connected:0221555", "", true, false, false, Forwarding{}},
		{"asw answers", yRinging, "key=ASW", "connected:0221555", "", true, false, false, Forwarding{}},
		{"asw by id", yRinging, "key=ASW:%ID%", "connected:0221555", "", true, false, false, Forwarding{}},
		{"speaker answers", yRinging, "key=SPEAKER", "connected:0221555", "", true, false, false, Forwarding{}},
		{"enter answers", yRinging, "key=ENTER", "connected:0221555", "", true, false, false, Forwarding{}},
		{"f_hold", yConnected, "key=F_HOLD", "held:0221555", "", true, false, false, Forwarding{}},
		{"f_hold twice", yConnected, "key=F_HOLD;F_HOLD", "connected:0221555", "", true, false, false, Forwarding{}},
		{"hold by id", yConnected, "key=HOLD:%ID%", "held:0221555", "", true, false, false, Forwarding{}},
		{"unhold by id", yConnected, "key=HOLD:%ID%;UNHOLD:%ID%", "connected:0221555", "", true, false, false, Forwarding{}},
		{"dnd on", yIdle, "key=DNDOn", "", "", true, true, false, Forwarding{}},
		{"dnd on off", yIdle, "key=DNDOn;DNDOff", "", "", true, false, false, Forwarding{}},
		{"mute", yConnected, "key=MUTE", "connected:0221555", "", true, false, true, Forwarding{}},
		{"always fwd", yIdle, "key=AlwaysFwdOn=0221999", "", "", true, false, false, Forwarding{Always: "0221999"}},
		{"always fwd off", yIdle, "key=AlwaysFwdOn=0221999;AlwaysFwdOff", "", "", true, false, false, Forwarding{}},
		{"busy fwd", yIdle, "key=BusyFwdOn=0221888", "", "", true, false, false, Forwarding{Busy: "0221888"}},
		{"no answer fwd", yIdle, "key=NoAnswFwdOn=0221777=20", "", "", true, false, false, Forwarding{NoAnswer: "0221777", NoAnswerSeconds: 20}},
		{"no answer fwd bad seconds", yIdle, "key=NoAnswFwdOn=0221777=x", "", "", false, false, false, Forwarding{}},
		{"digits and ok dial", yIdle, "key=0;2;%23;OK", "dialing:02#", "", true, false, false, Forwarding{}},
		{"unknown key", yIdle, "key=FOO", "", "", false, false, false, Forwarding{}},
		{"snom names are not yealink keys", yRinging, "key=OFFHOOK", "ringing:0221555", "", false, false, false, Forwarding{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := yealinkOpen(t)
			c := newClient(t, s, "", "")
			id := tc.setup(t, s, c)
			nActions, nEnded := len(s.Actions()), len(s.Ended())
			c.mustGet("/servlet?"+strings.ReplaceAll(tc.query, "%ID%", id), http.StatusOK)
			if got := calls(s); got != tc.calls {
				t.Errorf("calls %q, want %q", got, tc.calls)
			}
			ended := ""
			if e := s.Ended(); len(e) > nEnded {
				ended = e[len(e)-1].Reason
			}
			if ended != tc.ended {
				t.Errorf("ended %q, want %q", ended, tc.ended)
			}
			if acted := len(s.Actions()) > nActions; acted != tc.acted {
				t.Errorf("acted %v, want %v", acted, tc.acted)
			}
			if s.DND() != tc.dnd || s.Muted() != tc.muted || s.Forwarding() != tc.fwd {
				t.Errorf("dnd %v muted %v fwd %+v, want %v %v %+v", s.DND(), s.Muted(), s.Forwarding(), tc.dnd, tc.muted, tc.fwd)
			}
		})
	}
}

func yIdle(*testing.T, *Sim, *client) string { return "" }

func yRinging(t *testing.T, s *Sim, c *client) string { return s.IncomingCall("0221555", "Anna") }

func yConnected(t *testing.T, s *Sim, c *client) string {
	id := s.IncomingCall("0221555", "Anna")
	c.mustGet("/servlet?key=OK", http.StatusOK)
	return id
}

func TestYealinkTransfer(t *testing.T) {
	t.Run("blind", func(t *testing.T) {
		s := yealinkOpen(t)
		c := newClient(t, s, "", "")
		yConnected(t, s, c)
		c.mustGet("/servlet?key=F_TRANSFER;0;2;2;1;F_TRANSFER", http.StatusOK)
		e := s.Ended()
		if len(s.Calls()) != 0 || len(e) != 1 || e[0].TransferTarget != "0221" || e[0].Reason != EndTransferred {
			t.Fatalf("calls %q ended %+v", calls(s), e)
		}
	})
	t.Run("attended", func(t *testing.T) {
		s := yealinkOpen(t)
		c := newClient(t, s, "", "")
		yConnected(t, s, c)
		c.mustGet("/servlet?key=F_TRANSFER;0;2;2;1;OK", http.StatusOK)
		cs := s.Calls()
		if got := calls(s); got != "held:0221555,dialing:0221" || !cs[0].Transferring {
			t.Fatalf("consultation %q %+v", got, cs)
		}
		if err := s.RemoteAnswer(cs[1].ID); err != nil {
			t.Fatal(err)
		}
		c.mustGet("/servlet?key=F_TRANSFER", http.StatusOK)
		e := s.Ended()
		if len(s.Calls()) != 0 || len(e) != 2 || e[0].TransferTarget != "0221" {
			t.Fatalf("calls %q ended %+v", calls(s), e)
		}
	})
}

func TestYealinkTouchModelChains(t *testing.T) {
	for _, tc := range []struct {
		model string
		muted bool
	}{
		{"SIP-T46U", true},
		{"SIP-T48U", false},
		{"T57W", false},
		{"SIP-T54W", true},
	} {
		t.Run(tc.model, func(t *testing.T) {
			s := start(t, Options{Vendor: phone.Yealink, Model: tc.model})
			newClient(t, s, "", "").mustGet("/servlet?key=DNDOn;MUTE", http.StatusOK)
			if !s.DND() || s.Muted() != tc.muted {
				t.Errorf("dnd %v muted %v, want true %v", s.DND(), s.Muted(), tc.muted)
			}
		})
	}
}

func TestAllowedIP(t *testing.T) {
	for _, tc := range []struct {
		list, ip string
		want     bool
	}{
		{"any", "10.1.2.3", true},
		{"ANY", "10.1.2.3", true},
		{"", "127.0.0.1", false},
		{"  ", "127.0.0.1", false},
		{"127.0.0.1", "127.0.0.1", true},
		{"10.0.0.1, 127.0.0.1", "127.0.0.1", true},
		{"127.0.*.*", "127.0.0.1", true},
		{"127.*.*.2", "127.0.0.1", false},
		{"10.10.*.*", "127.0.0.1", false},
		{"localhost", "127.0.0.1", false},
		{"127.0.0", "127.0.0.1", false},
		{"*.*.*.*", "192.168.1.1", true},
		{"127.0.0.1", "::1", false},
	} {
		if got := allowedIP(tc.list, tc.ip); got != tc.want {
			t.Errorf("allowedIP(%q, %q) = %v, want %v", tc.list, tc.ip, got, tc.want)
		}
	}
}

func TestYealinkAccessRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want int
	}{
		{"default any", Options{}, 200},
		{"wildcard", Options{AllowIPs: "10.0.0.1,127.0.*.*"}, 200},
		{"other net", Options{AllowIPs: "10.10.*.*"}, 403},
		{"blank", Options{AllowIPs: BlankAllowList}, 403},
		{"host name", Options{AllowIPs: "localhost"}, 403},
		{"disabled", Options{ActionURIDisabled: true}, 403},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.Vendor, o.User, o.Password = phone.Yealink, "admin", "admin"
			s := start(t, o)
			c := newClient(t, s, "admin", "admin")
			c.mustGet("/servlet?key=number=0221", tc.want)
			if dialed := s.LastDialed() != ""; dialed != (tc.want == 200) {
				t.Errorf("dialed %q with status %d", s.LastDialed(), tc.want)
			}
			// Credentials are checked first: 401 stays 401.
			if status, _, _ := newClient(t, s, "admin", "bad").get("/servlet?key=DNDOn"); status != 401 {
				t.Errorf("wrong password: %d", status)
			}
		})
	}
	s := yealinkOpen(t)
	c := newClient(t, s, "", "")
	s.SetAllowIPs("")
	c.mustGet("/servlet?key=DNDOn", 403)
	s.SetAllowIPs("127.0.0.1")
	c.mustGet("/servlet?key=DNDOn", 200)
	if !s.DND() {
		t.Error("allowed again but DND not set")
	}
}

func TestYealinkPrompt(t *testing.T) {
	s := start(t, Options{Vendor: phone.Yealink, Prompt: true})
	c := newClient(t, s, "", "")
	if s.PromptShowing() {
		t.Fatal("prompt before any request")
	}
	c.mustGet("/servlet?key=number=0221", 403)
	if !s.PromptShowing() {
		t.Fatal("first request did not show the prompt")
	}
	c.mustGet("/servlet?key=number=0221", 403)
	if s.LastDialed() != "" {
		t.Fatalf("acted while the prompt shows")
	}
	s.AcceptPrompt()
	if s.PromptShowing() {
		t.Error("prompt still showing after OK")
	}
	c.mustGet("/servlet?key=number=0221", 200)
	if s.LastDialed() != "0221" {
		t.Errorf("after OK: dialed %q", s.LastDialed())
	}
	// A refused peer never gets as far as the prompt.
	p := start(t, Options{Vendor: phone.Yealink, Prompt: true, AllowIPs: "10.0.0.1"})
	newClient(t, p, "", "").mustGet("/servlet?key=DNDOn", 403)
	if p.PromptShowing() {
		t.Error("prompt shown for a peer outside the allow list")
	}
}

func TestYealinkLockout(t *testing.T) {
	s := start(t, Options{Vendor: phone.Yealink, User: "admin", Password: "admin", LockoutAfter: 3, LockoutFor: time.Minute})
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	s.mu.Lock()
	s.now = func() time.Time { return now }
	s.mu.Unlock()
	setNow := func(t time.Time) {
		s.mu.Lock()
		now = t
		s.mu.Unlock()
	}
	good, bad := newClient(t, s, "admin", "admin"), newClient(t, s, "admin", "guess")
	// Failures not in a row do not lock.
	bad.mustGet("/servlet?key=DNDOn", 401)
	bad.mustGet("/servlet?key=DNDOn", 401)
	good.mustGet("/servlet?key=DNDOn", 200)
	for range 3 {
		bad.mustGet("/servlet?key=DNDOff", 401)
	}
	// Locked: even the right password and the info API get 403.
	good.mustGet("/servlet?key=DNDOff", 403)
	status, _, _ := good.do(http.MethodPost, "/api/common/info?p=Login", "application/json", `{"idlist":["wui"]}`)
	if status != 403 || !s.DND() {
		t.Fatalf("locked: info %d, DND %v", status, s.DND())
	}
	setNow(now.Add(59 * time.Second))
	good.mustGet("/servlet?key=DNDOff", 403)
	setNow(now.Add(61 * time.Second))
	good.mustGet("/servlet?key=DNDOff", 200)
	if s.DND() {
		t.Error("DND still on after the lock-out ended")
	}
}

func TestYealinkPhonecfg(t *testing.T) {
	s := start(t, Options{Vendor: phone.Yealink, Model: "SIP-T54W", Firmware: "96.86.0.70", MAC: "805EC0010203", Account: "301@pbx.local"})
	c := newClient(t, s, "", "")
	want := "Model=SIP-T54W\nMAC=805EC0010203\nFirmware=96.86.0.70\nDND=0\nAccount1=301@pbx.local Registered\n"
	if got := c.mustGet("/servlet?key=phonecfg=get&accounts=1&dnd=1&fw=1", 200); got != want {
		t.Errorf("phonecfg:\n%s\nwant\n%s", got, want)
	}
	c.mustGet("/servlet?key=DNDOn", 200)
	if got := c.mustGet("/servlet?phonecfg=get&dnd=1", 200); got != "Model=SIP-T54W\nMAC=805EC0010203\nDND=1\n" {
		t.Errorf("phonecfg dnd only: %q", got)
	}
	if n := len(s.Actions()); n != 3 {
		t.Errorf("actions %d, want 3", n)
	}
}

func TestYealinkInfoAPI(t *testing.T) {
	s := start(t, Options{Vendor: phone.Yealink, User: "admin", Password: "secret", AllowIPs: BlankAllowList})
	anon := newClient(t, s, "", "")
	status, _, body := anon.do(http.MethodPost, "/api/common/info?p=Login", "application/json", `{"idlist":["wui"]}`)
	if status != 200 {
		t.Fatalf("info: %d %q", status, body)
	}
	var got struct {
		Ret  string            `json:"ret"`
		Data map[string]string `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("info JSON %q: %v", body, err)
	}
	if got.Ret != "ok" || got.Data["wui.device.phoneName"] != "SIP-T46U" || got.Data["firmware"] != "108.86.0.45" || got.Data["mac"] != "805EC0AABBCC" {
		t.Errorf("info %+v", got)
	}
	// Everything else needs the login.
	if status, _, _ := anon.get("/servlet?key=phonecfg=get"); status != 401 {
		t.Errorf("phonecfg without login: %d", status)
	}
	if status, _, _ := anon.get("/api/common/info?p=Login"); status != 404 {
		t.Errorf("GET info: %d, want 404", status)
	}
}
