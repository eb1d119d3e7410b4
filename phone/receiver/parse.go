package receiver

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"deskcti/phone"
)

// Parse turns the parameters of one Action URL request into an Event. kind
// is the last path segment (/event/<kind>); only an unknown kind is an
// error. Everything else is taken as leniently as a phone may send it:
//
//   - the first of duplicated parameters wins;
//   - a value still holding an unexpanded variable ("$remote", "$call-id",
//     anything starting with '$' and a letter or '_') becomes "", because
//     phones leave variables that do not apply to an event as they are;
//   - bytes that are not UTF-8 are read as Windows-1252 (a phone sending
//     "M%FCller" in Latin-1), control characters become spaces, and
//     surrounding space is trimmed; inner spaces and umlauts are kept;
//   - SIP and tel URIs and "anonymous" stay in Remote as sent: numbers are
//     parsed later (contacts/number), where the own country is known;
//   - v names the vendor; an unknown vendor leaves Vendor empty and keeps
//     the text in Extra["v"];
//   - parameters that are not part of phone.EventURL's scheme go to Extra
//     (at most MaxExtra, first value only, by name in sorted order).
//
// Every value is cut to MaxValueBytes and every extra name to MaxKeyBytes,
// so a hostile peer cannot make an Event hold more than a few KiB.
func Parse(kind string, q url.Values, peer netip.Addr, now time.Time) (phone.Event, error) {
	ps := make([]param, 0, len(q))
	for key, vals := range q {
		if len(vals) > 0 {
			ps = append(ps, param{key, vals[0]})
		}
	}
	return parseParams(kind, ps, peer, now)
}

// param is one name=value pair of a query or form body.
type param struct{ key, value string }

// parseParams is Parse for the pairs of a request in the order they came
// (the first of duplicated names wins). The handler uses it directly, so
// that an event costs no map and no sorting unless it has extras.
func parseParams(kind string, ps []param, peer netip.Addr, now time.Time) (phone.Event, error) {
	k, ok := phone.ParseEventKind(kind)
	if !ok {
		// Quoting may quadruple the bytes: quote a short prefix only, so
		// that the 400 answer and the diagnostics stay one short line.
		return phone.Event{}, fmt.Errorf("unknown event kind %q", truncate(cleanKey(kind), 32))
	}
	ev := phone.Event{Kind: k, Peer: peer, Time: now}
	var seen uint16 // fields (and v) already set by an earlier pair
	var extras []param
	for _, p := range ps {
		f, bit := field(&ev, p.key)
		if f == nil && p.key == "v" {
			bit = vBit
		}
		if bit != 0 {
			if seen&bit != 0 {
				continue
			}
			seen |= bit
		}
		v := cleanValue(p.value)
		if f != nil {
			*f = v
			continue
		}
		if p.key == "v" {
			if vendor, err := phone.ParseVendor(v); err == nil {
				ev.Vendor = vendor
				continue
			}
			if v == "" {
				continue
			}
		}
		extras = append(extras, param{p.key, v})
	}
	if len(extras) > 0 {
		addExtras(&ev, extras)
	}
	return ev, nil
}

// vBit marks the vendor parameter in parseParams' seen set.
const vBit = 1 << 8

// field is the Event field a parameter name fills, and its bit in
// parseParams' seen set; nil for other names.
func field(ev *phone.Event, key string) (*string, uint16) {
	switch key {
	case "call_id":
		return &ev.CallID, 1 << 0
	case "remote":
		return &ev.Remote, 1 << 1
	case "display":
		return &ev.Display, 1 << 2
	case "local":
		return &ev.Local, 1 << 3
	case "user":
		return &ev.User, 1 << 4
	case "caller":
		return &ev.Caller, 1 << 5
	case "called":
		return &ev.Called, 1 << 6
	case "reason":
		return &ev.Reason, 1 << 7
	}
	return nil, 0
}

// addExtras keeps the parameters that are not part of the scheme (values
// already clean): the first value of each name, by name in sorted order,
// at most MaxExtra.
func addExtras(ev *phone.Event, extras []param) {
	slices.SortStableFunc(extras, func(a, b param) int { return strings.Compare(a.key, b.key) })
	var none phone.Event
	for i, p := range extras {
		if i > 0 && extras[i-1].key == p.key {
			continue // a later value of the same name
		}
		// A name that only becomes a known one by cleaning (" call_id")
		// is junk, not a second value for the field.
		k := cleanKey(p.key)
		if f, _ := field(&none, k); k == "" || f != nil || k == "v" && p.key != "v" || ev.Extra.Has(k) || len(ev.Extra) >= MaxExtra {
			continue
		}
		if ev.Extra == nil {
			ev.Extra = url.Values{}
		}
		ev.Extra[k] = []string{p.value}
	}
}

// cleanValue applies Parse's rules to one value.
func cleanValue(s string) string {
	// Work on a bounded prefix: every input byte yields at least one
	// output byte, and the result is cut to MaxValueBytes anyway.
	s = strings.TrimSpace(s)
	if len(s) > 4*MaxValueBytes {
		s = s[:4*MaxValueBytes]
	}
	s = strings.TrimSpace(toValidText(s))
	if unexpanded(s) {
		return ""
	}
	return strings.TrimSpace(truncate(s, MaxValueBytes))
}

// cleanKey is cleanValue for parameter names and error texts, which keep a
// '$' and are shorter.
func cleanKey(s string) string {
	if len(s) > 4*MaxKeyBytes {
		s = s[:4*MaxKeyBytes]
	}
	return strings.TrimSpace(truncate(strings.TrimSpace(toValidText(s)), MaxKeyBytes))
}

// toValidText returns s as valid UTF-8 without control characters: a byte
// that does not start a valid UTF-8 sequence is read as Windows-1252 (a
// superset of Latin-1's printable characters, what older firmware sends),
// and control characters become spaces so that logs and pop-ups show one
// line. Text that is already clean is returned as is.
func toValidText(s string) string {
	clean := utf8.ValidString(s)
	for i := 0; clean && i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f || s[i] == 0xc2 { // 0xc2 starts C1 controls
			clean = false
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			r = charmap.Windows1252.DecodeByte(s[i])
			size = 1
		}
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// unexpanded reports whether a value is (or starts with) a $variable the
// phone did not replace: '$' followed by a letter or '_'. A lone "$" or an
// amount like "$5" is text.
func unexpanded(s string) bool {
	if len(s) < 2 || s[0] != '$' {
		return false
	}
	c := s[1]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// maxParams bounds how many name=value pairs of one request are decoded;
// the rest are ignored. Parse keeps at most MaxExtra extras anyway.
const maxParams = 256

// decodeParams appends the parameters of a raw query or form body to into,
// in order, so that the first of duplicated parameters stays first. It is
// more lenient than url.ParseQuery, which drops a pair with a bad escape
// and treats ';' as an error: a phone that does not escape a '%' or ';' in
// a display name must not lose the call event. A '+' is a space, a valid
// %XX escape is its byte, anything else is kept literally.
func decodeParams(raw string, into []param) []param {
	n := 0
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		if n++; n > maxParams {
			break
		}
		key, value, _ := strings.Cut(pair, "=")
		into = append(into, param{unescape(key), unescape(value)})
	}
	return into
}

// unescape decodes '+' and valid %XX escapes and keeps everything else.
func unescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	var b strings.Builder // one allocation: String does not copy
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
