// Package phone defines what deskcti needs from a desk phone: the Driver
// interface every phone family implements, the facts a probe learns, and the
// typed errors that the user interface turns into advice.
//
// Vendor packages (phone/snom, phone/yealink) implement Driver over the
// phone's own HTTP interface; phone/phonesim emulates both families for tests
// and the demo.
package phone

import (
	"context"
	"fmt"
	"strings"
)

// Vendor names a phone family.
type Vendor string

// The phone families deskcti drives.
const (
	Snom    Vendor = "snom"
	Yealink Vendor = "yealink"
)

// Vendors lists every supported family, in the order the UI offers them.
var Vendors = []Vendor{Snom, Yealink}

// ParseVendor accepts a vendor name in any letter case.
func ParseVendor(s string) (Vendor, error) {
	v := Vendor(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Vendors {
		if v == known {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown phone vendor %q (want snom or yealink)", s)
}

// Driver controls one desk phone. Every method is safe for concurrent use and
// honours the context's deadline on top of the driver's own timeouts.
type Driver interface {
	// Dial places a call to number, which must already be in the form the
	// phone dials (see app/dialrules). A Dial is never retried once the
	// request may have reached the phone, so the user never gets two calls.
	Dial(ctx context.Context, number string) error
	// Hangup ends (or rejects) the current call.
	Hangup(ctx context.Context) error
	// Answer takes the ringing call.
	Answer(ctx context.Context) error
	// Hold toggles hold on the current call.
	Hold(ctx context.Context) error
	// Transfer passes the current call to number. Blind, it is done at
	// once; attended, it puts the call on hold and calls number for a
	// consultation, and CompleteTransfer joins the two.
	Transfer(ctx context.Context, number string, attended bool) error
	// CompleteTransfer finishes the attended transfer Transfer started.
	CompleteTransfer(ctx context.Context) error
	// SetDND switches do-not-disturb on or off.
	SetDND(ctx context.Context, on bool) error
	// Probe checks that the phone answers, that the credentials are right
	// and that remote control is allowed, and reports model and firmware.
	Probe(ctx context.Context) (Info, error)
	// ConfigureEvents points the phone's Action URLs at receiverBase. When
	// the driver cannot write them itself it returns a *ManualError with the
	// lines the user has to paste.
	ConfigureEvents(ctx context.Context, receiverBase string) error
}

// Info is what a Probe learns about a phone.
type Info struct {
	Vendor   Vendor
	Model    string // e.g. "snomD785", "SIP-T46U"
	Firmware string // as the phone reports it
	MAC      string // may be empty
	// Accounts lists the identities (user@host) the phone is registered with, where known.
	Accounts []string
	// Fingerprint is the SHA-256 fingerprint of the phone's TLS certificate
	// (hex, colon separated), empty over plain HTTP.
	Fingerprint string
}

// ManualError is returned by ConfigureEvents when the user must paste
// settings into the phone (or its provisioning file) by hand.
type ManualError struct {
	Vendor Vendor
	Reason string   // why the driver cannot write them itself
	Lines  []string // e.g. "action_url.incoming_call = http://..."
}

func (e *ManualError) Error() string {
	return fmt.Sprintf("%s: set the action URLs by hand (%s)", e.Vendor, e.Reason)
}
