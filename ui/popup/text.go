package popup

import (
	"fmt"
	"path"
	"strings"
	"time"

	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/contacts/number"
)

// titleKey is the window title's message for the call's direction.
func titleKey(c calls.Call) string {
	if c.Direction == calls.Outgoing {
		return "popup.title.out"
	}
	return "popup.title.in"
}

// callerName is the pop-up's big line: the contact's name (or company),
// else the name the phone showed, else the number.
func callerName(c calls.Call, display string) string {
	switch {
	case c.Contact != nil && c.Contact.Name != "":
		return c.Contact.Name
	case c.Contact != nil && c.Contact.Company != "":
		return c.Contact.Company
	case isWithheld(c):
		if c.Display != "" && !strings.EqualFold(c.Display, "anonymous") {
			return c.Display
		}
		return i18n.T("popup.withheld")
	case c.Display != "" && number.Digits(c.Display) != number.Digits(c.Remote):
		return c.Display
	}
	return display
}

// isWithheld reports a call without a number to show or call back
// ("anonymous", "sip:anonymous@anonymous.invalid", nothing).
func isWithheld(c calls.Call) bool {
	return strings.Trim(number.Digits(number.StripURI(c.Remote)), "+") == ""
}

// matchDetail says how sure the match is: a guess for a suffix match, the
// extension behind a company's head number, and for nobody found, that.
func matchDetail(c calls.Call) string {
	switch {
	case c.Contact == nil && isWithheld(c):
		return ""
	case c.Contact == nil:
		return i18n.T("popup.unknown")
	case c.Contact.Match == "suffix":
		return i18n.T("popup.guess")
	case c.Contact.Extension != "":
		return i18n.T("popup.extension", c.Contact.Extension)
	}
	return ""
}

// sourceName shortens a contact source ("vcard:/home/anna/Kontakte.vcf")
// to what the user recognises ("vcard: Kontakte.vcf"); URLs stay whole.
func sourceName(src string) string {
	kind, rest, ok := strings.Cut(src, ":")
	if !ok || strings.Contains(rest, "://") || !strings.ContainsAny(rest, `/\`) {
		return src
	}
	rest = strings.ReplaceAll(rest, `\`, "/")
	return kind + ": " + path.Base(rest)
}

// clock formats a call's duration as the timer shows it: 01:15, 1:02:03.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	if s < 0 {
		s = 0
	}
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// firstLine is a note's first line, marked when there is more.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i]) + " …"
	}
	return s
}
