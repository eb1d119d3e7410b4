package phone

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// EventRemover is implemented by drivers that can take deskcti's Action
// URLs off the phone again (snom). A Yealink cannot read or write its
// settings over the Action URI, so its driver does not implement it.
type EventRemover interface {
	// RemoveEvents clears the Action URL settings whose current value
	// points at receiverBase, and only those: another application's URLs
	// stay. It reads the settings back to verify, like ConfigureEvents.
	RemoveEvents(ctx context.Context, receiverBase string) error
}

// ReachTester is implemented by drivers whose phone can be told to fetch a
// URL itself (snom: minibrowser.htm). When the receiver then sees that
// request, the phone demonstrably reaches the PC through every firewall in
// between, which no test run from the PC can show.
type ReachTester interface {
	// FetchURL makes the phone GET url. Success means the phone accepted
	// the order, not that the fetch arrived: the caller watches its own
	// receiver for that.
	FetchURL(ctx context.Context, url string) error
}

// ReadOnlyError is returned by ConfigureEvents and RemoveEvents when the
// phone did not take some settings: the provisioning made them read-only
// (settings.xml shows perm="R"), or the phone kept another value. Only the
// provisioning server can change them, so the error lists the exact lines
// the administrator has to put into the provisioning file.
type ReadOnlyError struct {
	Vendor Vendor
	// Settings are the names of the settings the phone did not take, in
	// the order they were written.
	Settings []string
	// Lines are the provisioning lines for Settings, one each, in snom's
	// text setting-file form "name: value" (without a flag the setting is
	// read-only, which is what a provisioned Action URL should be anyway).
	// EventLines gives the XML form for an XML provisioning file.
	Lines []string
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s: the phone's provisioning locks %d Action URL setting(s) (%s), so deskcti cannot change them; "+
		"the administrator must set them in the provisioning file:\n%s",
		e.Vendor, len(e.Settings), strings.Join(e.Settings, ", "), strings.Join(e.Lines, "\n"))
}

// EventLines are the exact provisioning lines that point every Action URL
// of vendor at receiverBase, in EventKinds order:
//
//   - Yealink, .cfg syntax: action_url.incoming_call = http://...
//   - snom, XML provisioning syntax (the format current firmware reads in
//     full; the value is XML-escaped, so '&' is "&amp;"):
//     <action_incoming_url perm="RW">http://...</action_incoming_url>
//
// An unknown vendor gets none.
func EventLines(vendor Vendor, receiverBase string) []string {
	var out []string
	for _, k := range EventKinds {
		u := EventURL(receiverBase, vendor, k)
		switch vendor {
		case Yealink:
			if key, ok := YealinkEventKeys[k]; ok {
				out = append(out, key+" = "+u)
			}
		case Snom:
			if name, ok := SnomEventSettings[k]; ok {
				out = append(out, "<"+name+` perm="RW">`+xmlEscaper.Replace(u)+"</"+name+">")
			}
		}
	}
	return out
}

// xmlEscaper escapes element text; quotes need no escaping there.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// CheckReceiverBase refuses a receiver base address no phone can call back
// and returns its host: it must be an absolute http:// or https:// URL with
// a host and nothing after the path (EventURL appends "/event/<kind>" and
// the query), free of blanks, control characters and credentials.
func CheckReceiverBase(vendor Vendor, op, base string) (host string, err error) {
	// The address is not quoted back: its path may carry the receiver's
	// secret token.
	fail := func(why string) (string, error) {
		return "", &Error{Kind: KindOther, Vendor: vendor, Op: op, Err: errors.New("receiver address: " + why)}
	}
	if strings.ContainsFunc(base, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return fail("contains blanks or control characters")
	}
	if strings.Contains(base, "$") {
		return fail("contains '$', which the phone would take for one of its variables")
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return fail("not a valid URL")
	case u.User != nil:
		return fail("a user name or password does not belong in it")
	case u.Scheme != "http" && u.Scheme != "https":
		return fail("want an http:// or https:// address")
	case u.Hostname() == "":
		return fail("no host")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return fail("no query or fragment allowed, deskcti appends its own")
	}
	return u.Hostname(), nil
}
