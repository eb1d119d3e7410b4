package yealink

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"deskcti/phone"
	"deskcti/phone/httpx"
)

var _ phone.Driver = (*Driver)(nil)

// Driver controls one Yealink phone. It is safe for concurrent use.
type Driver struct {
	c *httpx.Client
	o Options

	mu    sync.Mutex
	model string // learnt by Probe, "" until then

	consult phone.Consultation // a pending attended transfer
}

// New makes a driver for the phone at ho.BaseURL. ho.Vendor is set to
// phone.Yealink. At most one Options may be given; without, the defaults
// apply.
func New(ho httpx.Options, opts ...Options) (*Driver, error) {
	if len(opts) > 1 {
		return nil, errors.New("yealink.New: at most one Options")
	}
	var o Options
	if len(opts) == 1 {
		o = opts[0]
	}
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	ho.Vendor = phone.Yealink
	c, err := httpx.New(ho)
	if err != nil {
		return nil, fmt.Errorf("yealink: %w", err)
	}
	return &Driver{c: c, o: o}, nil
}

// Dial places a call: GET /servlet?key=number=N[&outgoing_uri=U].
func (d *Driver) Dial(ctx context.Context, number string) error {
	const op = "dial"
	if err := checkNumber(op, number); err != nil {
		return err
	}
	q := "key=number=" + httpx.QueryEscape(number)
	if d.o.OutgoingURI != "" {
		q += "&outgoing_uri=" + httpx.QueryEscape(d.o.OutgoingURI)
	}
	if err := d.servlet(ctx, op, q); err != nil {
		return err
	}
	d.consult.Clear()
	return nil
}

// Hangup ends or rejects the current call (HangupKey, default CALLEND) and
// forgets a pending attended transfer.
func (d *Driver) Hangup(ctx context.Context) error {
	if err := d.key(ctx, "hangup", d.o.HangupKey); err != nil {
		return err
	}
	d.consult.Clear()
	return nil
}

// Answer takes the ringing call (AnswerKey, default OK).
func (d *Driver) Answer(ctx context.Context) error {
	return d.key(ctx, "answer", d.o.AnswerKey)
}

// Hold toggles hold on the current call with F_HOLD.
func (d *Driver) Hold(ctx context.Context) error {
	return d.key(ctx, "hold", "F_HOLD")
}

// Transfer passes the current call to number: F_TRANSFER, the digits, then
// F_TRANSFER again (blind) or OK to call the target first (attended; finish
// with CompleteTransfer or a second Transfer to the same number). See the
// package documentation for chaining.
func (d *Driver) Transfer(ctx context.Context, number string, attended bool) error {
	const op = "transfer"
	digits, err := d.digitKeys(op, number)
	if err != nil {
		return err
	}
	if !attended {
		return d.sequence(ctx, op, append(append([]string{"F_TRANSFER"}, digits...), "F_TRANSFER"))
	}
	if complete, err := d.consult.Attend(phone.Yealink, number); err != nil || complete {
		if err != nil {
			return err
		}
		return d.CompleteTransfer(ctx)
	}
	if err := d.sequence(ctx, op, append(append([]string{"F_TRANSFER"}, digits...), "OK")); err != nil {
		return err
	}
	d.consult.Set(number)
	return nil
}

// CompleteTransfer finishes an attended transfer by pressing F_TRANSFER,
// which joins the held call with the consultation call (unconfirmed; the
// phone's transfer.semi_attend_tran_enable changes what happens when the
// target has not answered yet).
func (d *Driver) CompleteTransfer(ctx context.Context) error {
	if err := d.key(ctx, "transfer", "F_TRANSFER"); err != nil {
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

// SetDND switches do-not-disturb with DNDOn / DNDOff.
func (d *Driver) SetDND(ctx context.Context, on bool) error {
	k := "DNDOff"
	if on {
		k = "DNDOn"
	}
	return d.key(ctx, "dnd", k)
}

// key presses one key.
func (d *Driver) key(ctx context.Context, op, k string) error {
	return d.servlet(ctx, op, "key="+k)
}

// sequence presses keys in order: one chained request where the model
// takes chains, else one request per key.
func (d *Driver) sequence(ctx context.Context, op string, keys []string) error {
	if d.chains() {
		return d.key(ctx, op, strings.Join(keys, ";"))
	}
	for i, k := range keys {
		if err := d.key(ctx, op, k); err != nil {
			if i == 0 {
				return err
			}
			return fmt.Errorf("yealink %s: key %d of %d (%s) failed, the phone may still be in transfer mode: %w",
				op, i+1, len(keys), k, err)
		}
	}
	return nil
}

// chains reports whether key sequences may go out as one request.
func (d *Driver) chains() bool {
	switch d.o.Chain {
	case ChainAlways:
		return true
	case ChainNever:
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.model != "" && !isTouch(d.model)
}

// servlet sends one Action URI request, key= first.
func (d *Driver) servlet(ctx context.Context, op, rawQuery string) error {
	_, err := d.c.Get(ctx, op, d.o.ServletPath, rawQuery)
	return explain(err)
}

// forbiddenCauses is appended to every 403, which is ambiguous on Yealink.
const forbiddenCauses = "the phone refused remote control: this PC is not in the Action URI Allow IP List " +
	"(features.action_uri_limit_ip), the \"Allow remote control?\" prompt has not been accepted on the phone, " +
	"Action URI is disabled (features.action_uri.enable), requests are locked out after failed logins, " +
	"or the user name or password is wrong"

// explain adds the causes of a 403 to the error.
func explain(err error) error {
	var pe *phone.Error
	if errors.As(err, &pe) && pe.Kind == phone.KindForbidden {
		cp := *pe
		cp.Err = fmt.Errorf("%s: %w", forbiddenCauses, pe.Err)
		return &cp
	}
	return err
}

func checkNumber(op, number string) error { return phone.CheckNumber(phone.Yealink, op, number) }

// digitKeys types a number as keypad keys.
func (d *Driver) digitKeys(op, number string) ([]string, error) {
	pound := d.o.PoundKey
	if pound == "#" {
		pound = "%23"
	}
	return phone.DialPadKeys(phone.Yealink, op, number, "%2A", pound)
}

// touchModels are the Yealink families with a touch screen, where chained
// keys do not work (Yealink documents T48G/S/U and T57W; the other touch
// families are assumed to behave alike).
var touchModels = []string{"T48", "T57", "T58", "T56", "T55", "VP59", "CP9"}

// isTouch reports whether a model has a touch screen.
func isTouch(model string) bool {
	m := strings.ToUpper(model)
	for _, t := range touchModels {
		if strings.Contains(m, t) {
			return true
		}
	}
	return false
}
