package snom

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"deskcti/phone"
)

// Probe reads /settings.xml (model, firmware, MAC, identities) and checks
// that command.htm exists with a bare GET, which presses nothing. A D8xx
// is reported as phone.KindUnsupportedModel, together with what is known
// of it. Over HTTPS the Info carries the certificate's fingerprint.
func (d *Driver) Probe(ctx context.Context) (phone.Info, error) {
	const op = "probe"
	info := phone.Info{Vendor: phone.Snom}
	s, err := d.settings(ctx, op)
	if err != nil {
		switch phone.KindOf(err) {
		case phone.KindBadResponse, phone.KindForbidden:
			// No readable settings.xml, but not a D8xx either: whether
			// remote control works is up to command.htm; the model stays
			// unknown.
			s = settings{}
		default:
			d.mu.Lock()
			info.Model = d.d8xxModel
			d.mu.Unlock()
			info.Fingerprint = d.c.PeerFingerprint()
			return info, err
		}
	}
	info.Model = s.model()
	info.Firmware = s.firmware()
	info.MAC = s["mac"]
	info.Accounts = s.identities()
	info.Fingerprint = d.c.PeerFingerprint()
	if isD8xx(info.Model) {
		return info, d.markD8xx(op, info.Model, nil)
	}
	// Remote control itself: command.htm without parameters does nothing.
	if err := d.command(ctx, op, ""); err != nil {
		return info, err
	}
	return info, nil
}

// settings fetches and parses /settings.xml, learning the firmware on the
// way. A 404 is looked into: a D8xx has no settings.xml.
func (d *Driver) settings(ctx context.Context, op string) (settings, error) {
	if err := d.refuseD8xx(op); err != nil {
		return nil, err
	}
	resp, err := d.get(ctx, op, "/settings.xml", "")
	if err != nil {
		return nil, err
	}
	s, perr := parseSettings(resp.Body)
	if perr != nil {
		return nil, &phone.Error{Kind: phone.KindBadResponse, Vendor: phone.Snom, Op: op, Status: resp.Status, Err: perr}
	}
	if major, ok := firmwareMajor(s.firmware()); ok {
		d.mu.Lock()
		d.fwMajor, d.fwKnown = major, true
		d.mu.Unlock()
	}
	if isD8xx(s.model()) {
		return nil, d.markD8xx(op, s.model(), nil)
	}
	return s, nil
}

// firmware is the cached firmware major version, read from settings.xml
// on first use. known is false when the phone does not say; a
// settings.xml the phone does not have (or cannot be parsed) means
// "assume current firmware", but authentication, network and D8xx errors
// are returned, as the command would fail the same way.
func (d *Driver) firmware(ctx context.Context, op string) (major int, known bool, err error) {
	d.mu.Lock()
	major, known = d.fwMajor, d.fwKnown
	d.mu.Unlock()
	if known {
		return major, true, nil
	}
	if _, err := d.settings(ctx, op); err != nil && phone.KindOf(err) != phone.KindBadResponse {
		return 0, false, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.fwMajor, d.fwKnown, nil
}

// explain404 looks at the start page after a 404: a D8xx's says "Phone
// Manager". Otherwise the original error stands.
func (d *Driver) explain404(ctx context.Context, op string, orig error) error {
	resp, err := d.c.Get(ctx, op, "/", "")
	if err != nil || !isPhoneManager(resp.Body) {
		return orig
	}
	return d.markD8xx(op, "", orig)
}

// markD8xx remembers that the phone is a D8xx and returns the error that
// says so.
func (d *Driver) markD8xx(op, model string, cause error) error {
	d.mu.Lock()
	d.d8xx = true
	if model != "" {
		d.d8xxModel = model
	}
	d.mu.Unlock()
	return d8xxError(op, model, cause)
}

// refuseD8xx fails at once on a phone known to be a D8xx.
func (d *Driver) refuseD8xx(op string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.d8xx {
		return nil
	}
	return d8xxError(op, d.d8xxModel, nil)
}

func d8xxError(op, model string, cause error) error {
	what := "this snom D8xx"
	if model != "" {
		what = "this " + strings.TrimPrefix(model, "snom") + " (D8xx)"
	}
	err := fmt.Errorf("%s has no command.htm remote control", what)
	status := 0
	if cause != nil {
		err = fmt.Errorf("%w: %w", err, cause)
		var pe *phone.Error
		if errors.As(cause, &pe) {
			status = pe.Status
		}
	}
	return &phone.Error{Kind: phone.KindUnsupportedModel, Vendor: phone.Snom, Op: op, Status: status, Err: err}
}
