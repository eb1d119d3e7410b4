package ui

import (
	"errors"
	"fmt"
	"os"
	"runtime"

	"deskcti/app/i18n"
)

// alignFyneLocale makes Fyne's own texts (dialog buttons, file chooser)
// speak deskcti's language. Fyne reads the POSIX locale variables itself,
// and "C" (usual on servers, in CI and under LANG=C) makes it log an error
// on every start; deskcti has already chosen a language (--lang, the
// settings, the system), so that choice is handed to Fyne through
// LC_MESSAGES. Windows and macOS take the language from the system APIs.
func alignFyneLocale(l i18n.Lang) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return
	}
	tag := map[i18n.Lang]string{i18n.German: "de_DE.UTF-8", i18n.English: "en_US.UTF-8"}[l]
	if tag == "" {
		return
	}
	if v := os.Getenv("LC_ALL"); v == "C" || v == "POSIX" || v == "" {
		// LC_ALL would override LC_MESSAGES; "C" carries no language.
		os.Unsetenv("LC_ALL")
	} else {
		os.Setenv("LC_ALL", tag)
	}
	os.Setenv("LC_MESSAGES", tag)
	os.Unsetenv("LANGUAGE")
}

// ErrNoDisplay means there is no graphical session to show windows in.
var ErrNoDisplay = errors.New("no graphical display")

// checkDisplay refuses to start the GUI where Fyne could only fail: an
// X11/Wayland system without a session (ssh, a server, CI).
func checkDisplay() error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return fmt.Errorf("%w: %s", ErrNoDisplay, i18n.T("ui.nodisplay"))
	}
	return nil
}
