package csv

import (
	"testing"

	"deskcti/contacts"
)

func TestGuessNumber(t *testing.T) {
	tests := []struct {
		header string
		kind   contacts.Kind
		ok     bool
	}{
		{"telefon", contacts.Other, true},
		{"tel.", contacts.Other, true},
		{"tel. privat", contacts.Home, true},
		{"telefon geschäftlich 3", contacts.Work, true},
		{"durchwahl", contacts.Work, true},
		{"mobil", contacts.Mobile, true},
		{"handynummer", contacts.Mobile, true},
		{"mobile phone 2", contacts.Mobile, true},
		{"telefax", contacts.Fax, true},
		{"fax geschäftlich", contacts.Fax, true},
		{"work phone", contacts.Work, true},
		{"home phone", contacts.Home, true},
		{"cell", contacts.Mobile, true},
		{"rufnummer zentrale", contacts.Work, true},
		{"titel", "", false},
		{"telex", "", false},
		{"e-mail", "", false},
		{"phone 1 - type", "", false},
		{"telefon typ", "", false},
		{"kundennummer", "", false},
		{"name", "", false},
	}
	for _, tt := range tests {
		k, ok := guessNumber(tt.header)
		if k != tt.kind || ok != tt.ok {
			t.Errorf("guessNumber(%q) = %q, %v; want %q, %v", tt.header, k, ok, tt.kind, tt.ok)
		}
	}
}

func TestKindOfLabel(t *testing.T) {
	tests := map[string]contacts.Kind{
		"Mobile":         contacts.Mobile,
		"* Mobile":       contacts.Mobile,
		"Work":           contacts.Work,
		"Work Fax":       contacts.Fax,
		"Home Fax":       contacts.Fax,
		"Home":           contacts.Home,
		"Main":           contacts.Other,
		"Google Voice":   contacts.Other,
		"":               contacts.Other,
		"Geschäftlich":   contacts.Work,
		"Privat":         contacts.Home,
		"Handy (privat)": contacts.Mobile,
	}
	for in, want := range tests {
		if got := contacts.KindOfLabel(in); got != want {
			t.Errorf("contacts.KindOfLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormHeader(t *testing.T) {
	tests := map[string]string{
		"\ufeffFirst Name":   "first name",
		"  Telefon   Privat": "telefon privat",
		"first_name":         "first name",
		"NACHNAME":           "nachname",
	}
	for in, want := range tests {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
