package secrets

import (
	"errors"
	"os"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestEnvironmentOverridesKeyring(t *testing.T) {
	keyring.MockInit()
	if err := SetPhonePassword("admin", "http://10.0.0.5", "from-keyring"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(PhonePasswordEnv, "from-env")
	if got, err := PhonePassword("admin", "http://10.0.0.5"); err != nil || got != "from-env" {
		t.Fatalf("got %q, %v", got, err)
	}
	t.Setenv(PhonePasswordEnv, "")
	if got, err := PhonePassword("admin", "http://10.0.0.5"); err != nil || got != "" {
		t.Fatalf("an empty variable means no password, got %q, %v", got, err)
	}
	os.Unsetenv(PhonePasswordEnv)
	if got, err := PhonePassword("admin", "http://10.0.0.5"); err != nil || got != "from-keyring" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestPasswordsArePerPhone(t *testing.T) {
	keyring.MockInit()
	os.Unsetenv(PhonePasswordEnv)
	SetPhonePassword("admin", "http://10.0.0.5", "one")
	if _, err := PhonePassword("admin", "http://10.0.0.6"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("other phone: err = %v, want ErrNotFound", err)
	}
	if err := DeletePhonePassword("admin", "http://10.0.0.5"); err != nil {
		t.Fatal(err)
	}
	if _, err := PhonePassword("admin", "http://10.0.0.5"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: err = %v", err)
	}
	if err := DeletePhonePassword("admin", "http://10.0.0.5"); err != nil {
		t.Fatalf("deleting twice: %v", err)
	}
}

func TestUnavailableKeyringIsTyped(t *testing.T) {
	keyring.MockInitWithError(errors.New("no secret service"))
	os.Unsetenv(PhonePasswordEnv)
	_, err := PhonePassword("admin", "http://10.0.0.5")
	var ue *UnavailableError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want *UnavailableError", err)
	}
}

func TestSourcePasswords(t *testing.T) {
	keyring.MockInit()
	os.Unsetenv("DESKCTI_LDAP_PASSWORD")
	if err := Set(SourceAccount("ldaps://dc.example.test"), "bind-pw"); err != nil {
		t.Fatal(err)
	}
	if got, err := SourcePassword("ldap", "ldaps://dc.example.test"); err != nil || got != "bind-pw" {
		t.Fatalf("got %q, %v", got, err)
	}
	t.Setenv("DESKCTI_LDAP_PASSWORD", "env-pw")
	if got, _ := SourcePassword("ldap", "ldaps://dc.example.test"); got != "env-pw" {
		t.Fatalf("env override: %q", got)
	}
	if _, err := SourcePassword("carddav", "https://dav.example.test"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("carddav without password: %v", err)
	}
}
