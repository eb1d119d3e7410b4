package csv

import (
	"strings"
	"unicode"

	"deskcti/contacts"
)

// part is what a column holds.
type part uint8

const (
	partNone    part = iota
	partDisplay      // the whole name: "Name", "Anzeigename"
	partGiven
	partMiddle
	partFamily
	partCompany
	partNumber
	partIgnore // looks like a number column but is not one (Telex)
)

// column is what a known header name means.
type column struct {
	part part
	kind contacts.Kind // for partNumber
}

func num(k contacts.Kind) column { return column{part: partNumber, kind: k} }

// Outlook's export columns, English and German, lower case. Outlook names
// its columns in the language of the installation, so a German Outlook
// writes "Telefon geschäftlich" where an English one writes "Business Phone".
var (
	outlookEnglish = map[string]column{
		"first name":         {part: partGiven},
		"middle name":        {part: partMiddle},
		"last name":          {part: partFamily},
		"company":            {part: partCompany},
		"business phone":     num(contacts.Work),
		"business phone 2":   num(contacts.Work),
		"company main phone": num(contacts.Work),
		"assistant's phone":  num(contacts.Work),
		"callback":           num(contacts.Other),
		"home phone":         num(contacts.Home),
		"home phone 2":       num(contacts.Home),
		"mobile phone":       num(contacts.Mobile),
		"car phone":          num(contacts.Mobile),
		"radio phone":        num(contacts.Mobile),
		"business fax":       num(contacts.Fax),
		"home fax":           num(contacts.Fax),
		"other fax":          num(contacts.Fax),
		"other phone":        num(contacts.Other),
		"primary phone":      num(contacts.Other),
		"isdn":               num(contacts.Other),
		"pager":              num(contacts.Other),
		"tty/tdd phone":      num(contacts.Other),
		"telex":              {part: partIgnore},
	}
	outlookGerman = map[string]column{
		"vorname":                   {part: partGiven},
		"weitere vornamen":          {part: partMiddle},
		"nachname":                  {part: partFamily},
		"firma":                     {part: partCompany},
		"telefon geschäftlich":      num(contacts.Work),
		"telefon geschäftlich 2":    num(contacts.Work),
		"telefon firma":             num(contacts.Work),
		"telefon assistent":         num(contacts.Work),
		"rückmeldung":               num(contacts.Other),
		"telefon privat":            num(contacts.Home),
		"telefon privat 2":          num(contacts.Home),
		"telefon (privat)":          num(contacts.Home),
		"telefon (privat 2)":        num(contacts.Home),
		"mobiltelefon":              num(contacts.Mobile),
		"mobiltelefon 2":            num(contacts.Mobile),
		"autotelefon":               num(contacts.Mobile),
		"fax geschäftlich":          num(contacts.Fax),
		"fax privat":                num(contacts.Fax),
		"weiteres fax":              num(contacts.Fax),
		"weiteres telefon":          num(contacts.Other),
		"haupttelefon":              num(contacts.Other),
		"isdn":                      num(contacts.Other),
		"pager":                     num(contacts.Other),
		"telefon für hörbehinderte": num(contacts.Other),
		"telex":                     {part: partIgnore},
	}
)

// Name and company columns recognised in every layout.
var nameColumns = map[string]part{
	"name":               partDisplay,
	"anzeigename":        partDisplay,
	"display name":       partDisplay,
	"displayname":        partDisplay,
	"full name":          partDisplay,
	"fullname":           partDisplay,
	"vollständiger name": partDisplay,
	"kontakt":            partDisplay,
	"kontaktname":        partDisplay,
	"contact":            partDisplay,
	"contact name":       partDisplay,
	"ansprechpartner":    partDisplay,
	"vorname":            partGiven,
	"first name":         partGiven,
	"firstname":          partGiven,
	"given name":         partGiven,
	"givenname":          partGiven,
	"middle name":        partMiddle,
	"additional name":    partMiddle,
	"weitere vornamen":   partMiddle,
	"zweiter vorname":    partMiddle,
	"nachname":           partFamily,
	"familienname":       partFamily,
	"zuname":             partFamily,
	"last name":          partFamily,
	"lastname":           partFamily,
	"family name":        partFamily,
	"familyname":         partFamily,
	"surname":            partFamily,
	"firma":              partCompany,
	"firmenname":         partCompany,
	"unternehmen":        partCompany,
	"company":            partCompany,
	"company name":       partCompany,
	"organisation":       partCompany,
	"organization":       partCompany,
	"organization name":  partCompany,
	"institution":        partCompany,
	// Google Contacts, older export.
	"organization 1 - name": partCompany,
}

// normHeader folds a header name for comparison: lower case, '_' as space,
// runs of spaces as one.
func normHeader(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	h = strings.ToLower(strings.ReplaceAll(h, "_", " "))
	return strings.Join(strings.Fields(h), " ")
}

// guessNumber decides by its words whether a header names a phone number
// column, and of which kind. "Titel" and "Telex" are not phone columns,
// "Telefon Firma" is one and not a company.
func guessNumber(h string) (contacts.Kind, bool) {
	words := strings.FieldsFunc(h, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	phone := false
	for _, w := range words {
		switch {
		case strings.Contains(w, "mail"), w == "telex", w == "type", w == "label", w == "typ":
			return "", false
		case strings.Contains(w, "telefon"), strings.Contains(w, "phone"),
			strings.Contains(w, "fax"), strings.Contains(w, "mobil"),
			strings.Contains(w, "handy"), strings.Contains(w, "rufnummer"),
			strings.Contains(w, "durchwahl"),
			w == "tel", w == "fon", w == "cell", w == "cellular", w == "pager":
			phone = true
		}
	}
	if !phone {
		return "", false
	}
	return contacts.KindOfLabel(strings.Join(words, " ")), true
}
