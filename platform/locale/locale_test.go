package locale

import (
	"reflect"
	"testing"
)

func TestPreferredFromEnvironment(t *testing.T) {
	cases := []struct {
		name                         string
		language, lcAll, lcMsg, lang string
		want                         []string
	}{
		{"lang only", "", "", "", "de_DE.UTF-8", []string{"de_DE.UTF-8"}},
		{"lc_all wins", "", "en_GB.UTF-8", "de_DE", "de_DE", []string{"en_GB.UTF-8"}},
		{"lc_messages over lang", "", "", "de_AT", "en_US", []string{"de_AT"}},
		{"LANGUAGE list first", "de:en", "", "", "en_US.UTF-8", []string{"de", "en", "en_US.UTF-8"}},
		{"LANGUAGE ignored without locale", "de", "", "", "", nil},
		{"C locale is no preference", "", "C", "", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("LANGUAGE", c.language)
			t.Setenv("LC_ALL", c.lcAll)
			t.Setenv("LC_MESSAGES", c.lcMsg)
			t.Setenv("LANG", c.lang)
			if got := Preferred(); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Preferred() = %q, want %q", got, c.want)
			}
		})
	}
}
