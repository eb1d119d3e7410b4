package snom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"deskcti/phone"
	"deskcti/phone/httpx"
)

var _ phone.Driver = (*Driver)(nil)

// Driver controls one snom phone. It is safe for concurrent use.
type Driver struct {
	c *httpx.Client
	o Options

	mu        sync.Mutex
	fwMajor   int  // firmware major version, valid when fwKnown
	fwKnown   bool // learnt from settings.xml
	d8xx      bool // the phone turned out to be a D8xx
	d8xxModel string
	dnd       bool // DND as last set or observed, valid when dndKnown
	dndKnown  bool

	consult phone.Consultation // a pending attended transfer
}

// New makes a driver for the phone at ho.BaseURL. ho.Vendor is set to
// phone.Snom. At most one Options may be given; without, the defaults
// apply.
func New(ho httpx.Options, opts ...Options) (*Driver, error) {
	if len(opts) > 1 {
		return nil, errors.New("snom.New: at most one Options")
	}
	var o Options
	if len(opts) == 1 {
		o = opts[0]
	}
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	ho.Vendor = phone.Snom
	c, err := httpx.New(ho)
	if err != nil {
		return nil, fmt.Errorf("snom: %w", err)
	}
	return &Driver{c: c, o: o}, nil
}

// Dial places a call: GET /command.htm?number=N[&outgoing_uri=U].
func (d *Driver) Dial(ctx context.Context, number string) error {
	const op = "dial"
	if err := checkNumber(op, number); err != nil {
		return err
	}
	q := "number=" + httpx.QueryEscape(number)
	if d.o.OutgoingURI != "" {
		q += "&outgoing_uri=" + httpx.QueryEscape(d.o.OutgoingURI)
	}
	if err := d.command(ctx, op, q); err != nil {
		return err
	}
	d.consult.Clear() // a new call supersedes any consultation
	return nil
}

// Hangup ends the current call or rejects a ringing one (HangupKey,
// default CANCEL; a call rejected this way fires no Action URL). It also
// forgets a pending attended transfer.
func (d *Driver) Hangup(ctx context.Context) error {
	if err := d.keys(ctx, "hangup", d.o.HangupKey); err != nil {
		return err
	}
	d.consult.Clear()
	return nil
}

// Answer takes the ringing call (AnswerKey, default ENTER).
func (d *Driver) Answer(ctx context.Context) error {
	return d.keys(ctx, "answer", d.o.AnswerKey)
}

// Hold toggles hold on the current call with F_HOLD, or F_R on firmware
// before 8.
func (d *Driver) Hold(ctx context.Context) error {
	const op = "hold"
	key, err := d.holdKey(ctx, op)
	if err != nil {
		return err
	}
	return d.keys(ctx, op, key)
}

// Transfer passes the current call to number. Blind: one request
// TRANSFER;digits;ENTER. Attended: holds the call and dials number
// (F_HOLD;digits;ENTER); the transfer completes with CompleteTransfer, or
// with a second attended Transfer to the same number, once the target has
// answered. See the package documentation.
func (d *Driver) Transfer(ctx context.Context, number string, attended bool) error {
	const op = "transfer"
	digits, err := digitKeys(op, number)
	if err != nil {
		return err
	}
	if !attended {
		return d.keys(ctx, op, "TRANSFER;"+digits+";ENTER")
	}
	if complete, err := d.consult.Attend(phone.Snom, number); err != nil || complete {
		if err != nil {
			return err
		}
		return d.CompleteTransfer(ctx)
	}
	hold, err := d.holdKey(ctx, op)
	if err != nil {
		return err
	}
	if err := d.keys(ctx, op, hold+";"+digits+";ENTER"); err != nil {
		return err
	}
	d.consult.Set(number)
	return nil
}

// CompleteTransfer finishes an attended transfer started with Transfer(ctx,
// n, true): it presses TRANSFER, which joins the held call with the
// consultation call (unconfirmed, see shared/phones.md). It presses the
// key even when the driver knows of no pending consultation, because one
// may have been set up at the phone itself.
func (d *Driver) CompleteTransfer(ctx context.Context) error {
	if err := d.keys(ctx, "transfer", "TRANSFER"); err != nil {
		return err
	}
	d.consult.Clear()
	return nil
}

// PendingTransfer is the target of an attended transfer waiting for
// CompleteTransfer, "" when none.
func (d *Driver) PendingTransfer() string {
	return d.consult.Pending()
}

// SetDND switches do-not-disturb on or off. snom only has a toggle key, so
// the driver first reads the state (dnd_mode in settings.xml) and presses
// DND only when it differs; see the package documentation for phones that
// do not report it.
func (d *Driver) SetDND(ctx context.Context, on bool) error {
	const op = "dnd"
	if err := d.refuseD8xx(op); err != nil {
		return err
	}
	s, err := d.settings(ctx, op)
	switch phone.KindOf(err) {
	case phone.KindBadResponse, phone.KindForbidden:
		// settings.xml unreadable: decide from what the driver knows.
	default:
		if err != nil {
			return err
		}
	}
	cur, known := s.dnd()
	if !known {
		d.mu.Lock()
		cur, known = d.dnd, d.dndKnown
		d.mu.Unlock()
	}
	if !known || cur != on {
		if err := d.keys(ctx, op, "DND"); err != nil {
			return err
		}
	}
	d.ObserveDND(on)
	return nil
}

// ObserveDND tells the driver the phone's DND state, as the phone's
// dnd_on/dnd_off Action URLs report it, for phones whose settings.xml does
// not show dnd_mode.
func (d *Driver) ObserveDND(on bool) {
	d.mu.Lock()
	d.dnd, d.dndKnown = on, true
	d.mu.Unlock()
}

// keys presses a chain of keys: GET /command.htm?key=K1;K2...
func (d *Driver) keys(ctx context.Context, op, chain string) error {
	return d.command(ctx, op, "key="+chain)
}

// command sends one command.htm request.
func (d *Driver) command(ctx context.Context, op, rawQuery string) error {
	if err := d.refuseD8xx(op); err != nil {
		return err
	}
	_, err := d.get(ctx, op, "/command.htm", rawQuery)
	return err
}

// get sends one GET to a page only the classic models have. A 404 is
// looked into: a D8xx has none of them. Any error is a *phone.Error that
// names snom and op.
func (d *Driver) get(ctx context.Context, op, path, rawQuery string) (*httpx.Response, error) {
	resp, err := d.c.Get(ctx, op, path, rawQuery)
	if err != nil {
		if resp != nil && resp.Status == http.StatusNotFound {
			return nil, d.explain404(ctx, op, err)
		}
		return nil, err
	}
	return resp, nil
}

// holdKey is the hold key for this phone's firmware.
func (d *Driver) holdKey(ctx context.Context, op string) (string, error) {
	if d.o.HoldKey != "" {
		return d.o.HoldKey, nil
	}
	major, known, err := d.firmware(ctx, op)
	if err != nil {
		return "", err
	}
	if known && major < 8 {
		return "F_R", nil
	}
	return "F_HOLD", nil
}

func checkNumber(op, number string) error { return phone.CheckNumber(phone.Snom, op, number) }

// digitKeys types a number as dial-pad keys, "1;2;%2A;%23", for transfers.
func digitKeys(op, number string) (string, error) {
	keys, err := phone.DialPadKeys(phone.Snom, op, number, "%2A", "%23")
	return strings.Join(keys, ";"), err
}
