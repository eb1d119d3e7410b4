package number

import (
	"errors"
	"fmt"
)

// ErrNoNumber means the text holds no number at all: it is empty, a word
// phone systems use for withheld numbers ("anonymous", "unbekannt"), or has
// no digits.
var ErrNoNumber = errors.New("no phone number")

// ErrShortNumber means the digits are not a public number but one that only
// works where it is dialled: an internal extension (Nebenstelle), an
// emergency number (110, 112) or a short service number (116117, 11833).
// It has no E.164 form; callers compare such numbers digit by digit.
var ErrShortNumber = errors.New("short number (extension, emergency or service number)")

// ErrNoAreaCode means the number is local (no trunk prefix, no country code)
// but Home has no area code (Vorwahl) to complete it with.
var ErrNoAreaCode = errors.New("local number, but no home area code to complete it")

// ErrImpossible means the digits cannot be a phone number of the country
// they belong to: too short, too long or an unknown country code.
var ErrImpossible = errors.New("not a possible phone number")

// ParseError is a number that has digits but no E.164 form. The digits are
// kept so that callers can still compare them; Err is one of ErrShortNumber,
// ErrNoAreaCode or ErrImpossible (wrapping what phonenumbers said, if it
// said anything).
type ParseError struct {
	Raw    string // the text given to Parse
	Digits string // Digits of the number part, e.g. "+99912" or "4711"
	Err    error
}

// Error says which text failed and why.
func (e *ParseError) Error() string { return fmt.Sprintf("phone number %q: %v", e.Raw, e.Err) }

// Unwrap lets errors.Is see ErrShortNumber, ErrNoAreaCode or ErrImpossible.
func (e *ParseError) Unwrap() error { return e.Err }
