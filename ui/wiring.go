package ui

import (
	"context"
	"errors"
	"io"
	"net"
	"net/netip"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/actions"
	"deskcti/app/calls"
	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/app/secrets"
	"deskcti/contacts"
	"deskcti/contacts/number"
	"deskcti/contacts/vcard"
	"deskcti/phone/httpx"
	"deskcti/platform/desktopintegration"
	"deskcti/platform/open"
	"deskcti/ui/dialbox"
	"deskcti/ui/journalwin"
	"deskcti/ui/mainloop"
	"deskcti/ui/popup"
	"deskcti/ui/settings"
	"deskcti/ui/testdialog"
)

// home is where the user's phone is, for formatting numbers.
func (d *Desk) home() number.Home { return app.HomeOf(d.service().Config().Dial) }

// format shows a call's number for the user: national for the own
// country, international otherwise; the region for unknown callers.
func (d *Desk) format(c calls.Call) (display, region string) {
	n, err := number.Parse(c.Remote, d.home())
	if err != nil {
		return c.Remote, ""
	}
	region = n.RegionName(string(i18n.Current()))
	return n.Display(d.home()), region
}

func (d *Desk) phoneOp(op func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(d.ctx, 15*time.Second)
	defer cancel()
	return op(ctx)
}

// popupHandlers wire the pop-up's buttons to the phone and the app.
func (d *Desk) popupHandlers() popup.Handlers {
	drvOp := func(f func(ctx context.Context) error) error { return d.phoneOp(f) }
	h := popup.Handlers{
		Answer: func(ctx context.Context, _ calls.Call) error {
			return drvOp(func(ctx context.Context) error {
				drv, err := d.service().Driver()
				if err != nil {
					return err
				}
				return drv.Answer(ctx)
			})
		},
		Reject: func(ctx context.Context, _ calls.Call) error { return d.hangup(ctx) },
		Hangup: func(ctx context.Context, _ calls.Call) error { return d.hangup(ctx) },
		Hold: func(ctx context.Context, _ calls.Call) error {
			drv, err := d.service().Driver()
			if err != nil {
				return err
			}
			return drv.Hold(ctx)
		},
		Transfer:    func(c calls.Call) { d.dial.ShowTransfer(c) },
		OpenContact: d.openContact,
		AddContact:  d.addContact,
		Copy:        func(text string) { d.a.Clipboard().SetContent(text) },
		Notes:       d.notes,
		Format:      d.format,
	}
	// The user's URL actions become buttons ("Open in CRM").
	for _, a := range d.o.Config.Actions {
		if a.Open == "" {
			continue
		}
		a := a
		name := a.Name
		if name == "" {
			name = i18n.T("ui.action.open")
		}
		h.Actions = append(h.Actions, popup.Action{Name: name, Run: func(c calls.Call) error {
			u, err := actions.ExpandURL(a.Open, app.VarsOf(calls.Change{Call: &c}))
			if err != nil {
				return err
			}
			return open.URL(d.ctx, u)
		}})
	}
	return h
}

func (d *Desk) hangup(ctx context.Context) error {
	drv, err := d.service().Driver()
	if err != nil {
		return err
	}
	return drv.Hangup(ctx)
}

// openContact opens the contact where it is kept.
func (d *Desk) openContact(c calls.Call) error {
	if c.Contact == nil || c.Contact.OpenURI == "" {
		// The journal does not keep where a contact lives: ask the book.
		if d.o.Book != nil && c.Remote != "" {
			if r := d.o.Book.Lookup(d.ctx, c.Remote); r.Contact != nil && r.Contact.OpenURI != "" {
				return open.URL(d.ctx, r.Contact.OpenURI)
			}
		}
		return errNoContact
	}
	return open.URL(d.ctx, c.Contact.OpenURI)
}

// notes are the user's notes from earlier calls with the same number.
func (d *Desk) notes(c calls.Call) []string {
	if d.o.Journal == nil || c.Remote == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(d.ctx, 2*time.Second)
	defer cancel()
	q := c.RemoteE164
	if q == "" {
		q = c.Remote
	}
	cs, err := d.o.Journal.List(ctx, journal.Query{Text: strings.TrimPrefix(q, "+"), Limit: 50})
	if err != nil {
		return nil
	}
	var out []string
	for _, old := range cs {
		if old.ID != c.ID && strings.TrimSpace(old.Note) != "" {
			out = append(out, old.Start.Local().Format("02.01.2006")+": "+old.Note)
		}
	}
	return out
}

// dialHandlers wire the dial box to the address books, journal and phone.
func (d *Desk) dialHandlers() dialbox.Handlers {
	return dialbox.Handlers{
		Search: func(ctx context.Context, query string, limit int) []contacts.Contact {
			if d.o.Book == nil {
				return nil
			}
			return d.o.Book.Search(ctx, query, limit)
		},
		Recent: d.recent,
		Dial: func(ctx context.Context, text string) error {
			_, err := d.service().Dial(ctx, text)
			return err
		},
		Transfer: func(ctx context.Context, number string, attended bool) error {
			_, err := d.service().Transfer(ctx, number, attended)
			return err
		},
	}
}

// recent are the last distinct numbers of the journal.
func (d *Desk) recent() []string {
	if d.o.Journal == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(d.ctx, 2*time.Second)
	defer cancel()
	cs, err := d.o.Journal.List(ctx, journal.Query{Limit: 50})
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if c.Remote != "" && !seen[c.Remote] && len(out) < 10 {
			seen[c.Remote] = true
			out = append(out, c.Remote)
		}
	}
	return out
}

// journalHandlers wire the journal window.
func (d *Desk) journalHandlers() journalwin.Handlers {
	j := d.o.Journal
	return journalwin.Handlers{
		List: func(ctx context.Context, q journal.Query) ([]calls.Call, error) {
			if j == nil {
				return nil, nil
			}
			return j.List(ctx, q)
		},
		SetNote: func(ctx context.Context, id int64, note string) error { return j.SetNote(ctx, id, note) },
		Delete:  func(ctx context.Context, ids ...int64) error { return j.Delete(ctx, ids...) },
		CallBack: func(ctx context.Context, c calls.Call) error {
			_, err := d.service().Dial(ctx, c.Remote)
			return err
		},
		OpenContact: d.openContact,
		Copy:        func(text string) { d.a.Clipboard().SetContent(text) },
		ExportCSV: func(ctx context.Context, w io.Writer, cs []calls.Call) error {
			sep := ','
			if i18n.Current() == i18n.German {
				sep = ';'
			}
			return journal.WriteCSVSep(w, cs, time.Local, sep)
		},
		Format: func(c calls.Call, withCC bool) string {
			n, err := number.Parse(c.Remote, d.home())
			if err != nil {
				return c.Remote
			}
			if withCC {
				return n.Display(number.Home{}) // international
			}
			return n.Display(d.home())
		},
	}
}

func (d *Desk) settingsHandlers() settings.Handlers {
	h := settings.Handlers{
		Save:        d.saveSettings,
		SetPassword: secrets.Set,
		HasPassword: func(account string) bool { _, err := secrets.Get(account, ""); return err == nil },
		Fingerprint: func(ctx context.Context, u string) (string, error) {
			return httpx.FetchFingerprint(ctx, u, 3*time.Second)
		},
		SourceStatus: d.sourceStatus,
		LocalAddrs:   localAddrs,
		Test:         d.showTest,
	}
	// Start at login and the link handlers name this program: only when
	// it knows its own path.
	if o, err := app.DesktopOptions(); err == nil {
		h.Autostart = func(on bool) error {
			if on {
				return desktopintegration.EnableAutostart(o)
			}
			return desktopintegration.DisableAutostart(o)
		}
		h.AutostartOn = func() bool { on, _ := desktopintegration.AutostartEnabled(o); return on }
		h.LinkHandlers = func(on bool) error {
			if on {
				return desktopintegration.RegisterHandlers(o)
			}
			return desktopintegration.UnregisterHandlers(o)
		}
		h.LinkHandlersOn = func() bool { on, _ := desktopintegration.HandlersRegistered(o); return on }
	}
	return h
}

// showSettings opens the settings window (one at a time).
func (d *Desk) showSettings() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.settings == nil {
		d.settings = settings.New(d.a, d.service().Config(), d.settingsHandlers())
		// A closed settings window is gone; the next Settings makes a
		// new one from the saved settings.
		d.settings.SetOnClosed(func() {
			d.mu.Lock()
			d.settings = nil
			d.mu.Unlock()
		})
	}
	d.settings.Show()
}

// showWizard walks a new user through phone, test and contacts.
func (d *Desk) showWizard() {
	z := settings.NewWizard(d.a, d.service().Config(), d.settingsHandlers())
	z.Show()
}

// saveSettings checks and writes the settings and switches to them.
func (d *Desk) saveSettings(cfg config.Config) error {
	svc, err := app.New(cfg, nil)
	if err != nil {
		return err
	}
	if d.o.CfgPath != "" {
		if err := config.Save(d.o.CfgPath, cfg); err != nil {
			return err
		}
	}
	// The phone, its address and the dial rules apply at once (the Test
	// that follows a first set-up tests what was just entered); the
	// receiver's port and lists at the next start.
	d.svcMu.Lock()
	d.svc = svc
	d.svcMu.Unlock()
	d.live.SetService(svc)
	if l, ok := i18n.Parse(cfg.UI.Language); ok {
		i18n.Set(l)
	}
	d.refreshPanel()
	go d.probe()
	return nil
}

func (d *Desk) sourceStatus() []contacts.Status {
	if d.o.Book == nil {
		return nil
	}
	return d.o.Book.Status()
}

// localAddrs lists this PC's addresses for the receiver's host choice.
func localAddrs() []netip.Addr {
	var out []netip.Addr
	ifs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	for _, a := range ifs {
		if p, err := netip.ParsePrefix(a.String()); err == nil && !p.Addr().IsLinkLocalUnicast() {
			out = append(out, p.Addr())
		}
	}
	return out
}

// showTest opens the Test dialog and runs it.
func (d *Desk) showTest() {
	d.mu.Lock()
	defer d.mu.Unlock()
	// A dialog per run: closing one cancels its checks and ends it.
	d.test = testdialog.New(d.a, testdialog.Handlers{
		Test: func(ctx context.Context, progress func(app.Step)) []app.Step { return d.service().Test(ctx, progress) },
		Reach: func(ctx context.Context, progress func(app.Step)) []app.Step {
			return d.service().TestReach(ctx, d.live, progress)
		},
		ConfigureEvents: d.live.ConfigureEvents,
		OpenFirewall: func(ctx context.Context) error {
			_, err := d.service().OpenFirewall(ctx, int(d.live.Receiver().Addr().Port()))
			return err
		},
		OpenTestPage: func() error {
			base, err := d.live.BaseURL()
			if err != nil {
				return err
			}
			return open.URL(d.ctx, base+"/")
		},
		Copy: func(text string) { d.a.Clipboard().SetContent(text) },
	})
	d.test.Run()
}

// addContact asks for name and company of an unknown caller and puts them
// into the user's own address book, which is read like any vCard file.
func (d *Desk) addContact(c calls.Call) {
	path, err := app.OwnContactsPath()
	if err != nil {
		d.notifyError(err)
		return
	}
	stored := c.RemoteE164
	if stored == "" {
		stored = strings.TrimPrefix(number.Digits(number.StripURI(c.Remote)), "")
	}
	shown, _ := d.format(c)
	name, company := widget.NewEntry(), widget.NewEntry()
	name.SetText(strings.TrimSpace(c.Display))
	w := d.a.NewWindow(i18n.T("ui.add.title"))
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("ui.add.name"), name),
		widget.NewFormItem(i18n.T("ui.add.company"), company),
		widget.NewFormItem(i18n.T("ui.add.number"), widget.NewLabel(shown)),
	}
	form := dialog.NewForm(i18n.T("ui.add.title"), i18n.T("ui.add.save"), i18n.T("ui.add.cancel"), items, func(ok bool) {
		if !ok {
			w.Close()
			return
		}
		n, co := name.Text, company.Text
		go func() {
			err := app.AppendContact(path, n, co, stored, contacts.Work)
			if err == nil && d.o.Book != nil {
				d.o.Book.AddSource(vcard.New(path))
				err = d.o.Book.Reload(d.ctx)
			}
			mainloop.Do(func() {
				if err != nil {
					ex := app.Explain(err)
					dialog.ShowError(errors.New(ex.Problem), w)
					return
				}
				d.a.SendNotification(fyne.NewNotification(i18n.T("ui.add.done"), strings.TrimSpace(n+" "+co)))
				w.Close()
			})
		}()
	}, w)
	w.Resize(fyne.NewSize(420, 240))
	w.Show()
	form.Resize(fyne.NewSize(400, 220))
	form.Show()
}
