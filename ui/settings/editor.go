package settings

import (
	"errors"

	"fyne.io/fyne/v2"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/app/secrets"
)

// editor is what the window and the wizard share: the sections that edit a
// copy of the config, and saving it with its side effects.
type editor struct {
	h    Handlers
	orig config.Config // as last saved; fields nobody shows are kept from it
	bg   background
	win  fyne.Window

	phone    *phoneTab
	contacts *contactsTab
	general  *generalTab // nil in the wizard
	sections []section
}

// collect applies every section onto a copy of the saved config and lists
// every problem at once. Only when the fields are fine does app.Validate
// get the last word, so that nothing is reported twice.
func (e *editor) collect() (config.Config, []problem) {
	cfg := e.orig
	var probs []problem
	for _, s := range e.sections {
		for _, err := range s.apply(&cfg) {
			probs = append(probs, problem{s, err})
		}
	}
	if len(probs) == 0 {
		for _, err := range flatten(app.Validate(cfg)) {
			probs = append(probs, problem{nil, err})
		}
	}
	return cfg, probs
}

// changes are what saving does, read from the fields on the Fyne goroutine
// before the slow part runs off it.
type changes struct {
	cfg                         config.Config
	phoneAccount, phonePassword string
	sources                     []sourcePassword
	autostart, setAutostart     bool
	links, setLinks             bool
}

func (e *editor) changes(cfg config.Config) changes {
	c := changes{cfg: cfg}
	c.phoneAccount, c.phonePassword, _ = e.phone.pendingPassword()
	if e.contacts != nil {
		c.sources = e.contacts.pendingPasswords()
	}
	if e.general != nil {
		c.autostart, c.setAutostart = e.general.autostartChange()
		c.links, c.setLinks = e.general.linksChange()
	}
	return c
}

// errNoKeyring stands in for SetPassword when the glue has none.
var errNoKeyring = &secrets.UnavailableError{Err: errors.New("no keyring connected")}

// commit stores the passwords, switches autostart and saves, in that
// order, and stops at the first failure so that the settings file never
// names a password the keyring did not take. It runs off the Fyne
// goroutine; a failure comes back as a func that shows it on it.
func (e *editor) commit(c changes) (failed func() problem) {
	set := e.h.SetPassword
	if set == nil {
		set = func(string, string) error { return errNoKeyring }
	}
	if c.phonePassword != "" {
		if err := set(c.phoneAccount, c.phonePassword); err != nil {
			return func() problem { return problem{e.phone, e.phone.passwordFailed(err)} }
		}
	}
	for _, p := range c.sources {
		if err := set(secrets.SourceAccount(p.url), p.password); err != nil {
			return func() problem { return problem{e.contacts, e.contacts.passwordFailed(p, err)} }
		}
	}
	if c.setAutostart {
		if err := e.h.Autostart(c.autostart); err != nil {
			return func() problem { return problem{e.general, e.general.autostartFailed(err)} }
		}
	}
	if c.setLinks {
		if err := e.h.LinkHandlers(c.links); err != nil {
			return func() problem { return problem{e.general, e.general.linksFailed(err)} }
		}
	}
	if e.h.Save != nil {
		if err := e.h.Save(c.cfg); err != nil {
			return func() problem { return problem{nil, errors.New(explain(err))} }
		}
	}
	return nil
}

// committed notes a successful save in the fields.
func (e *editor) committed(c changes) {
	e.orig = c.cfg
	if c.phonePassword != "" {
		e.phone.passwordStored()
	}
	if e.contacts != nil {
		e.contacts.passwordsStored()
	}
	if e.general != nil {
		e.general.autostartDone()
	}
}

// save runs the side effects of saving cfg off the Fyne goroutine and
// then calls done on it with what failed (nothing on success).
func (e *editor) save(cfg config.Config, done func([]problem)) {
	c := e.changes(cfg)
	e.bg.run(func() func() {
		failed := e.commit(c)
		return func() {
			if failed != nil {
				done([]problem{failed()})
				return
			}
			e.committed(c)
			done(nil)
		}
	})
}
