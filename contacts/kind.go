package contacts

import (
	"strings"
	"unicode"
)

// KindOfLabel reads the kind of a number from a free-text label in English
// or German, wherever it comes from: an Outlook CSV column ("Telefon
// geschäftlich", "Car Phone"), Apple's X-ABLabel ("_$!<WorkFAX>!$_"), an
// Android custom label, a Yealink or snom phone book type ("business").
// Fax wins, because "Fax geschäftlich" is not a number to call back; then
// mobile, home and work. Anything else is Other.
func KindOfLabel(label string) Kind {
	l := strings.ToLower(label)
	l = strings.TrimSuffix(strings.TrimPrefix(l, "_$!<"), ">!$_")
	words := strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	has := func(subs ...string) bool {
		for _, w := range words {
			for _, s := range subs {
				if strings.Contains(w, s) {
					return true
				}
			}
		}
		return false
	}
	isWord := func(s string) bool {
		for _, w := range words {
			if w == s {
				return true
			}
		}
		return false
	}
	switch {
	case has("fax"):
		return Fax
	case has("mobil", "handy", "cell", "iphone", "autotelefon") || isWord("car"):
		return Mobile
	case has("privat", "home", "heim", "zuhause"):
		return Home
	case has("gesch", "business", "work", "büro", "buero", "office", "firma", "dienst",
		"zentrale", "company", "arbeit", "durchwahl", "extension") || isWord("intern"):
		return Work
	}
	return Other
}
