package phonesim

import (
	"fmt"
	"net/url"
	"strings"
)

// param is one name[=value] pair of a raw query, in the order received.
type param struct {
	Name     string
	Value    string
	HasValue bool // "RELEASE_ALL_CALLS" has none, "key=" has an empty one
}

// parseRawQuery splits a query on '&' only. net/url cannot be used: since Go
// 1.17 it refuses ';', which snom key chains and Yealink ones use. Empty
// pieces ("a&&b", a trailing '&') are skipped; callers that care about them
// look at the raw string.
//
// With plusIsSpace false a '+' stays a '+' (remote-control values: a dial
// string "+49..." sent unencoded must not become a space; whether real
// phones do the same is unconfirmed). With plusIsSpace true the value is
// decoded as an HTML form would send it (settings saves).
func parseRawQuery(raw string, plusIsSpace bool) ([]param, error) {
	var out []param
	for piece := range strings.SplitSeq(raw, "&") {
		if piece == "" {
			continue
		}
		name, value, has := strings.Cut(piece, "=")
		n, err := unescape(name, plusIsSpace)
		if err != nil {
			return nil, fmt.Errorf("query name %q: %w", name, err)
		}
		v, err := unescape(value, plusIsSpace)
		if err != nil {
			return nil, fmt.Errorf("query value of %q: %w", n, err)
		}
		out = append(out, param{Name: n, Value: v, HasValue: has})
	}
	return out, nil
}

func unescape(s string, plusIsSpace bool) (string, error) {
	if plusIsSpace {
		return url.QueryUnescape(s)
	}
	return url.PathUnescape(s)
}

// lookup returns the first value of name.
func lookup(ps []param, name string) (string, bool) {
	for _, p := range ps {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}
