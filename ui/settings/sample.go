package settings

import (
	"context"
	"errors"
	"net/netip"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/app/actions"
	"deskcti/app/config"
	"deskcti/contacts"
)

// SampleConfig is a filled-in configuration for screenshots and tests: a
// snom on HTTPS with a pinned certificate, Köln dial rules behind a PBX,
// three address books and a CRM action.
func SampleConfig() config.Config {
	cfg := config.Default()
	cfg.Phone.URL = "https://192.168.1.20"
	cfg.Phone.User = "admin"
	cfg.Phone.Fingerprint = "3F:9A:0C:71:5E:22:B4:D8:19:6C:A0:47:EE:12:93:5B:C4:78:0D:36:AF:61:2E:90:BB:14:C7:58:E3:09:7A:D2"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 3}
	cfg.Receiver.Host = "192.168.1.10"
	cfg.Receiver.Allow = []string{"192.168.1.0/24"}
	cfg.Receiver.RemoveOnExit = true
	cfg.Contacts.Sources = []config.Source{
		{Type: "vcard", Path: "/home/anna/Kontakte.vcf"},
		{Type: "csv", Path: "/srv/crm/kunden.csv"},
		{Type: "ldap", URL: "ldaps://dc.example.local", BaseDN: "dc=example,dc=local", BindDN: "cti@example.local"},
	}
	cfg.Actions = []actions.Action{{Name: "CRM", On: []string{"incoming"}, Open: "https://crm.example/search?phone={e164}"}}
	cfg.Journal.KeepDays = 90
	return cfg
}

// SampleHandlers answer like a working installation without touching
// anything: the keyring has the phone's password, the address books are
// loaded (the CSV with a broken line), saving succeeds.
func SampleHandlers() Handlers {
	loaded := time.Date(2026, 11, 30, 8, 15, 0, 0, time.Local)
	return Handlers{
		Save:        func(config.Config) error { return nil },
		SetPassword: func(string, string) error { return nil },
		HasPassword: func(string) bool { return true },
		Fingerprint: func(context.Context, string) (string, error) {
			return SampleConfig().Phone.Fingerprint, nil
		},
		SourceStatus: func() []contacts.Status {
			return []contacts.Status{
				{Name: "vcard:/home/anna/Kontakte.vcf", Count: 412, LastLoad: loaded},
				{Name: "csv:/srv/crm/kunden.csv", Count: 18230, LastLoad: loaded,
					Err: errors.New("1 unreadable record(s); /srv/crm/kunden.csv:4711: wrong number of fields")},
				{Name: "ldap:ldaps://dc.example.local/dc=example,dc=local"},
			}
		},
		LocalAddrs: func() []netip.Addr {
			return []netip.Addr{netip.MustParseAddr("192.168.1.10"), netip.MustParseAddr("10.8.0.2"),
				netip.MustParseAddr("169.254.12.7"), netip.MustParseAddr("127.0.0.1")}
		},
		Test:        func() {},
		Autostart:   func(bool) error { return nil },
		AutostartOn: func() bool { return true },
	}
}

// Sample is the settings window with SampleConfig and SampleHandlers, for
// the screenshot test: Sample(app).Window() is ready to capture (call Show
// on a real display). Nothing it does reaches a phone, keyring or file.
func Sample(a fyne.App) *Window { return New(a, SampleConfig(), SampleHandlers()) }

// SampleWizard is the first-run wizard on a fresh configuration with
// SampleHandlers, for the screenshot test.
func SampleWizard(a fyne.App) *Wizard { return NewWizard(a, config.Default(), SampleHandlers()) }
