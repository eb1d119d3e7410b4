package phone

import (
	"errors"
	"fmt"
	"strings"
)

// CheckNumber refuses what no phone can dial: nothing, or control
// characters that would end up in the request line.
func CheckNumber(vendor Vendor, op, number string) error {
	switch {
	case strings.TrimSpace(number) == "":
		return &Error{Kind: KindOther, Vendor: vendor, Op: op, Err: errors.New("no number to dial")}
	case strings.ContainsFunc(number, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return &Error{Kind: KindOther, Vendor: vendor, Op: op, Err: fmt.Errorf("number %q contains control characters", number)}
	}
	return nil
}

// DialPadKeys spells number as dial-pad key names for a transfer target,
// with star and pound as this phone family names * and # (already
// query-escaped where they need it). Only 0-9, * and # can be typed.
func DialPadKeys(vendor Vendor, op, number, star, pound string) ([]string, error) {
	if number == "" {
		return nil, &Error{Kind: KindOther, Vendor: vendor, Op: op, Err: errors.New("no transfer target")}
	}
	keys := make([]string, 0, len(number))
	for _, r := range number {
		switch {
		case r >= '0' && r <= '9':
			keys = append(keys, string(r))
		case r == '*':
			keys = append(keys, star)
		case r == '#':
			keys = append(keys, pound)
		default:
			return nil, &Error{Kind: KindOther, Vendor: vendor, Op: op,
				Err: fmt.Errorf("transfer target %q: only 0-9, * and # can be typed on the phone", number)}
		}
	}
	return keys, nil
}
