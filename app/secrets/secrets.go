// Package secrets fetches and stores passwords outside the settings file:
// from an environment variable for scripts and CI, otherwise from the
// operating system's keyring (Secret Service on Linux, Credential Manager on
// Windows, Keychain on macOS).
package secrets

import (
	"errors"
	"fmt"
	"os"

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
	if err := keyring.Set(Service, PhoneAccount(user, phoneURL), password); err != nil {
		return &UnavailableError{Err: err}
	}
	return nil
}

// DeletePhonePassword removes a stored password; removing none is fine.
func DeletePhonePassword(user, phoneURL string) error {
	err := keyring.Delete(Service, PhoneAccount(user, phoneURL))
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
