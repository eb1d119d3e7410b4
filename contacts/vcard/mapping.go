package vcard

import (
	"net/url"
	"strings"

	govcard "github.com/emersion/go-vcard"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// FromCard maps a decoded vCard onto a contact: Name (FN, else "Prefix
// Given Additional Family Suffix" from N, else the company), Company (ORG's first component),
// Numbers (every TEL, in order) and ID (UID). Source and OpenURI are left
// to the caller. ok is false when the card has no phone number.
//
// A card decoded by go-vcard without this package's pre-pass (CardDAV
// servers send vCard 3 and 4) maps the same way, except for vCard 2.1
// peculiarities the pre-pass takes care of.
func FromCard(c govcard.Card) (ct contacts.Contact, ok bool) {
	var labels map[string]string
	for _, f := range c["X-ABLABEL"] {
		if f.Group != "" {
			if labels == nil {
				labels = map[string]string{}
			}
			labels[strings.ToLower(f.Group)] = f.Value
		}
	}
	for _, f := range c[govcard.FieldTelephone] {
		raw, e164 := telValue(f.Value)
		if raw == "" {
			continue
		}
		kind := kindOfTypes(f.Params.Types())
		if kind == contacts.Other {
			label := f.Params.Get(androidLabel)
			if label == "" && f.Group != "" {
				label = labels[strings.ToLower(f.Group)]
			}
			kind = contacts.KindOfLabel(label)
		}
		ct.Numbers = append(ct.Numbers, contacts.Number{Kind: kind, Raw: raw, E164: e164})
	}
	if len(ct.Numbers) == 0 {
		return contacts.Contact{}, false
	}
	if org := structured(c.Value(govcard.FieldOrganization)); len(org) > 0 {
		ct.Company = oneLine(org[0])
	}
	if f := c.Preferred(govcard.FieldFormattedName); f != nil {
		ct.Name = oneLine(unescape(f.Value))
	}
	if ct.Name == "" {
		n := structured(c.Value(govcard.FieldName))
		var parts []string
		// N is family;given;additional;prefix;suffix, read as a name is
		// spoken: "Dr. Hans-Peter Karl Weiß MBA".
		for _, i := range []int{3, 1, 2, 0, 4} {
			if i < len(n) {
				if w := oneLine(n[i]); w != "" {
					parts = append(parts, w)
				}
			}
		}
		ct.Name = strings.Join(parts, " ")
	}
	if ct.Name == "" {
		// A company entry without a person: the popup still needs a name.
		ct.Name = ct.Company
	}
	ct.ID = strings.TrimSpace(c.Value(govcard.FieldUID))
	return ct, true
}

// telValue returns what a TEL value shows the user and its E.164 form
// when it already is one. vCard 4 stores numbers as tel: URIs
// ("tel:+49-221-4711-0", "tel:+49-221-4711;ext=23"); the URI scheme goes,
// the rest stays, because contacts/number reads ";ext=" and
// ";phone-context=" itself.
func telValue(v string) (raw, e164 string) {
	raw = strings.TrimSpace(v)
	if strings.ContainsAny(raw, "\r\n") {
		raw = oneLine(raw)
	}
	if len(raw) >= 4 && strings.EqualFold(raw[:4], "tel:") {
		raw = strings.TrimSpace(raw[4:])
		if u, err := url.PathUnescape(raw); err == nil {
			raw = u
		}
		// A global tel: number is E.164 by definition once its visual
		// separators are gone; with parameters it is left to the index.
		if !strings.Contains(raw, ";") {
			if d := strings.Map(dropVisual, raw); number.IsE164(d) {
				return raw, d
			}
		}
		return raw, ""
	}
	if number.IsE164(raw) {
		return raw, raw
	}
	return raw, ""
}

// dropVisual removes RFC 3966 visual separators.
func dropVisual(r rune) rune {
	switch r {
	case '-', '.', '(', ')':
		return -1
	}
	return r
}

// kindOfTypes maps TEL types onto a kind. Fax wins (a "work,fax" number is
// not one to call back), then mobile, work and home; "voice", "pref" and
// the rest say nothing.
func kindOfTypes(types []string) contacts.Kind {
	var mobile, work, home bool
	for _, t := range types {
		switch strings.TrimSpace(t) {
		case "fax":
			return contacts.Fax
		case "cell", "mobile", "iphone":
			mobile = true
		case "work":
			work = true
		case "home":
			home = true
		}
	}
	switch {
	case mobile:
		return contacts.Mobile
	case work:
		return contacts.Work
	case home:
		return contacts.Home
	}
	return contacts.Other
}

// structured splits a structured value (N, ORG) at unescaped semicolons
// and undoes the escapes go-vcard leaves in place ("\;"; it already turned
// "\\", "\n" and "\," into characters).
func structured(v string) []string {
	if v == "" {
		return nil
	}
	var parts []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && v[i+1] == ';':
			b.WriteByte(';')
			i++
		case v[i] == ';':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(v[i])
		}
	}
	return append(parts, b.String())
}

// unescape undoes the "\;" go-vcard leaves in text values.
func unescape(v string) string { return strings.ReplaceAll(v, `\;`, ";") }

// oneLine collapses white space, line breaks included, to single blanks.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}
