package dialrules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"deskcti/contacts/number"
)

// candidate is a number found in text.
type candidate struct {
	number     string // as written, "+49 (0) 221 / 123 45-67"; a Durchwahl after it included
	extension  string // "12" from "ext. 12"
	sipAddress string // "alice@pbx" for a SIP URI whose user is not a number
	feature    bool   // number is a feature code such as "*21#"
}

// strength orders candidates: the first strong one wins, then the first
// weak one, then a fax number.
type strength int

const (
	none   strength = iota
	fax             // labelled Fax: dialled only when nothing else is there
	weak            // bare digits: a local number, or just as well not one
	strong          // a link, +, 00 or a leading 0, or after "Tel."
)

// minNumber is the fewest digits a number in running text needs without a
// label: German local numbers have five or more, and shorter runs of
// digits in text are house numbers, counts and years far more often than
// extensions. A text that is only "23" is still dialled.
const minNumber = 5

// maxText and maxCandidates bound the work on a huge selection; the
// number is nearly always near the start.
const (
	maxText       = 64 << 10
	maxCandidates = 1000
)

// Extract returns the first phone number in free text, as written there:
// "Tel.: +49 (0) 221 / 123 45-67" gives "+49 (0) 221 / 123 45-67", and
// "0221 4711-0, Durchwahl 23" stays whole because the Durchwahl is dialled
// with it. It understands tel:, callto: and sip: links (a SIP address with
// a name comes back as "alice@pbx"), feature codes (*21#) and bare
// extensions when the text is just that. It prefers numbers with +, 00 or
// a leading 0 or after a word like "Tel", "Telefon", "Mobil" or "Phone";
// dates, times, postal codes, amounts and digits glued to letters (IBANs,
// order numbers) are passed over, and a number labelled "Fax" is taken
// only when there is no other. An extension after the number ("ext. 12")
// is not part of the result. ErrNoNumber when nothing fits.
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
	if len(t) > maxText {
		t = t[:maxText]
	}
	if t == "" {
		return candidate{}, ErrNoNumber
	}
	if code, ok := featureCode(t); ok {
		return candidate{number: code, feature: true}, nil
	}
	masked := []byte(t)
	maskDates(t, masked)
	var best [strong + 1]*candidate
	pos := [strong + 1]int{}
	keep := func(c candidate, s strength, at int) {
		if s != none && (best[s] == nil || at < pos[s]) {
			best[s], pos[s] = &c, at
		}
	}
	for _, loc := range uriRe.FindAllStringIndex(t, -1) {
		a, b := loc[0], loc[1]
		if continues(t[b:]) {
			continue // "Tel:0221 4711 23" is a label, not a link
		}
		for i := a; i < b; i++ {
			masked[i] = '|'
		}
		if c, ok := fromURI(t[a:b]); ok {
			keep(c, strong, a)
		}
	}
	ms := string(masked)
	lo, hi := span(t)
	for _, loc := range numberRe.FindAllStringIndex(ms, maxCandidates) {
		if best[strong] != nil && loc[0] > pos[strong] {
			break // the first strong candidate wins
		}
		c, s, at := judge(t, ms, loc[0], loc[1], lo, hi)
		keep(c, s, at)
	}
	for _, s := range []strength{strong, weak, fax} {
		if best[s] != nil {
			return *best[s], nil
		}
	}
	return candidate{}, ErrNoNumber
}

// judge decides what the digits at t[a:b] are; ms is t with dates
// masked, t[lo:hi] the span of its letters and digits.
func judge(t, ms string, a, b, lo, hi int) (candidate, strength, int) {
	a, b = trimCandidate(ms, a, b)
	raw := t[a:b]
	digits := number.Digits(raw)
	n := len(strings.TrimPrefix(digits, "+"))
	if n == 0 || n > 17 || dateRe.MatchString(raw) || letterBefore(t, a) {
		return candidate{}, none, a
	}
	before, after := t[max(0, a-40):a], t[b:]
	c := candidate{number: raw}
	end := b
	if m := suffixRe.FindStringSubmatchIndex(after); m != nil {
		if m[2] >= 0 {
			c.extension = after[m[6]:m[7]]
		} else {
			end = b + m[1]
			c.number = t[a:end]
		}
	} else if r, _ := utf8.DecodeRuneInString(after); unicode.IsLetter(r) {
		return candidate{}, none, a // "3M", "12345ABC"
	}
	switch {
	case faxWordRe.MatchString(before) || faxLetterRe.MatchString(before):
		return c, fax, a
	case phoneWordRe.MatchString(before):
		return c, strong, a
	case idWordRe.MatchString(before) || isPostalCode(raw, after) ||
		amountAfterRe.MatchString(after) || amountBeforeRe.MatchString(before):
		return candidate{}, none, a
	case (strings.HasPrefix(digits, "+") || digits[0] == '0') && n >= minNumber:
		return c, strong, a
	case n >= minNumber || lo >= a && hi <= end:
		return c, weak, a
	}
	return candidate{}, none, a // a short run of digits in running text
}

// trimCandidate drops separators the number pattern took at the end, and
// an opening bracket left without its closing one: "Tel. (0221) 123
// (Zentrale" → "(0221) 123".
func trimCandidate(ms string, a, b int) (int, int) {
	const trailing = " \t\u00a0\u2009\u202f/.-\u2010\u2011\u2012\u2013\u2014\u2212(["
	for {
		b = a + len(strings.TrimRight(ms[a:b], trailing))
		s := ms[a:b]
		if strings.Count(s, "(") <= strings.Count(s, ")") {
			break
		}
		b = a + strings.LastIndexByte(s, '(')
	}
	for a < b && (ms[a] == ')' || ms[a] == ']') {
		a++
	}
	return a, b
}

// span returns where the letters and digits of t begin and end. A weak
// candidate that covers all of them is alone in the text, and then even
// "23" is meant to be dialled.
func span(t string) (lo, hi int) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	lo = strings.IndexFunc(t, isWord)
	hi = strings.LastIndexFunc(t, isWord)
	if hi >= 0 {
		_, n := utf8.DecodeRuneInString(t[hi:])
		hi += n
	}
	return lo, hi
}

// letterBefore passes over digits glued to letters: street numbers like
// "B9", order numbers "AB-12345", IBANs "DE89 3704…", "D-50667".
func letterBefore(t string, a int) bool {
	s := strings.TrimSuffix(t[:a], "-")
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// isPostalCode recognises "50667 Köln": four or five bare digits followed
// by a capitalised word.
func isPostalCode(raw, after string) bool {
	if len(raw) < 4 || len(raw) > 5 || !digitsOnly(raw) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(after, " \t\u00a0"))
	return unicode.IsUpper(r)
}

// continues reports whether a tel: or callto: match is followed by more of
// a spaced number, as in "Tel:0221 4711 23".
func continues(after string) bool {
	s := strings.TrimLeft(after, " \t\u00a0")
	return len(s) < len(after) && s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '/' || s[0] == '-')
}

// featureCode recognises a text that is only a feature code: "*21#",
// "#31#", "*21*0221123#", spaces allowed.
func featureCode(t string) (string, bool) {
	code := strings.Join(strings.Fields(t), "")
	if !strings.ContainsAny(code, "*#") || !featureRe.MatchString(code) {
		return "", false
	}
	return code, true
}

// maskDates hides dates and times from the number pattern, so that
// "22.11.2026 0221 4711" does not run together into one long number.
func maskDates(t string, masked []byte) {
	for _, loc := range dateMaskRe.FindAllStringIndex(t, -1) {
		a, b := loc[0], loc[1]
		if a > 0 && (isDigit(t[a-1]) || t[a-1] == '.' || t[a-1] == '+') || b < len(t) && isDigit(t[b]) {
			continue // inside a number written with dots
		}
		for i := a; i < b; i++ {
			masked[i] = '|'
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// fromURI reads a tel:, callto: or sip: link.
func fromURI(uri string) (candidate, bool) {
	var c candidate
	if m := extParamRe.FindStringSubmatch(uri); m != nil {
		c.extension = strings.TrimPrefix(number.Digits(m[1]), "+")
	}
	lower := strings.ToLower(uri) // for prefixes only: invalid UTF-8 changes its length
	user := number.StripURI(uri)
	if strings.Trim(user, "+0123456789*#-.() ") == "" && strings.ContainsAny(user, "0123456789") {
		if code, ok := featureCode(user); ok {
			c.number, c.feature = code, true
			return c, true
		}
		if strings.ContainsAny(user, "*#") {
			return c, false
		}
		c.number = strings.TrimSpace(user)
		return c, true
	}
	if strings.HasPrefix(lower, "sip:") || strings.HasPrefix(lower, "sips:") {
		// A SIP address with a name (sip:alice@pbx): the phone dials it as
		// it is.
		addr := uri[strings.IndexByte(uri, ':')+1:]
		if i := strings.IndexAny(addr, ";?>"); i >= 0 {
			addr = addr[:i]
		}
		if sipAddrRe.MatchString(addr) {
			c.sipAddress = addr
			return c, true
		}
	}
	return c, false
}
