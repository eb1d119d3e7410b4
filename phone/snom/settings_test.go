package snom

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"deskcti/phone/httpx"
)

func TestParseSettings(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      settings
		accounts  []string
	}{
		{
			"phonesim form",
			`<?xml version="1.0" encoding="utf-8"?>
<phone-settings>
 <phone_type perm="R">snomD785</phone_type>
 <firmware_version perm="R">10.1.54.13</firmware_version>
 <mac perm="R">000413AABBCC</mac>
 <user_host1 idx="1" perm="">pbx.example</user_host1>
 <user_name1 idx="1" perm="">201</user_name1>
</phone-settings>`,
			settings{"phone_type": "snomD785", "firmware_version": "10.1.54.13", "mac": "000413AABBCC",
				"user_host1": "pbx.example", "user_name1": "201"},
			[]string{"201@pbx.example"},
		},
		{
			"indexed form inside <settings>",
			`<settings><phone-settings e="2">
<phone_type>snom370</phone_type>
<user_name idx="1" perm="">201</user_name><user_host idx="1" perm="">pbx</user_host>
<user_name idx="2" perm=""></user_name>
<user_name idx="3" perm="">203</user_name>
<dnd_mode idx="1" perm="">on</dnd_mode>
</phone-settings><functionKeys><fkey idx="0">line</fkey></functionKeys></settings>`,
			settings{"phone_type": "snom370", "user_name1": "201", "user_host1": "pbx", "user_name2": "",
				"user_name3": "203", "dnd_mode1": "on"},
			[]string{"201@pbx", "203"},
		},
		{
			"latin-1, entities, nested junk",
			"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><phone-settings><display_name>M\xfcller &amp; Co</display_name><x><y>1</y></x><phone_type>snomD120</phone_type></phone-settings>",
			settings{"display_name": "Müller & Co", "x": "", "phone_type": "snomD120"},
			nil,
		},
		{
			"broken tail keeps what came before",
			`<phone-settings><phone_type>snomD715</phone_type><mac>0004`,
			settings{"phone_type": "snomD715"},
			nil,
		},
	} {
		got, err := parseSettings([]byte(tc.doc))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.name, got, tc.want)
		}
		if ids := got.identities(); !reflect.DeepEqual(ids, tc.accounts) {
			t.Errorf("%s: identities %v, want %v", tc.name, ids, tc.accounts)
		}
	}
	for _, doc := range []string{"", "<html><body>Login</body></html>", "not xml at all", "<phone-settings"} {
		if s, err := parseSettings([]byte(doc)); err == nil {
			t.Errorf("parseSettings(%q) = %v, want an error", doc, s)
		}
	}
}

func FuzzParseSettings(f *testing.F) {
	f.Add(`<phone-settings><phone_type perm="R">snomD785</phone_type><user_name idx="1">201</user_name></phone-settings>`)
	f.Add(`<settings><phone-settings><dnd_mode>on</dnd_mode></phone-settings></settings>`)
	f.Fuzz(func(t *testing.T, doc string) {
		s, err := parseSettings([]byte(doc))
		if err != nil {
			return
		}
		_ = s.identities()
		_, _ = s.dnd()
		_, _ = firmwareMajor(s.firmware())
		if len(s.identities()) > maxIdentities {
			t.Fatalf("more than %d identities", maxIdentities)
		}
	})
}

func TestFirmwareMajor(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"10.1.54.13", 10, true},
		{"8.7.5.35", 8, true},
		{"7.3.30", 7, true},
		{"snom360-SIP 7.3.30 1.1.3", 7, true},
		{"snomD785-SIP 10.1.54.13", 10, true},
		{"", 0, false},
		{"unknown", 0, false},
	} {
		got, ok := firmwareMajor(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("firmwareMajor(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDND(t *testing.T) {
	for _, tc := range []struct {
		s         settings
		on, known bool
	}{
		{settings{"dnd_mode": "on"}, true, true},
		{settings{"dnd_mode": "off"}, false, true},
		{settings{"dnd_mode1": "on"}, true, true},
		{settings{"dnd_mode": "maybe"}, false, false},
		{settings{}, false, false},
	} {
		on, known := tc.s.dnd()
		if on != tc.on || known != tc.known {
			t.Errorf("%v.dnd() = %v, %v", tc.s, on, known)
		}
	}
}

func TestIsD8xxAndPhoneManager(t *testing.T) {
	for model, want := range map[string]bool{"snomD865": true, "snomD812": true, "snomD785": false, "snom870": false, "D862": true} {
		if isD8xx(model) != want {
			t.Errorf("isD8xx(%q) != %v", model, want)
		}
	}
	if !isPhoneManager([]byte("<html><head><TITLE> Phone Manager </TITLE>")) || isPhoneManager([]byte("<title>snom D785</title>")) {
		t.Error("isPhoneManager")
	}
}

// fakeSnom reports dnd_mode in settings.xml, which phonesim does not, and
// records the keys pressed.
type fakeSnom struct {
	mu         sync.Mutex
	dnd        string
	keys       []string
	noSettings bool // answer 404 for settings.xml
}

func (f *fakeSnom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.URL.Path {
	case "/settings.xml":
		if f.noSettings {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, `<phone-settings><phone_type>snomD785</phone_type><firmware_version>10.1.54.13</firmware_version><dnd_mode perm="">`+f.dnd+`</dnd_mode></phone-settings>`)
	case "/command.htm":
		if k, ok := strings.CutPrefix(r.URL.RawQuery, "key="); ok {
			f.keys = append(f.keys, k)
			if k == "DND" {
				f.dnd = map[string]string{"on": "off", "off": "on"}[f.dnd]
			}
		}
		http.Redirect(w, r, "/index.htm", http.StatusFound)
	default:
		http.NotFound(w, r)
	}
}

func TestDNDReadsThePhonesState(t *testing.T) {
	f := &fakeSnom{dnd: "on"}
	srv := httptest.NewServer(f)
	defer srv.Close()
	d, err := New(httpx.Options{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	// The phone already has DND on: nothing to press, whatever the
	// driver believed before.
	d.ObserveDND(false)
	if err := d.SetDND(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	if err := d.SetDND(t.Context(), false); err != nil {
		t.Fatal(err)
	}
	if err := d.SetDND(t.Context(), false); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if strings.Join(f.keys, ",") != "DND" || f.dnd != "off" {
		t.Errorf("keys pressed %v, DND %s; want one DND press ending off", f.keys, f.dnd)
	}
}

func TestDigitKeys(t *testing.T) {
	got, err := digitKeys("transfer", "0*9#")
	if err != nil || got != "0;%2A;9;%23" {
		t.Errorf("digitKeys = %q, %v", got, err)
	}
}

func TestDNDWithoutSettingsXML(t *testing.T) {
	f := &fakeSnom{dnd: "off", noSettings: true}
	srv := httptest.NewServer(f)
	defer srv.Close()
	d, err := New(httpx.Options{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	for _, on := range []bool{true, true, false} {
		if err := d.SetDND(t.Context(), on); err != nil {
			t.Fatalf("SetDND(%v): %v", on, err)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if strings.Join(f.keys, ",") != "DND,DND" || f.dnd != "off" {
		t.Errorf("keys pressed %v, DND %s; want on then off", f.keys, f.dnd)
	}
}
