package phonebook

import (
	"encoding/xml"
	"strings"

	"deskcti/contacts"
)

// format is a kind of phone book file, told by its root element.
type format uint8

const (
	unknown         format = iota
	directory              // <…IPPhoneDirectory><DirectoryEntry>
	yealinkBook            // <YealinkIPPhoneBook><Menu><Unit>
	yealinkContacts        // <root_contact><contact>
	tbook                  // snom <tbook><item>
)

func formatOf(root string) format {
	r := strings.ToLower(root)
	switch {
	case strings.HasSuffix(r, "ipphonedirectory"):
		return directory
	case r == "yealinkipphonebook":
		return yealinkBook
	case r == "root_group", r == "root_contact", r == "vp_contact":
		return yealinkContacts
	case r == "tbook", r == "settings":
		return tbook
	}
	return unknown
}

// element reads the entry t opens, if it is one, and reports whether it did.
func (p *parser) element(t xml.StartElement, parent string) (bool, error) {
	name := t.Name.Local
	switch {
	case p.format == directory && strings.EqualFold(name, "DirectoryEntry"):
		n, err := readNode(p.d, t)
		if err != nil {
			return true, err
		}
		for _, k := range n.kids {
			if strings.EqualFold(k.name, "Telephone") {
				p.number(contacts.KindOfLabel(attr(k.attrs, "label")), k.text)
			}
		}
		p.add(n.kid("Name"), "")

	case p.format == yealinkBook && strings.EqualFold(name, "Unit"):
		// Phone1..Phone3 carry no kind; Yealink's screens label them by
		// position, which is not confirmed to mean office/mobile/other.
		for _, a := range t.Attr {
			if isPhoneN(a.Name.Local) {
				p.number(contacts.Other, a.Value)
			}
		}
		p.add(attr(t.Attr, "Name"), "")
		return true, p.d.Skip()

	case p.format == yealinkContacts && strings.EqualFold(name, "contact"):
		p.number(contacts.Work, attr(t.Attr, "office_number"))
		p.number(contacts.Mobile, attr(t.Attr, "mobile_number"))
		p.number(contacts.Other, attr(t.Attr, "other_number"))
		p.add(attr(t.Attr, "display_name"), "")
		return true, p.d.Skip()

	case p.format == tbook && strings.EqualFold(name, "item") && strings.EqualFold(parent, "tbook"):
		n, err := readNode(p.d, t)
		if err != nil {
			return true, err
		}
		kind := contacts.KindOfLabel(n.kid("number_type"))
		for _, k := range n.kids {
			if strings.EqualFold(k.name, "number") {
				p.number(kind, k.text)
			}
		}
		display := n.kid("name")
		if display == "" {
			display = strings.TrimSpace(n.kid("first_name") + " " + n.kid("last_name"))
		}
		p.add(display, n.kid("organization"))

	default:
		return false, nil
	}
	return true, nil
}

// isPhoneN matches "Phone1", "phone2" and so on.
func isPhoneN(s string) bool {
	if len(s) <= len("phone") || !strings.EqualFold(s[:len("phone")], "phone") {
		return false
	}
	for _, c := range s[len("phone"):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
