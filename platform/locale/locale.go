// Package locale reports the user's preferred languages as the operating
// system knows them, most preferred first.
package locale

import (
	"os"
	"strings"
)

// Preferred returns locale names such as "de_DE.UTF-8" or "en-GB", most
// preferred first. It never fails: an empty result means "no preference".
func Preferred() []string {
	// The POSIX order of precedence: LANGUAGE (a colon list, GNU gettext)
	// is only honoured when a locale is set at all, LC_ALL overrides
	// LC_MESSAGES which overrides LANG.
	var out []string
	if lang := os.Getenv("LANGUAGE"); lang != "" && envLocale() != "" {
		for _, l := range strings.Split(lang, ":") {
			if l != "" {
				out = append(out, l)
			}
		}
	}
	if l := envLocale(); l != "" && l != "C" && l != "POSIX" {
		out = append(out, l)
	}
	return append(out, osPreferred()...)
}

func envLocale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}
