package phonesim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Key is one key press of a chained key request: snom's KEY[,holdMs[,pauseMs]]
// or a Yealink key such as "F_HOLD", "ASW:3" or "AlwaysFwdOn=0221".
type Key struct {
	Name string
	// HoldMs is how long the key is held, PauseMs the pause after it; 0 when
	// not given (snom only).
	HoldMs, PauseMs int
}

// maxKeyMs bounds hold and pause times; a phone would not wait longer than
// ten minutes for one key, and the bound keeps the numbers in an int.
const maxKeyMs = 600000

var errEmptyChain = errors.New("no key in chain")

// ParseKeyChain parses the value of a key= parameter, already
// percent-decoded: keys separated by ';', each optionally followed by
// ",holdMs" and ",pauseMs". Empty elements (";;", a trailing ';') are
// skipped. Key names may hold letters, digits and _ * # = : @ . + -, which
// covers snom's names, Yealink's and their arguments; anything else, a
// third comma or a bad number is an error, and the phone then ignores the
// whole request.
func ParseKeyChain(s string) ([]Key, error) {
	var keys []Key
	for elem := range strings.SplitSeq(s, ";") {
		if elem == "" {
			continue
		}
		k, err := parseKey(elem)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errEmptyChain
	}
	return keys, nil
}

func parseKey(elem string) (Key, error) {
	parts := strings.Split(elem, ",")
	if len(parts) > 3 {
		return Key{}, fmt.Errorf("key %q: more than hold and pause", elem)
	}
	k := Key{Name: parts[0]}
	if k.Name == "" {
		return Key{}, fmt.Errorf("key %q: empty name", elem)
	}
	for _, r := range k.Name {
		if !isKeyNameRune(r) {
			return Key{}, fmt.Errorf("key %q: bad character %q", elem, r)
		}
	}
	var err error
	if len(parts) > 1 {
		if k.HoldMs, err = parseMs(parts[1]); err != nil {
			return Key{}, fmt.Errorf("key %q hold: %w", elem, err)
		}
	}
	if len(parts) > 2 {
		if k.PauseMs, err = parseMs(parts[2]); err != nil {
			return Key{}, fmt.Errorf("key %q pause: %w", elem, err)
		}
	}
	return k, nil
}

func isKeyNameRune(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("_*#=:@.+-", r)
}

// parseMs accepts plain decimal digits only: strconv.Atoi would also take
// "+5" and "-0", which no phone documents.
func parseMs(s string) (int, error) {
	if s == "" || len(s) > 6 {
		return 0, fmt.Errorf("bad milliseconds %q", s)
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("bad milliseconds %q", s)
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > maxKeyMs {
		return 0, fmt.Errorf("bad milliseconds %q", s)
	}
	return n, nil
}

// FormatKeyChain is the inverse of ParseKeyChain: the chain as a driver
// would put it into key= (before percent-encoding).
func FormatKeyChain(keys []Key) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(k.Name)
		switch {
		case k.PauseMs != 0:
			fmt.Fprintf(&b, ",%d,%d", k.HoldMs, k.PauseMs)
		case k.HoldMs != 0:
			fmt.Fprintf(&b, ",%d", k.HoldMs)
		}
	}
	return b.String()
}
