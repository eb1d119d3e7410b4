package phonesim

import (
	"net/http"
	"strings"
	"testing"

	"deskcti/phone"
)

func TestSnomDialRedirects(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, User: "admin", Password: "pw"})
	c := newClient(t, s, "admin", "pw")
	status, h, _ := c.get("/command.htm?number=%2A21%230221&outgoing_uri=201%40pbx.example")
	if status != http.StatusFound || h.Get("Location") != "/index.htm" {
		t.Fatalf("dial: %d Location %q, want 302 /index.htm", status, h.Get("Location"))
	}
	if s.LastDialed() != "*21#0221" || s.LastOutgoingURI() != "201@pbx.example" {
		t.Errorf("dialed %q via %q", s.LastDialed(), s.LastOutgoingURI())
	}
	if s.State() != Dialing || calls(s) != "dialing:*21#0221" {
		t.Errorf("calls %q, state %s", calls(s), s.State())
	}
	acts := s.Actions()
	if len(acts) != 1 || acts[0].RawQuery != "number=%2A21%230221&outgoing_uri=201%40pbx.example" || acts[0].Path != "/command.htm" {
		t.Fatalf("actions = %+v", acts)
	}
	// The redirect target is the web UI, not an action.
	c.mustGet("/index.htm", http.StatusOK)
	if len(s.Actions()) != 1 {
		t.Errorf("index.htm counted as an action")
	}
}

func TestSnomDialEncoding(t *testing.T) {
	s := snomOpen(t)
	c := newClient(t, s, "", "")
	// An unencoded '*' arrives as '*'.
	c.mustGet("/command.htm?number=*31*0221", http.StatusFound)
	if s.LastDialed() != "*31*0221" {
		t.Errorf("unencoded star: dialed %q", s.LastDialed())
	}
	// An unencoded '#' is a fragment: the client never sends it.
	c.mustGet("/command.htm?number=*21#0221", http.StatusFound)
	if s.LastDialed() != "*21" {
		t.Errorf("unencoded hash: dialed %q, want the number cut at '#'", s.LastDialed())
	}
	if r := s.Requests(); r[len(r)-1].RawQuery != "number=*21" {
		t.Errorf("raw query %q", r[len(r)-1].RawQuery)
	}
	// '+' stays '+'; %2B too.
	c.mustGet("/command.htm?number=+49221", http.StatusFound)
	if s.LastDialed() != "+49221" {
		t.Errorf("plus: dialed %q", s.LastDialed())
	}
	// A broken escape makes the phone ignore the request.
	before := len(s.Calls())
	c.mustGet("/command.htm?number=%zz", http.StatusFound)
	if len(s.Calls()) != before {
		t.Errorf("bad escape dialed")
	}
}

// setup brings a snom sim into a start state for a key test.
type setup func(t *testing.T, s *Sim, c *client)

func ringing(t *testing.T, s *Sim, c *client) { s.IncomingCall("0221555", "Anna") }

func connectedIn(t *testing.T, s *Sim, c *client) {
	s.IncomingCall("0221555", "Anna")
	c.mustGet("/command.htm?key=ENTER", http.StatusFound)
}

func dialing(t *testing.T, s *Sim, c *client) {
	c.mustGet("/command.htm?number=0221777", http.StatusFound)
}

func connectedOut(t *testing.T, s *Sim, c *client) {
	dialing(t, s, c)
	if err := s.RemoteAnswer(s.Calls()[0].ID); err != nil {
		t.Fatal(err)
	}
}

func idle(*testing.T, *Sim, *client) {}

func TestSnomKeys(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  setup
		query  string
		calls  string // after the request
		ended  string // reason of the last ended call, "" = none ended
		acted  bool
		dnd    bool
		dtmf   string
		muted  bool
		dialed string
	}{
		{"cancel idle is a harmless probe", idle, "key=CANCEL", "", "", true, false, "", false, ""},
		{"cancel rejects ringing", ringing, "key=CANCEL", "", EndRejected, true, false, "", false, ""},
		{"cancel ends connected", connectedIn, "key=CANCEL", "", EndLocal, true, false, "", false, ""},
		{"cancel ends dialing", dialing, "key=CANCEL", "", EndLocal, true, false, "", false, "0221777"},
		{"onhook ends connected", connectedOut, "key=ONHOOK", "", EndLocal, true, false, "", false, "0221777"},
		{"onhook leaves ringing", ringing, "key=ONHOOK", "ringing:0221555", "", true, false, "", false, ""},
		{"enter answers", ringing, "key=ENTER", "connected:0221555", "", true, false, "", false, ""},
		{"offhook answers", ringing, "key=OFFHOOK", "connected:0221555", "", true, false, "", false, ""},
		{"speaker answers", ringing, "key=SPEAKER", "connected:0221555", "", true, false, "", false, ""},
		{"headset answers", ringing, "key=HEADSET", "connected:0221555", "", true, false, "", false, ""},
		{"enter idle does nothing", idle, "key=ENTER", "", "", true, false, "", false, ""},
		{"hold", connectedIn, "key=F_HOLD", "held:0221555", "", true, false, "", false, ""},
		{"hold twice resumes", connectedIn, "key=F_HOLD;F_HOLD", "connected:0221555", "", true, false, "", false, ""},
		{"hold ignores dialing", dialing, "key=F_HOLD", "dialing:0221777", "", true, false, "", false, "0221777"},
		{"dnd toggles on", idle, "key=DND", "", "", true, true, "", false, ""},
		{"dnd twice is off", idle, "key=DND;DND", "", "", true, false, "", false, ""},
		{"mute", connectedIn, "key=MUTE", "connected:0221555", "", true, false, "", true, ""},
		{"digits in a call are dtmf", connectedIn, "key=1;%2A;%23", "connected:0221555", "", true, false, "1*#", false, ""},
		{"key_dtmf in a call", connectedIn, "key_dtmf=12%23", "connected:0221555", "", true, false, "12#", false, ""},
		{"key_dtmf idle is ignored", idle, "key_dtmf=12", "", "", false, false, "", false, ""},
		{"digits and enter dial", idle, "key=0;2;2;1;%23;ENTER", "dialing:0221#", "", true, false, "", false, "0221#"},
		{"hold times are accepted", idle, "key=0,200,100;1,50;ENTER", "dialing:01", "", true, false, "", false, "01"},
		{"redial", dialing, "key=CANCEL;REDIAL", "dialing:0221777", EndLocal, true, false, "", false, "0221777"},
		{"release all", connectedIn, "RELEASE_ALL_CALLS", "", EndLocal, true, false, "", false, ""},
		{"programmable key", idle, "key=P1", "", "", true, false, "", false, ""},
		{"unknown key", idle, "key=FOO", "", "", false, false, "", false, ""},
		{"lower-case names are unknown", ringing, "key=enter", "ringing:0221555", "", false, false, "", false, ""},
		{"broken chain is ignored", ringing, "key=ENTER,abc", "ringing:0221555", "", false, false, "", false, ""},
		{"empty key", idle, "key=", "", "", false, false, "", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := snomOpen(t)
			c := newClient(t, s, "", "")
			tc.setup(t, s, c)
			nActions, nEnded := len(s.Actions()), len(s.Ended())
			c.mustGet("/command.htm?"+tc.query, http.StatusFound)
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
			if s.DND() != tc.dnd || s.DTMF() != tc.dtmf || s.Muted() != tc.muted || s.LastDialed() != tc.dialed {
				t.Errorf("dnd %v dtmf %q muted %v dialed %q, want %v %q %v %q",
					s.DND(), s.DTMF(), s.Muted(), s.LastDialed(), tc.dnd, tc.dtmf, tc.muted, tc.dialed)
			}
			if r := s.Requests(); r[len(r)-1].RawQuery != tc.query {
				t.Errorf("recorded raw query %q, want %q", r[len(r)-1].RawQuery, tc.query)
			}
		})
	}
}

func TestSnomHoldKeyByFirmware(t *testing.T) {
	for _, tc := range []struct {
		firmware, key string
		want          State
	}{
		{"10.1.54.13", "F_HOLD", Held},
		{"10.1.54.13", "F_R", Connected},
		{"8.7.5.35", "F_HOLD", Held},
		{"7.3.30", "F_HOLD", Connected},
		{"7.3.30", "F_R", Held},
	} {
		t.Run(tc.firmware+"/"+tc.key, func(t *testing.T) {
			s := start(t, Options{Vendor: phone.Snom, Firmware: tc.firmware})
			c := newClient(t, s, "", "")
			connectedIn(t, s, c)
			c.mustGet("/command.htm?key="+tc.key, http.StatusFound)
			if s.State() != tc.want {
				t.Errorf("state %s, want %s", s.State(), tc.want)
			}
			c.mustGet("/command.htm?key="+tc.key, http.StatusFound)
			if s.State() != Connected {
				t.Errorf("second %s: state %s, want connected", tc.key, s.State())
			}
		})
	}
}

func TestSnomBlindTransfer(t *testing.T) {
	s := snomOpen(t)
	c := newClient(t, s, "", "")
	connectedIn(t, s, c)
	c.mustGet("/command.htm?key=TRANSFER", http.StatusFound)
	if cs := s.Calls(); len(cs) != 1 || !cs[0].Transferring {
		t.Fatalf("after TRANSFER: %+v", cs)
	}
	c.mustGet("/command.htm?key=0;2;2;1;ENTER", http.StatusFound)
	if len(s.Calls()) != 0 {
		t.Fatalf("calls after transfer: %q", calls(s))
	}
	e := s.Ended()
	if len(e) != 1 || e[0].Reason != EndTransferred || e[0].TransferTarget != "0221" || e[0].Remote != "0221555" {
		t.Fatalf("ended %+v", e)
	}
	// The whole transfer in one chained request, as drivers send it.
	connectedIn(t, s, c)
	c.mustGet("/command.htm?key=TRANSFER;4;2;ENTER", http.StatusFound)
	if e := s.Ended(); len(s.Calls()) != 0 || e[len(e)-1].TransferTarget != "42" {
		t.Fatalf("chained transfer: calls %q ended %+v", calls(s), e)
	}
	// CANCEL while typing the target leaves transfer mode, keeps the call.
	connectedIn(t, s, c)
	c.mustGet("/command.htm?key=TRANSFER;4;CANCEL", http.StatusFound)
	if cs := s.Calls(); len(cs) != 1 || cs[0].Transferring || cs[0].State != Connected {
		t.Fatalf("cancelled transfer: %+v", cs)
	}
}

func TestSnomAttendedTransfer(t *testing.T) {
	s := snomOpen(t)
	c := newClient(t, s, "", "")
	connectedIn(t, s, c)
	c.mustGet("/command.htm?key=F_HOLD;0;2;2;1;ENTER", http.StatusFound)
	if got := calls(s); got != "held:0221555,dialing:0221" {
		t.Fatalf("consultation: %q", got)
	}
	if err := s.RemoteAnswer(s.Calls()[1].ID); err != nil {
		t.Fatal(err)
	}
	c.mustGet("/command.htm?key=TRANSFER", http.StatusFound)
	if len(s.Calls()) != 0 {
		t.Fatalf("calls after attended transfer: %q", calls(s))
	}
	e := s.Ended()
	if len(e) != 2 || e[0].Remote != "0221555" || e[0].TransferTarget != "0221" || e[0].Reason != EndTransferred || e[1].Reason != EndTransferred {
		t.Fatalf("ended %+v", e)
	}
}

func TestSnomDialWhileConnectedHolds(t *testing.T) {
	s := snomOpen(t)
	c := newClient(t, s, "", "")
	connectedIn(t, s, c)
	c.mustGet("/command.htm?number=0999", http.StatusFound)
	if got := calls(s); got != "held:0221555,dialing:0999" {
		t.Fatalf("calls %q", got)
	}
	if s.State() != Dialing {
		t.Errorf("State() %s, want the newest call's dialing", s.State())
	}
	// A second ringing call is answered; the connected one goes on hold.
	c.mustGet("/command.htm?key=CANCEL", http.StatusFound)
	c.mustGet("/command.htm?key=F_HOLD", http.StatusFound) // resume
	id := s.IncomingCall("0333", "")
	c.mustGet("/command.htm?key=ENTER", http.StatusFound)
	if got := calls(s); got != "held:0221555,connected:0333" || s.Calls()[1].ID != id {
		t.Fatalf("call waiting answered: %q", got)
	}
}

func TestSnomD8xx(t *testing.T) {
	s := start(t, Options{Vendor: phone.Snom, Model: "snomD865", User: "admin", Password: "pw"})
	c := newClient(t, s, "admin", "pw")
	c.mustGet("/command.htm?number=0221", http.StatusNotFound)
	c.mustGet("/command.htm?key=CANCEL", http.StatusNotFound)
	c.mustGet("/settings.xml", http.StatusNotFound)
	if s.LastDialed() != "" || len(s.Actions()) != 0 {
		t.Errorf("D8xx acted: dialed %q, actions %d", s.LastDialed(), len(s.Actions()))
	}
	if body := c.mustGet("/", http.StatusOK); !strings.Contains(body, "<title>Phone Manager</title>") {
		t.Errorf("D8xx page: %q", body)
	}
	// A D7xx is not a D8xx.
	d7 := snomOpen(t)
	if body := newClient(t, d7, "", "").mustGet("/", http.StatusOK); !strings.Contains(body, "<title>snom D785</title>") {
		t.Errorf("D785 page: %q", body)
	}
}

func TestSnomUnknownPage(t *testing.T) {
	s := snomOpen(t)
	newClient(t, s, "", "").mustGet("/nothing.htm", http.StatusNotFound)
}
