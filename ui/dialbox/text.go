package dialbox

import (
	"deskcti/app/calls"
	"deskcti/app/i18n"
)

// callerName names the call being transferred in the title: the contact,
// else what the phone showed, else the number.
func callerName(c calls.Call) string {
	switch {
	case c.Contact != nil && c.Contact.Name != "":
		return c.Contact.Name
	case c.Contact != nil && c.Contact.Company != "":
		return c.Contact.Company
	case c.Display != "":
		return c.Display
	case c.Remote != "":
		return c.Remote
	}
	return i18n.T("dialbox.this-call")
}
