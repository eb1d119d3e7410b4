package yealink

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync/atomic"
	"testing"

	"deskcti/phone/httpx"
)

func TestParsePhonecfg(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     phonecfg
	}{
		{
			"phonesim",
			"Model=SIP-T46U\nMAC=805EC0AABBCC\nFirmware=108.86.0.45\nDND=0\nAccount1=201@pbx.example Registered\n",
			phonecfg{Model: "SIP-T46U", MAC: "805EC0AABBCC", Firmware: "108.86.0.45", DND: "0", Accounts: []string{"201@pbx.example"}},
		},
		{
			"colons, spaces, CRLF, unknown lines",
			"Phone Model: SIP-T54W\r\nFirmware Version: 96.86.0.70\r\nUptime: 3 days\r\nLine 1: 301@pbx, Registered\r\nLine2: 302@pbx\r\n",
			phonecfg{Model: "SIP-T54W", Firmware: "96.86.0.70", Accounts: []string{"301@pbx", "302@pbx"}},
		},
		{
			"html line breaks",
			"<html><body>model=T21P_E2<br>fw=52.84.0.15<br/>mac=00:15:65:aa:bb:cc</body></html>",
			phonecfg{Model: "T21P_E2", Firmware: "52.84.0.15", MAC: "00:15:65:aa:bb:cc"},
		},
		{"nothing known", "<html><body>OK</body></html>\n", phonecfg{}},
		{"empty values", "Model=\nFirmware=  \n=x\n", phonecfg{}},
		{"first value wins", "Model=A\nmodel=B\n", phonecfg{Model: "A"}},
	} {
		if got := parsePhonecfg(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func FuzzParsePhonecfg(f *testing.F) {
	f.Add("Model=SIP-T46U\nFirmware=108.86.0.45\nAccount1=201@pbx Registered\n")
	f.Add("Phone Model: T54W\r\nLine 1: 301@pbx, Registered")
	f.Fuzz(func(t *testing.T, s string) {
		cfg := parsePhonecfg(s)
		for _, a := range cfg.Accounts {
			if a == "" {
				t.Fatalf("empty account from %q", s)
			}
		}
	})
}

func TestParseWebInfo(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want phonecfg
		ok   bool
	}{
		{`{"ret":"ok","data":{"wui.device.phoneName":"SIP-T46U","firmware":"108.86.0.45","mac":"805EC0AABBCC"}}`,
			phonecfg{Model: "SIP-T46U", Firmware: "108.86.0.45", MAC: "805EC0AABBCC"}, true},
		{`{"ret":"ok","data":{"wui":{"device":{"phoneName":"SIP-T57W"}},"firmware":"97.86.0.1","n":3}}`,
			phonecfg{Model: "SIP-T57W", Firmware: "97.86.0.1"}, true},
		{`{"ret":"failed"}`, phonecfg{}, true},
		{`<html>`, phonecfg{}, false},
	} {
		got, err := parseWebInfo([]byte(tc.in))
		if (err == nil) != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseWebInfo(%s) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func FuzzParseWebInfo(f *testing.F) {
	f.Add(`{"ret":"ok","data":{"wui.device.phoneName":"SIP-T46U","firmware":"108.86.0.45"}}`)
	f.Add(`{"data":{"a":{"b":{"mac":"x"}}}}`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = parseWebInfo([]byte(s))
	})
}

// A phone whose phonecfg answer says nothing useful: Probe falls back to
// the login page's info API.
func TestProbeFallsBackToWebInfo(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/servlet" && r.URL.RawQuery == phonecfgQuery:
			_, _ = io.WriteString(w, "<html><body>OK</body></html>")
		case r.URL.Path == "/api/common/info" && r.Method == http.MethodPost && r.URL.RawQuery == "p=Login":
			posts.Add(1)
			body, _ := io.ReadAll(r.Body)
			if string(body) != `{"idlist":["wui"]}` {
				http.Error(w, "bad body", http.StatusBadRequest)
				return
			}
			_, _ = io.WriteString(w, `{"ret":"ok","data":{"wui.device.phoneName":"SIP-T48U","firmware":"108.86.0.20","mac":"805EC0000001"}}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	d, err := New(httpx.Options{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	info, err := d.Probe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.Model != "SIP-T48U" || info.Firmware != "108.86.0.20" || info.MAC != "805EC0000001" || posts.Load() != 1 {
		t.Errorf("Probe = %+v after %d info requests", info, posts.Load())
	}
	// The touch model learnt this way is not sent chains.
	if d.chains() {
		t.Error("chains on a T48U")
	}
}

func TestIsTouch(t *testing.T) {
	for model, want := range map[string]bool{"SIP-T48U": true, "SIP-T48G": true, "SIP-T57W": true, "SIP-T46U": false, "SIP-T54W": false, "T21P_E2": false} {
		if isTouch(model) != want {
			t.Errorf("isTouch(%q) != %v", model, want)
		}
	}
}
