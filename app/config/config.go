// Package config is deskcti's settings file: one TOML file in the user's
// configuration directory, written atomically, never holding a secret.
package config

import (
	"fmt"
	"strings"
	"time"

	"deskcti/app/actions"
)

// Config is everything the user sets. Secrets (the phone's web password,
// an LDAP bind password) are deliberately absent: they live in the OS
// keyring or come from the environment (see app/secrets).
type Config struct {
	Phone    Phone    `toml:"phone"`
	Dial     Dial     `toml:"dial"`
	Contacts Contacts `toml:"contacts"`
	Receiver Receiver `toml:"receiver"`
	Journal  Journal  `toml:"journal"`
	UI       UI       `toml:"ui"`
	// Actions run on call events: [[action]] in the file (app/actions).
	Actions []actions.Action `toml:"action,omitempty"`
}

// Receiver is where the phone's call events (Action URLs) arrive.
type Receiver struct {
	// Listen is the address and port to listen on, "0.0.0.0:8080". When
	// the port is taken the next one is used, and shown everywhere.
	Listen string `toml:"listen"`
	// Host is the address the phone reaches this PC at; empty means the
	// address of the interface that routes to the phone.
	Host string `toml:"host,omitempty"`
	// Allow lists the addresses and subnets (CIDR) that may send events,
	// besides the phone itself and this PC; Deny wins over Allow.
	Allow []string `toml:"allow,omitempty"`
	Deny  []string `toml:"deny,omitempty"`
	// RemoveOnExit clears deskcti's Action URLs from the phone when the
	// app quits, so the phone does not keep calling a PC that is off.
	RemoveOnExit bool `toml:"remove_on_exit,omitempty"`
}

// Journal is the call journal.
type Journal struct {
	// Path of the database; empty means the OS data directory.
	Path string `toml:"path,omitempty"`
	// KeepDays deletes calls older than this many days; 0 keeps all.
	KeepDays int `toml:"keep_days,omitempty"`
}

// Contacts lists the address books callers are looked up in.
type Contacts struct {
	// MinSuffix is how many trailing digits must agree for a weak match
	// (0: 8).
	MinSuffix int `toml:"min_suffix"`
	// Sources are searched in order; [[contacts.source]] in the file.
	Sources []Source `toml:"source"`
}

// Source is one address book. Type says which fields apply:
//   - "vcard", "csv", "phonebook" (Yealink/snom XML): Path
//   - "csv" with a generic layout: Columns maps column names to
//     name, given, family, company, work, home, mobile, fax, other
//   - "ldap": URL, BaseDN, BindDN, StartTLS, Filter; Columns maps
//     attributes (telephoneNumber, ipPhone, …) to the same roles
//   - "carddav": URL, User
//   - "outlook": nothing (Windows only)
//
// Passwords for LDAP and CardDAV live in the keyring under the source's
// URL (`deskcti password set --for URL`), never here.
type Source struct {
	Type     string            `toml:"type"`
	Path     string            `toml:"path,omitempty"`
	URL      string            `toml:"url,omitempty"`
	User     string            `toml:"user,omitempty"`
	BaseDN   string            `toml:"base_dn,omitempty"`
	BindDN   string            `toml:"bind_dn,omitempty"`
	StartTLS bool              `toml:"start_tls,omitempty"`
	Filter   string            `toml:"filter,omitempty"`
	Columns  map[string]string `toml:"columns,omitempty"`
	Interval Duration          `toml:"interval,omitempty"`
}

// Phone says which desk phone to drive and how to reach it.
type Phone struct {
	Vendor string `toml:"vendor"` // "snom" or "yealink"
	// URL is http(s)://host[:port]; a bare host means http.
	URL  string `toml:"url"`
	User string `toml:"user"`
	// Insecure accepts any TLS certificate. Off by default: the phone's
	// self-signed certificate is pinned by Fingerprint instead.
	Insecure bool `toml:"insecure"`
	// Fingerprint is the SHA-256 fingerprint of the phone's certificate,
	// accepted by the user on first use.
	Fingerprint    string   `toml:"fingerprint"`
	ConnectTimeout Duration `toml:"connect_timeout"`
	Timeout        Duration `toml:"timeout"`
	// OutgoingURI picks the identity the phone dials with (e.g. 201@pbx),
	// empty for the phone's default.
	OutgoingURI string `toml:"outgoing_uri"`
}

// Dial holds the dial rules (see app/dialrules).
type Dial struct {
	Country  string `toml:"country"`   // ISO 3166 code, e.g. "DE"
	AreaCode string `toml:"area_code"` // Vorwahl without the leading 0, e.g. "221"
	// OutsideLine is the Amtsholung, the prefix for an outside line ("0"); may be empty.
	OutsideLine  string `toml:"outside_line"`
	MaxExtension int    `toml:"max_extension"`
	// LocalWithoutAreaCode dials numbers in the own area without the area code.
	LocalWithoutAreaCode bool `toml:"local_without_area_code"`
}

// UI holds presentation settings.
type UI struct {
	// Language is "de", "en" or empty for the system's language.
	Language string `toml:"language"`
	// Hotkey dials the selected text: "" for the default (Pause; F15 on
	// macOS), a combination such as "Ctrl+Alt+D", or "off".
	Hotkey string `toml:"hotkey,omitempty"`
	// ConfirmDial asks before the dial key dials the selection.
	ConfirmDial bool `toml:"confirm_dial,omitempty"`
	// NoNotifications turns off the desktop notification that accompanies
	// the pop-up of a ringing call.
	NoNotifications bool `toml:"no_notifications,omitempty"`
	// TrayIcons picks the tray icons: "light" for a light panel (dark
	// icons), "dark" for a dark panel (light icons), empty to ask the
	// desktop and else follow the theme.
	TrayIcons string `toml:"tray_icons,omitempty"`
}

// Default is the configuration of a fresh installation: a snom phone not yet
// addressed, German dial rules without area code or outside line.
func Default() Config {
	return Config{
		Phone: Phone{
			Vendor:         "snom",
			ConnectTimeout: Duration(2 * time.Second),
			Timeout:        Duration(5 * time.Second),
		},
		Dial:     Dial{Country: "DE", MaxExtension: 4},
		Receiver: Receiver{Listen: "0.0.0.0:8080"},
	}
}

// Duration is a time.Duration written as "5s" in the file.
type Duration time.Duration

// MarshalText writes the duration in Go's notation.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// UnmarshalText reads "5s", "1500ms" and friends.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("duration %q: use a number with a unit such as 5s or 1500ms", b)
	}
	if v < 0 {
		return fmt.Errorf("duration %q must not be negative", b)
	}
	*d = Duration(v)
	return nil
}

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }
