package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"deskcti/app/config"
	"deskcti/app/dialrules"
	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/httpx"
	"deskcti/phone/snom"
	"deskcti/phone/yealink"
	"deskcti/platform/panel"
)

// PasswordFunc looks up the phone's web password; secrets.PhonePassword in
// production, a fixed value in tests.
type PasswordFunc func(user, phoneURL string) (string, error)

// Service is one configured deskcti: the settings and the phone they name.
// It is safe for concurrent use.
type Service struct {
	cfg      config.Config
	rules    dialrules.Rules
	password PasswordFunc

	mu     sync.Mutex
	driver phone.Driver
}

// New checks cfg and prepares a Service. The phone is not contacted until
// the first operation, so a Service can be built while the phone is off.
func New(cfg config.Config, password PasswordFunc) (*Service, error) {
	if password == nil {
		password = secrets.PhonePassword
	}
	rules := RulesOf(cfg.Dial)
	if err := Validate(cfg); err != nil {
		return nil, err
	}
	return &Service{cfg: cfg, rules: rules, password: password}, nil
}

// Config returns the settings the service runs with.
func (s *Service) Config() config.Config { return s.cfg }

// Rules returns the dial rules in force.
func (s *Service) Rules() dialrules.Rules { return s.rules }

// RulesOf converts the dial settings into dial rules.
func RulesOf(d config.Dial) dialrules.Rules {
	return dialrules.Rules{
		Country:                  strings.ToUpper(d.Country),
		AreaCode:                 d.AreaCode,
		OutsideLine:              d.OutsideLine,
		MaxExtension:             d.MaxExtension,
		DialLocalWithoutAreaCode: d.LocalWithoutAreaCode,
	}
}

// Validate reports every problem in cfg that would stop deskcti from
// working, joined into one error.
func Validate(cfg config.Config) error {
	var errs []error
	if _, err := phone.ParseVendor(cfg.Phone.Vendor); err != nil {
		errs = append(errs, err)
	}
	if cfg.Phone.ConnectTimeout <= 0 || cfg.Phone.Timeout <= 0 {
		errs = append(errs, errors.New("phone timeouts must be greater than zero"))
	}
	if err := RulesOf(cfg.Dial).Validate(); err != nil {
		errs = append(errs, err)
	}
	if _, ok := panel.Parse(cfg.UI.TrayIcons); !ok {
		errs = append(errs, fmt.Errorf(`[ui] tray_icons = %q: write %q (dark icons for a light panel), %q (light icons for a dark panel), or leave it out to detect the panel`,
			cfg.UI.TrayIcons, panel.Light, panel.Dark))
	}
	return errors.Join(errs...)
}

// HTTPOptions are the connection settings the phone driver is built with.
func (s *Service) HTTPOptions() (httpx.Options, error) {
	p := s.cfg.Phone
	if strings.TrimSpace(p.URL) == "" {
		return httpx.Options{}, ErrNoPhone
	}
	vendor, _ := phone.ParseVendor(p.Vendor) // checked by Validate
	pw, err := s.password(p.User, p.URL)
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return httpx.Options{}, err
	}
	return httpx.Options{
		Vendor:         vendor,
		BaseURL:        p.URL,
		User:           p.User,
		Password:       pw,
		ConnectTimeout: p.ConnectTimeout.D(),
		Timeout:        p.Timeout.D(),
		Insecure:       p.Insecure,
		Fingerprint:    p.Fingerprint,
	}, nil
}

// ErrNoPhone means no phone address is configured yet.
var ErrNoPhone = errors.New("no phone address configured")

// Driver returns the phone driver, building it on first use.
func (s *Service) Driver() (phone.Driver, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.driver != nil {
		return s.driver, nil
	}
	o, err := s.HTTPOptions()
	if err != nil {
		return nil, err
	}
	d, err := newDriver(o, s.cfg.Phone)
	if err != nil {
		return nil, err
	}
	s.driver = d
	return d, nil
}

// newDriver is the one place that knows which package drives which vendor.
func newDriver(o httpx.Options, p config.Phone) (phone.Driver, error) {
	switch o.Vendor {
	case phone.Snom:
		return snom.New(o, snom.Options{OutgoingURI: p.OutgoingURI})
	case phone.Yealink:
		return yealink.New(o, yealink.Options{OutgoingURI: p.OutgoingURI})
	}
	return nil, fmt.Errorf("no driver for phone vendor %q", o.Vendor)
}

// Dial is where every way of dialling ends: it finds the number in text,
// applies the dial rules and tells the phone to dial. It returns what was
// dialled so that callers can show it.
func (s *Service) Dial(ctx context.Context, text string) (dialrules.Dial, error) {
	d, drv, err := s.prepare(text)
	if err != nil {
		return d, err
	}
	return d, drv.Dial(ctx, d.Number)
}

// prepare applies the dial rules to text and gets the driver that will
// receive the result.
func (s *Service) prepare(text string) (dialrules.Dial, phone.Driver, error) {
	d, err := s.rules.Prepare(text)
	if err != nil {
		return d, nil, err
	}
	drv, err := s.Driver()
	return d, drv, err
}

// Transfer passes the current call to the number found in text, after the
// same dial rules as Dial.
func (s *Service) Transfer(ctx context.Context, text string, attended bool) (dialrules.Dial, error) {
	d, drv, err := s.prepare(text)
	if err != nil {
		return d, err
	}
	return d, drv.Transfer(ctx, d.Number, attended)
}
