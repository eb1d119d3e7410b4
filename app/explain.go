package app

import (
	"errors"
	"strings"

	"deskcti/app/config"
	"deskcti/app/dialrules"
	"deskcti/app/i18n"
	"deskcti/app/journal"
	"deskcti/app/secrets"
	"deskcti/phone"
)

// Explanation is what the user is told about a failure: what is wrong and
// what to do about it, in the current language.
type Explanation struct {
	Problem string
	Fix     string
}

// Explain turns any error deskcti produces into words for the user. Errors
// it does not know keep their own text and get no fix.
func Explain(err error) Explanation {
	var pe *phone.Error
	var broken *config.BrokenError
	var keyring *secrets.UnavailableError
	var readOnly *phone.ReadOnlyError
	var manual *phone.ManualError
	var jbroken *journal.BrokenError
	switch {
	case err == nil:
		return Explanation{}
	case errors.As(err, &pe):
		key := "err." + pe.Kind.String()
		fix := i18n.T(key + ".fix")
		if pe.Kind == phone.KindForbidden && pe.Vendor == phone.Yealink {
			// A Yealink says 403 for three different reasons and does not
			// tell which, so the user gets all three.
			fix = i18n.T("err.forbidden.yealink.fix")
		}
		if pe.Fingerprint != "" {
			fix += "\n" + i18n.T("err.fingerprint.presented", pe.Fingerprint)
		}
		if pe.Kind == phone.KindOther || pe.Kind == phone.KindBadResponse {
			return Explanation{Problem: i18n.T(key) + ": " + err.Error(), Fix: fix}
		}
		return Explanation{Problem: i18n.T(key), Fix: fix}
	case errors.As(err, &broken):
		return Explanation{Problem: i18n.T("err.config.broken", broken.Path, broken.Err), Fix: i18n.T("err.config.broken.fix", broken.Backup)}
	case errors.As(err, &keyring):
		return Explanation{Problem: i18n.T("err.keyring", keyring.Err), Fix: i18n.T("err.keyring.fix", secrets.PhonePasswordEnv)}
	case errors.As(err, &readOnly):
		return Explanation{Problem: i18n.T("err.events.readonly", strings.Join(readOnly.Settings, ", ")),
			Fix: i18n.T("err.events.readonly.fix", strings.Join(readOnly.Lines, "\n"))}
	case errors.As(err, &manual):
		return Explanation{Problem: i18n.T("err.events.manual", manual.Vendor),
			Fix: manual.Reason + "\n" + strings.Join(manual.Lines, "\n")}
	case errors.As(err, &jbroken):
		return Explanation{Problem: i18n.T("err.journal.broken", jbroken.Path, jbroken.Err), Fix: i18n.T("err.journal.broken.fix")}
	case errors.Is(err, journal.ErrNewerSchema):
		return Explanation{Problem: err.Error(), Fix: i18n.T("err.journal.newer.fix")}
	case errors.Is(err, dialrules.ErrNoNumber):
		return Explanation{Problem: i18n.T("err.nonumber"), Fix: i18n.T("err.nonumber.fix")}
	}
	return Explanation{Problem: err.Error()}
}
