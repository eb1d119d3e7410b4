package phone

import (
	"errors"
	"fmt"
)

// Kind classifies what went wrong talking to a phone, so that the user
// interface can say what to do about it (see app's explanations).
type Kind int

// The kinds of phone error. Keep app/explain.go in step when adding one.
const (
	// KindOther is anything not classified below.
	KindOther Kind = iota
	// KindUnreachable: no TCP connection (wrong address, phone off, routing, firewall).
	KindUnreachable
	// KindTimeout: the phone accepted the connection but did not answer in time.
	KindTimeout
	// KindAuth: the phone answered 401, the user name or password is wrong.
	KindAuth
	// KindForbidden: the phone answered 403. For Yealink this is ambiguous:
	// wrong credentials, this PC not in features.action_uri_limit_ip, Action
	// URI disabled, or the "Allow remote control?" prompt not yet accepted on
	// the phone; the explanation names every cause.
	KindForbidden
	// KindUnsupportedModel: the phone has no HTTP remote control (snom D8xx).
	KindUnsupportedModel
	// KindFingerprintChanged: the phone's TLS certificate is not the pinned one.
	KindFingerprintChanged
	// KindUntrustedCertificate: HTTPS to a phone whose certificate has not
	// been accepted yet (no pin, insecure switch off).
	KindUntrustedCertificate
	// KindBadResponse: the phone answered something deskcti did not expect.
	KindBadResponse
	// KindNotImplemented: the operation is not available for this phone family yet.
	KindNotImplemented
)

var kindNames = map[Kind]string{
	KindOther:                "other",
	KindUnreachable:          "unreachable",
	KindTimeout:              "timeout",
	KindAuth:                 "auth",
	KindForbidden:            "forbidden",
	KindUnsupportedModel:     "unsupported-model",
	KindFingerprintChanged:   "fingerprint-changed",
	KindUntrustedCertificate: "untrusted-certificate",
	KindBadResponse:          "bad-response",
	KindNotImplemented:       "not-implemented",
}

// String is the stable machine name of the kind, also used as the key of
// its translated explanation.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is a failed operation on a phone.
type Error struct {
	Kind   Kind
	Vendor Vendor
	Op     string // "dial", "probe", ...
	// Status is the HTTP status the phone answered, 0 when there was none.
	Status int
	// Fingerprint carries the certificate fingerprint the phone presented,
	// for KindFingerprintChanged and KindUntrustedCertificate.
	Fingerprint string
	Err         error
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s %s: %s", e.Vendor, e.Op, e.Kind)
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the Kind of the first *Error in err's chain, or KindOther.
func KindOf(err error) Kind {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Kind
	}
	return KindOther
}

// IsKind reports whether err carries a phone error of kind k.
func IsKind(err error, k Kind) bool {
	var pe *Error
	return errors.As(err, &pe) && pe.Kind == k
}
