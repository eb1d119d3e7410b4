package ui

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"deskcti/app"
	"deskcti/app/actions"
	"deskcti/app/config"
	"deskcti/app/journal"
	"deskcti/app/secrets"
	"deskcti/assets"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/ui/journalwin"
	"deskcti/ui/mainloop"
)

// DemoOptions tune the demo.
type DemoOptions struct {
	// FirstCall is when the first simulated call rings; 0 means 3 s,
	// negative means never.
	FirstCall time.Duration
	// Ready runs on the Fyne goroutine once the app is up (tests).
	Ready  func(d *Desk, sim *phonesim.Sim)
	App    fyne.App
	Logger *slog.Logger
}

// demoCallers are who rings in the demo, in turn: a company's extension
// behind its head number, a customer, a caller nobody knows, a colleague.
var demoCallers = []struct{ number, display string }{
	{"sip:022198765 42@pbx.example", "Gisela Müller"},
	{"0221 471123", "J. Weiss"},
	{"+33 1 23 45 67 89", ""},
	{"20", "Empfang"},
}

// RunDemo runs the whole desktop app against a snom emulator with the
// bundled sample address book and a journal of its own, in a temporary
// directory, so that a newcomer sees pop-up, journal and Test dialog
// without a phone and without touching their own settings.
func RunDemo(ctx context.Context, o DemoOptions) error {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	const demoPassword = "admin" // the emulator's factory default, not a secret
	sim, err := phonesim.Start(phonesim.Options{Vendor: phone.Snom, User: "admin", Password: demoPassword, Auth: phonesim.AuthDigest})
	if err != nil {
		return fmt.Errorf("demo: start the phone emulator: %w", err)
	}
	defer sim.Close()
	dir, err := os.MkdirTemp("", "deskcti-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(dir)
	book := filepath.Join(dir, "kontakte.vcf")
	if err := os.WriteFile(book, assets.DemoContacts, 0o600); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	cfg := config.Default()
	cfg.Phone.URL, cfg.Phone.User = sim.URL(), "admin"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0", MaxExtension: 4}
	cfg.Contacts.Sources = []config.Source{{Type: "vcard", Path: book}}
	// Loopback and a port of its own: the demo never takes 8080 from a
	// real deskcti.
	cfg.Receiver.Listen = "127.0.0.1:0"
	cfg.Actions = []actions.Action{{Name: "CRM", On: []string{"incoming"}, Open: "https://crm.example.de/suche?tel={e164}"}}
	cfgPath := filepath.Join(dir, config.FileName)
	if err := config.Save(cfgPath, cfg); err != nil {
		return err
	}
	os.Setenv(secrets.PhonePasswordEnv, demoPassword) // read by this process only
	os.Setenv(app.ReceiverTokenEnv, "")               // no keyring needed for the demo

	svc, err := app.New(cfg, nil)
	if err != nil {
		return err
	}
	b, err := app.OpenBook(cfg, app.BookOptions{Logger: o.Logger})
	if err != nil {
		return err
	}
	b.Reload(ctx)
	go b.Run(ctx)
	j, err := journal.Open(filepath.Join(dir, journal.FileName))
	if err != nil {
		return err
	}
	defer j.Close()
	// A few days of history, so that the journal has something to show.
	for _, c := range journalwin.SampleCalls(time.Now()) {
		c.ID = 0
		if err := j.Save(ctx, &c); err != nil {
			return err
		}
	}

	var next atomic.Int64
	simulate := func() {
		c := demoCallers[int(next.Add(1)-1)%len(demoCallers)]
		sim.IncomingCall(c.number, c.display)
	}
	return Run(ctx, Options{
		Config: cfg, CfgPath: cfgPath, Service: svc, Book: b, Journal: j,
		SimulateCall: simulate, App: o.App, Logger: o.Logger,
		Ready: func(d *Desk) {
			go func() {
				cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				if err := d.Live().ConfigureEvents(cctx); err != nil {
					mainloop.Do(func() { d.notifyError(err) })
				}
				first := o.FirstCall
				if first == 0 {
					first = 3 * time.Second
				}
				if first > 0 {
					select {
					case <-time.After(first):
						simulate()
					case <-ctx.Done():
					}
				}
			}()
			if o.Ready != nil {
				o.Ready(d, sim)
			}
		},
	})
}
