package phonesim

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"deskcti/phone"
)

// AuthScheme is the HTTP authentication a snom phone asks for.
type AuthScheme string

// The schemes: snom speaks either (setting http_scheme on = Digest, off =
// Basic); Yealink always speaks Basic.
const (
	AuthBasic  AuthScheme = "basic"
	AuthDigest AuthScheme = "digest"
)

// BlankAllowList is the value of Options.AllowIPs that stands for a blank
// Yealink allow list (features.action_uri_limit_ip empty), which rejects
// every request. Options.AllowIPs cannot use "" for that because the zero
// value must mean the default "any"; any all-blank string works the same.
// SetAllowIPs takes the list literally, so there "" is blank.
const BlankAllowList = " "

// Options describe the emulated phone. Only Vendor is required.
type Options struct {
	Vendor phone.Vendor // phone.Snom or phone.Yealink (required)
	// Model defaults to "snomD785" / "SIP-T46U". Any snom model matching
	// D8[0-9][0-9] (e.g. "snomD865") behaves as a D8xx: no command.htm.
	Model string
	// Firmware defaults to "10.1.54.13" (snom) / "108.86.0.45" (Yealink).
	// snom firmware with a major version below 8 only knows F_R, not F_HOLD.
	Firmware string
	// MAC defaults to "000413AABBCC" (snom) / "805EC0AABBCC" (Yealink).
	MAC string
	// User and Password are the web credentials. An empty User means no
	// authentication at all (a factory-reset snom).
	User, Password string
	// Auth is the snom scheme, default AuthDigest (http_scheme on). Yealink
	// ignores it and always uses Basic.
	Auth AuthScheme
	// TLS serves HTTPS with a freshly generated self-signed certificate.
	TLS bool

	// AllowIPs is Yealink's features.action_uri_limit_ip: "any", or a comma
	// list of IPv4 addresses where an octet may be "*" ("127.0.*.*"). The
	// zero value "" means the default "any"; an all-blank string (see
	// BlankAllowList) is the phone's blank list, which rejects everything.
	// Host names never match, as on the phone. AllowIPs, ActionURIDisabled
	// and Prompt only seed the features.* settings, which SetAllowIPs and
	// LoadConfig change later.
	AllowIPs string
	// ActionURIDisabled is features.action_uri.enable = 0: every servlet
	// request answers 403.
	ActionURIDisabled bool
	// Prompt is features.show_action_uri_option = 1: the first servlet
	// request from an allowed IP shows "Allow remote control?" on the phone;
	// until AcceptPrompt every servlet request answers 403.
	Prompt bool
	// LockoutAfter failed logins in a row (wrong credentials, not missing
	// ones) lock the phone: every request answers 403 for LockoutFor
	// (default 5 minutes when LockoutAfter is set). 0 = never.
	LockoutAfter int
	LockoutFor   time.Duration

	// Account is the registered identity user@host, default
	// "201@pbx.example"; shown by phonecfg and settings.xml and used for
	// the $local/$active_* variables.
	Account string
}

// defaultLockout is how long a Yealink lock-out lasts when the options do not
// say; real phones lock for minutes.
const defaultLockout = 5 * time.Minute

// withDefaults checks the options and fills in the defaults.
func (o Options) withDefaults() (Options, error) {
	switch o.Vendor {
	case phone.Snom:
		if o.Model == "" {
			o.Model = "snomD785"
		}
		if o.Firmware == "" {
			o.Firmware = "10.1.54.13"
		}
		if o.MAC == "" {
			o.MAC = "000413AABBCC"
		}
		if o.Auth == "" {
			o.Auth = AuthDigest
		}
		if o.Auth != AuthBasic && o.Auth != AuthDigest {
			return o, fmt.Errorf("phonesim: unknown auth scheme %q", o.Auth)
		}
	case phone.Yealink:
		if o.Model == "" {
			o.Model = "SIP-T46U"
		}
		if o.Firmware == "" {
			o.Firmware = "108.86.0.45"
		}
		if o.MAC == "" {
			o.MAC = "805EC0AABBCC"
		}
		o.Auth = AuthBasic
		if o.AllowIPs == "" {
			o.AllowIPs = "any"
		}
	default:
		return o, fmt.Errorf("phonesim: unknown vendor %q", o.Vendor)
	}
	if o.Account == "" {
		o.Account = "201@pbx.example"
	}
	if o.LockoutAfter > 0 && o.LockoutFor <= 0 {
		o.LockoutFor = defaultLockout
	}
	return o, nil
}

var d8xx = regexp.MustCompile(`(?i)D8[0-9][0-9]`)

// isD8xx reports whether a snom model is one of the D8xx family, which has
// no command.htm.
func isD8xx(model string) bool { return d8xx.MatchString(model) }

// isTouch reports whether a Yealink model is a touch model, where chained
// keys do not work (phones.md: T48x, T57W).
func isTouch(model string) bool {
	m := strings.ToUpper(model)
	return strings.Contains(m, "T48") || strings.Contains(m, "T57")
}

// firmwareMajor is the leading number of a firmware version; an unreadable
// version counts as current firmware.
func firmwareMajor(fw string) int {
	head, _, _ := strings.Cut(strings.TrimSpace(fw), ".")
	n, err := strconv.Atoi(head)
	if err != nil {
		return 10
	}
	return n
}

// accountParts splits user@host; a bare user gets the host "pbx.example".
func accountParts(account string) (user, host string) {
	account = strings.TrimPrefix(account, "sip:")
	user, host, ok := strings.Cut(account, "@")
	if !ok {
		host = "pbx.example"
	}
	return user, host
}
