package dialrules

import (
	"regexp"
	"strings"

	"deskcti/contacts/number"
)

// candidate is a number found in text.
type candidate struct {
	number     string // as written, e.g. "+49 (0) 221 / 123 45-67"
	extension  string // "12" from "ext. 12"
	sipAddress string // "alice@pbx" for a SIP URI whose user is not a number
}

var (
	uriRe = regexp.MustCompile(`(?i)\b(?:tel|callto|sips?):[^\s<>"'(),]+`)
	// A run of digits with the separators people write numbers with: spaces,
	// slashes, dashes, dots, brackets ("(0)", "(0221)"), and a leading '+'.
	// A space only continues a number when a digit, bracket or separator
	// follows it ("0221 / 123 45 - 67").
	numberRe  = regexp.MustCompile(`(?:\+\s?|\(\s*)?\d(?:[\d()/.\-–]|[ \t\x{00a0}]+(?:[\d(/\-–]))*`)
	featureRe = regexp.MustCompile(`^(?:[*#][0-9*#]*[0-9][0-9*#]*|[0-9]+[*#][0-9*#]*)$`)
	extRe     = regexp.MustCompile(`(?i)^[\s,;]*(?:ext\.?|extension|x|durchwahl|dw\.?|app\.?|nst\.?)[\s:]*(\d{1,6})\b`)
	dateRe    = regexp.MustCompile(`^(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{2})$`)
	// Words that precede a phone number in signatures and web pages.
	phoneWordRe = regexp.MustCompile(`(?i)(?:tel(?:efon)?|phone|fon|mobil(?:e|telefon)?|handy|cell|zentrale|durchwahl|hotline|ruf(?:nummer)?|nummer|call|t)\.?\s*[:.]?\s*$`)
	faxWordRe   = regexp.MustCompile(`(?i)(?:fax|telefax)\.?\s*[:.]?\s*$`)
)

// Extract returns the first phone number in free text, as written there:
// "Tel.: +49 (0) 221 / 123 45-67" gives "+49 (0) 221 / 123 45-67". It
// understands tel:, callto: and sip: links, feature codes (*21#) and
// extensions; dates, times, postal codes and bank account numbers are
// passed over, and a number labelled "Fax" is taken only when there is
// no other. ErrNoNumber when nothing fits.
func Extract(text string) (string, error) {
	c, err := extract(text)
	if err != nil {
		return "", err
	}
	if c.sipAddress != "" {
		return c.sipAddress, nil
	}
	return c.number, nil
}

func extract(text string) (candidate, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return candidate{}, ErrNoNumber
	}
	if loc := uriRe.FindStringIndex(t); loc != nil {
		if c, ok := fromURI(t[loc[0]:loc[1]]); ok {
			return c, nil
		}
	}
	if featureRe.MatchString(t) {
		return candidate{number: t}, nil
	}
	var fallback, fax *candidate
	for _, loc := range numberRe.FindAllStringIndex(t, -1) {
		raw := strings.TrimRight(t[loc[0]:loc[1]], " \t\u00a0/.-–(")
		raw = balance(raw)
		digits := number.Digits(raw)
		n := len(strings.TrimPrefix(digits, "+"))
		if n == 0 || n > 17 || dateRe.MatchString(raw) || isPostalCode(raw, t[loc[1]:]) || isAfterLetters(t, loc[0]) {
			continue
		}
		c := candidate{number: raw}
		if m := extRe.FindStringSubmatch(t[loc[1]:]); m != nil {
			c.extension = m[1]
		}
		before := t[:loc[0]]
		switch {
		case faxWordRe.MatchString(before):
			if fax == nil {
				fax = &c
			}
		case n >= 3 && (strings.HasPrefix(digits, "+") || strings.HasPrefix(digits, "0") || phoneWordRe.MatchString(before)):
			return c, nil
		case fallback == nil:
			fallback = &c
		}
	}
	switch {
	case fallback != nil:
		return *fallback, nil
	case fax != nil:
		return *fax, nil
	}
	return candidate{}, ErrNoNumber
}

// fromURI reads a tel:, callto: or sip: link.
func fromURI(uri string) (candidate, bool) {
	user := number.StripURI(uri)
	var c candidate
	if i := strings.Index(strings.ToLower(user), ";ext="); i >= 0 {
		c.extension = strings.TrimSpace(user[i+5:])
		user = user[:i]
	}
	if i := strings.IndexByte(user, ';'); i >= 0 {
		user = user[:i]
	}
	if strings.Trim(user, "+0123456789*#-.() ") == "" && strings.ContainsAny(user, "0123456789") {
		c.number = strings.TrimSpace(user)
		return c, true
	}
	lower := strings.ToLower(uri)
	if strings.HasPrefix(lower, "sip:") || strings.HasPrefix(lower, "sips:") {
		// A SIP address with a name (sip:alice@pbx): the phone dials it as
		// it is.
		addr := uri[strings.IndexByte(uri, ':')+1:]
		if i := strings.IndexAny(addr, ";?"); i >= 0 {
			addr = addr[:i]
		}
		if user != "" && strings.Contains(addr, "@") {
			c.sipAddress = addr
			return c, true
		}
	}
	return c, false
}

// balance drops an opening bracket left without its closing one at the
// end, as in "Tel. (0221) 123 (Zentrale" → "(0221) 123".
func balance(s string) string {
	for strings.Count(s, "(") > strings.Count(s, ")") {
		i := strings.LastIndexByte(s, '(')
		s = strings.TrimRight(s[:i], " \t\u00a0/.-–")
	}
	return strings.TrimLeft(s, ")")
}

// isPostalCode recognises "50667 Köln": four or five bare digits followed
// by a capitalised word.
func isPostalCode(raw, after string) bool {
	if len(raw) < 4 || len(raw) > 5 || !digitsOnly.MatchString(raw) {
		return false
	}
	after = strings.TrimLeft(after, " \t\u00a0")
	return after != "" && strings.ToUpper(after[:1]) == after[:1] && strings.ToLower(after[:1]) != after[:1]
}

// isAfterLetters passes over digits glued to letters: street numbers like
// "B9", order numbers "AB-12345", IBANs "DE89 3704…".
func isAfterLetters(t string, start int) bool {
	if start == 0 {
		return false
	}
	prev := t[start-1]
	if prev == '-' && start >= 2 {
		prev = t[start-2]
	}
	return prev >= 'A' && prev <= 'Z' || prev >= 'a' && prev <= 'z'
}
