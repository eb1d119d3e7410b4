//go:build darwin

package locale

import (
	"os/exec"
	"strings"
)

// osPreferred reads the global AppleLanguages default, because apps started
// from Finder or launchd get no LANG variable. Not tested on macOS here.
func osPreferred() []string {
	out, err := exec.Command("defaults", "read", "-g", "AppleLanguages").Output()
	if err != nil {
		return nil
	}
	// The value is a property list array: ( "de-DE", "en-US" )
	var langs []string
	for _, f := range strings.FieldsFunc(string(out), func(r rune) bool {
		return r == '(' || r == ')' || r == ',' || r == '"' || r == '\n' || r == ' '
	}) {
		langs = append(langs, f)
	}
	return langs
}
