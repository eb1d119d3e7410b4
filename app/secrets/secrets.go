// Package secrets fetches and stores passwords outside the settings file:
// from an environment variable for scripts and CI, otherwise from the
// operating system's keyring (Secret Service on Linux, Credential Manager on
// Windows, Keychain on macOS).
package secrets

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/zalando/go-keyring"
)

// Service is the keyring service name every deskcti secret is stored under.
const Service = "deskcti"

// PhonePasswordEnv overrides the keyring for the phone's web password.
const PhonePasswordEnv = "DESKCTI_PHONE_PASSWORD"

// ErrNotFound means no password is stored: not an error for phones that
// need none (a factory-reset snom).
var ErrNotFound = errors.New("no password stored")

// UnavailableError means the keyring itself could not be used, typically a
// Linux session without a Secret Service (GNOME Keyring, KWallet) running.
type UnavailableError struct{ Err error }

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("system keyring unavailable: %v", e.Err)
}

func (e *UnavailableError) Unwrap() error { return e.Err }

// PhoneAccount is the keyring account name of a phone's password: user and
// phone address, so that two phones with the same user name do not share one.
func PhoneAccount(user, phoneURL string) string {
	return "phone:" + user + "@" + phoneURL
}

// PhonePassword returns the phone's web password: the environment variable
// when set (even when empty, which means "no password"), else the keyring.
func PhonePassword(user, phoneURL string) (string, error) {
	if v, ok := os.LookupEnv(PhonePasswordEnv); ok {
		return v, nil
	}
	return get(PhoneAccount(user, phoneURL))
}

// SetPhonePassword stores the phone's web password in the keyring.
func SetPhonePassword(user, phoneURL, password string) error {
	return Set(PhoneAccount(user, phoneURL), password)
}

// DeletePhonePassword removes a stored password; removing none is fine.
func DeletePhonePassword(user, phoneURL string) error {
	return Delete(PhoneAccount(user, phoneURL))
}

// SourceAccount is the keyring account of an address book's password
// (LDAP bind, CardDAV login), keyed by its URL.
func SourceAccount(url string) string { return "source:" + url }

// SourcePasswordEnv names the environment variable that overrides the
// keyring for every address book of a type: DESKCTI_LDAP_PASSWORD,
// DESKCTI_CARDDAV_PASSWORD.
func SourcePasswordEnv(typ string) string {
	return "DESKCTI_" + strings.ToUpper(typ) + "_PASSWORD"
}

// SourcePassword returns an address book's password from the environment
// or the keyring; ErrNotFound when there is none (anonymous bind).
func SourcePassword(typ, url string) (string, error) {
	if v, ok := os.LookupEnv(SourcePasswordEnv(typ)); ok {
		return v, nil
	}
	return get(SourceAccount(url))
}

// Set stores a password under a keyring account.
func Set(account, password string) error {
	if err := keyring.Set(Service, account, password); err != nil {
		return &UnavailableError{Err: err}
	}
	return nil
}

// Delete removes a keyring account's password; removing none is fine.
func Delete(account string) error {
	err := keyring.Delete(Service, account)
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return &UnavailableError{Err: err}
	}
	return nil
}

func get(account string) (string, error) {
	v, err := keyring.Get(Service, account)
	switch {
	case err == nil:
		return v, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", ErrNotFound
	default:
		return "", &UnavailableError{Err: err}
	}
}

// Get returns a secret from the environment variable env (when set, even
// empty) or else from the keyring account; ErrNotFound when neither has it.
func Get(account, env string) (string, error) {
	if env != "" {
		if v, ok := os.LookupEnv(env); ok {
			return v, nil
		}
	}
	return get(account)
}
