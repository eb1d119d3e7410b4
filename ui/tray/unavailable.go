package tray

import (
	"deskcti/app/i18n"
	"deskcti/platform/traydetect"
)

// Unavailable says in the user's language why there is no tray icon (or
// that there is one), for the main window that opens instead, with the
// GNOME extension advice where it applies.
func Unavailable(r traydetect.Result) string {
	if r.GnomeHint {
		return i18n.T("tray.unavailable.gnome")
	}
	code := r.Code
	if code == "" {
		code = traydetect.CodeUnsupported
	}
	return i18n.T("tray.unavailable." + code)
}
