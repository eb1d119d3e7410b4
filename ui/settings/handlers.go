package settings

import (
	"context"
	"net/netip"

	"deskcti/app/config"
	"deskcti/contacts"
)

// Handlers connect the settings to the running app. Every field may be nil;
// the option that needs it is then hidden or does nothing. The window calls
// the slow ones (SetPassword, HasPassword, Fingerprint, Save, Autostart)
// off the Fyne goroutine.
type Handlers struct {
	// Save validates, writes config.toml and applies cfg to the running
	// app. cfg never holds a password.
	Save func(cfg config.Config) error
	// SetPassword stores a password in the keyring (secrets.Set); a
	// *secrets.UnavailableError means there is no keyring.
	SetPassword func(account, password string) error
	// HasPassword reports whether the keyring holds a password for account.
	HasPassword func(account string) bool
	// Fingerprint fetches the SHA-256 fingerprint of the phone's TLS
	// certificate, for the user to compare and accept.
	Fingerprint func(ctx context.Context, phoneURL string) (string, error)
	// SourceStatus is the address book's Book.Status(): count, last load,
	// loading, error of each source.
	SourceStatus func() []contacts.Status
	// LocalAddrs lists this PC's addresses, for the receiver's host choice.
	LocalAddrs func() []netip.Addr
	// Test opens the connection test (the lead's Test dialog) for the
	// saved settings.
	Test func()
	// Autostart switches starting deskcti at login on or off; nil hides
	// the option.
	Autostart func(on bool) error
	// AutostartOn reports whether deskcti starts at login now, so that the
	// switch shows the truth; nil shows it off.
	AutostartOn func() bool
	// LinkHandlers makes deskcti the program for tel:, callto: and sip:
	// links, or not; nil hides the switch. LinkHandlersOn reports the
	// current state.
	LinkHandlers   func(on bool) error
	LinkHandlersOn func() bool
}
