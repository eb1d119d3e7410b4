package actions

import (
	"strings"

	"deskcti/phone"
)

// Vars are the facts about a call that placeholders stand for. The caller
// builds them from the call; every field may be empty (an anonymous caller
// has no number, an unknown one no name) and then expands to "". All of it
// may come from the other party, so none of it is trusted.
type Vars struct {
	Number    string          // {number}: the other party as the phone reported it
	E164      string          // {e164}: the number in international form, +492211234567
	Name      string          // {name}: the contact's name, else the display name
	Company   string          // {company}: the contact's company
	Display   string          // {display}: the display name the phone showed
	Extension string          // {extension}: the caller's extension behind a head number
	Source    string          // {source}: the address book that knew the number
	CallID    string          // {call_id}: the phone's call id
	Direction string          // {direction}: "in" or "out"
	Event     phone.EventKind // {event}: set by Runner.Fire to the event being handled
}

// placeholders in the order the settings and messages list them.
var placeholders = []string{
	"number", "e164", "name", "company", "display", "extension", "source",
	"call_id", "direction", "event",
}

// Placeholders returns the placeholder names, without braces, for help
// texts in the settings.
func Placeholders() []string { return append([]string(nil), placeholders...) }

// value is the field a placeholder name stands for; ok is false for a name
// that is no placeholder.
func (v Vars) value(name string) (s string, ok bool) {
	switch name {
	case "number":
		return v.Number, true
	case "e164":
		return v.E164, true
	case "name":
		return v.Name, true
	case "company":
		return v.Company, true
	case "display":
		return v.Display, true
	case "extension":
		return v.Extension, true
	case "source":
		return v.Source, true
	case "call_id":
		return v.CallID, true
	case "direction":
		return v.Direction, true
	case "event":
		return string(v.Event), true
	}
	return "", false
}

// placeholderList is "{number} {e164} …" for error messages.
func placeholderList() string {
	return "{" + strings.Join(placeholders, "} {") + "}"
}
