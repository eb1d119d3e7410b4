package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMissingFileGivesDefaults(t *testing.T) {
	cfg, err := Load(filepath.Join(t.TempDir(), "nope.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Fatalf("got %+v, want defaults", cfg)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "config.toml")
	want := Default()
	want.Phone = Phone{Vendor: "yealink", URL: "https://10.0.0.5:8443", User: "admin",
		Fingerprint: "AA:BB", ConnectTimeout: Duration(time.Second), Timeout: Duration(1500 * time.Millisecond), OutgoingURI: "201@pbx"}
	want.Dial = Dial{Country: "AT", AreaCode: "1", OutsideLine: "0", MaxExtension: 3, LocalWithoutAreaCode: true}
	want.UI.Language = "de"
	want.Contacts = Contacts{MinSuffix: 7, Sources: []Source{
		{Type: "vcard", Path: "/home/u/Kontakte.vcf"},
		{Type: "csv", Path: "/home/u/crm.csv", Columns: map[string]string{"Kunde": "name", "Tel": "work"}},
		{Type: "ldap", URL: "ldaps://dc.example.test", BaseDN: "dc=example,dc=test", StartTLS: false},
		{Type: "carddav", URL: "https://dav.example.test/", User: "erika", Interval: Duration(10 * time.Minute)},
	}}
	if err := Save(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `timeout = "1.5s"`) {
		t.Errorf("durations should be written readably, file:\n%s", data)
	}
}

func TestPartialFileKeepsDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("[phone]\nurl = \"192.168.1.20\"\n"), 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Phone.URL != "192.168.1.20" || cfg.Phone.Vendor != "snom" || cfg.Phone.Timeout.D() != 5*time.Second || cfg.Dial.Country != "DE" {
		t.Fatalf("got %+v", cfg)
	}
}

func TestBrokenFileIsKeptAndReported(t *testing.T) {
	for name, content := range map[string]string{
		"syntax":      "[phone\nurl = 1",
		"bad type":    "[dial]\nmax_extension = \"four\"\n",
		"bad timeout": "[phone]\ntimeout = \"soon\"\n",
		"unknown key": "[phone]\npassword = \"secret\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			os.WriteFile(path, []byte(content), 0o600)
			cfg, err := Load(path)
			var broken *BrokenError
			if !errors.As(err, &broken) {
				t.Fatalf("err = %v, want *BrokenError", err)
			}
			if !reflect.DeepEqual(cfg, Default()) {
				t.Errorf("broken file should give defaults, got %+v", cfg)
			}
			bak, rerr := os.ReadFile(broken.Backup)
			if rerr != nil || string(bak) != content {
				t.Fatalf("backup %s = %q (%v), want the original", broken.Backup, bak, rerr)
			}
			orig, _ := os.ReadFile(path)
			if string(orig) != content {
				t.Errorf("the broken file itself must stay untouched until the user saves")
			}
		})
	}
}

func TestDurationRejectsNegative(t *testing.T) {
	var d Duration
	if err := d.UnmarshalText([]byte("-1s")); err == nil {
		t.Fatal("negative duration accepted")
	}
	if err := d.UnmarshalText([]byte(" 250ms ")); err != nil || d.D() != 250*time.Millisecond {
		t.Fatalf("250ms: %v %v", d, err)
	}
}
