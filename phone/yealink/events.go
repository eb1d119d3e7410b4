package yealink

import (
	"context"
	"net/netip"

	"deskcti/phone"
)

// ConfigureEvents cannot write anything: a Yealink takes settings over HTTP
// only through its web UI's login (encrypted password, CSRF token, different
// in every firmware generation), which the Action URI does not replace. It
// sends nothing and returns a *phone.ManualError whose Lines are the Action
// URLs (phone.EventLines) followed by the remote-control settings deskcti
// needs:
//
//	features.action_uri.enable = 1
//	features.action_uri_limit_ip = <the PC's IP, the host of receiverBase>
//	features.show_action_uri_option = 0
//
// The last one stops the phone asking "Allow remote control?" on its
// screen, which would refuse every command (403) until someone presses OK.
// The allow list takes IP addresses only: when receiverBase names a host,
// that line is left out and the Reason says what to enter instead.
func (d *Driver) ConfigureEvents(ctx context.Context, receiverBase string) error {
	const op = "configure events"
	host, err := phone.CheckReceiverBase(phone.Yealink, op, receiverBase)
	if err != nil {
		return err
	}
	lines := append(phone.EventLines(phone.Yealink, receiverBase), "features.action_uri.enable = 1")
	allow := "add this PC's IP address to features.action_uri_limit_ip (the phone takes IP addresses only, not the name " + host + ")"
	if ip, err := netip.ParseAddr(host); err == nil {
		lines = append(lines, "features.action_uri_limit_ip = "+ip.Unmap().WithZone("").String())
		allow = "if features.action_uri_limit_ip already lists other addresses, keep them and add " +
			ip.Unmap().WithZone("").String() + " after a comma"
	}
	lines = append(lines, "features.show_action_uri_option = 0")
	return &phone.ManualError{Vendor: phone.Yealink, Lines: lines,
		Reason: "a Yealink accepts these settings only through its web login or a provisioning file, which deskcti cannot use; " +
			"paste the lines into the phone's provisioning (.cfg) file, or enter them in the web UI under " +
			"Features > Action URL and Features > Remote Control; " + allow + "; " +
			"features.show_action_uri_option = 0 stops the phone asking \"Allow remote control?\" on its screen, " +
			"which would refuse every command until someone presses OK"}
}
