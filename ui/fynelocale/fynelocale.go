// Package fynelocale runs before Fyne's packages are initialised (Go
// initialises packages in import-path order where dependencies allow, and
// "deskcti/..." sorts before "fyne.io/...") and keeps Fyne from logging
// "Error parsing user locale C" on every start of every deskcti command
// under LANG=C or LC_ALL=C (servers, CI, cron): Fyne's lang package parses
// the POSIX locale in its init and cannot read "C". A "C" locale carries
// no language, so English, deskcti's own fallback for "C", is set in its
// place. The desktop app then sets the language the user chose
// (ui.alignFyneLocale). Import it for its side effect only.
package fynelocale

import (
	"os"
	"runtime"
)

func init() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" || v == "C.UTF-8" || v == "C.utf8" {
			os.Setenv(k, "en_US.UTF-8")
		}
		return // the first one set is the one that counts
	}
}
