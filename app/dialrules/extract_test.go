package dialrules

import (
	"errors"
	"testing"
)

func TestExtract(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Tel.: +49 (0) 221 / 123 45-67", "+49 (0) 221 / 123 45-67"},
		{"Rufen Sie an: 0221-12345!", "0221-12345"},
		{"Meeting am 22.11.2026 um 14:30, Tel. 0221 4711 23", "0221 4711 23"},
		{"22.11.2026 0221 4711 23", "0221 4711 23"},
		{"Musterstr. 5, 50667 Köln, Telefon (0221) 47 11 - 0", "(0221) 47 11 - 0"},
		{"Fax: 0221 4711 99\nMobil: 0171 1234567", "0171 1234567"},
		{"Fax 0221 4711 99", "0221 4711 99"},
		{"Tel 0221 100\nFax 0221 200\nMobil 0171 300", "0221 100"},
		{"T: 0221 4711-0 | F: 0221 4711-99 | M: 0171 1234567", "0221 4711-0"},
		{"F: 0221 4711-99, M: 0171 1234567", "0171 1234567"},
		{"Mobil: 0171/1234567, Tel: 0221 4711", "0171/1234567"},
		{"+49 221 4711 23 und +49 30 1234567", "+49 221 4711 23"},
		{"IBAN DE89 3704 0044 0532 0130 00, Tel. 030 1234567", "030 1234567"},
		{"Bestellung AB-12345, Rückruf unter 089 12 34 56", "089 12 34 56"},
		{"Ihre Kundennummer: 4711 23, Hotline 0800 3301000", "0800 3301000"},
		{"Ticket 2026-0042: Kunde bittet um Rückruf 0171 1234567", "0171 1234567"},
		{"Preis 1.234,56 € oder 0221 4711", "0221 4711"},
		{"3M Deutschland, 0221 4711 23", "0221 4711 23"},
		{"Öffnungszeiten 8–17 Uhr, Telefon 0221 4711", "0221 4711"},
		{"Erreichbar unter 4711 23.", "4711 23"},
		{"Phone no.: 0221 4711 23", "0221 4711 23"},
		{"Tel.-Nr.: 0221 4711 23", "0221 4711 23"},
		{"Tel:0221 4711 23", "0221 4711 23"},
		{"Tel. (0221) 123 456 (Zentrale", "(0221) 123 456"},
		{"Zentrale: 0221/4711-0 (Mo–Fr)", "0221/4711-0"},
		{"0221 4711-0, Durchwahl 23", "0221 4711-0, Durchwahl 23"},
		{"Phone: +1 (555) 010-9999 ext. 12", "+1 (555) 010-9999"},
		{`<a href="tel:+4930123456">Anrufen</a>`, "+4930123456"},
		{"tel:+4930123456;ext=12", "+4930123456"},
		{"callto:0049301234567", "0049301234567"},
		{"sip:201@pbx", "201"},
		{"sip:alice@pbx.example", "alice@pbx.example"},
		{"Ruf mich an: sip:alice@pbx.example", "alice@pbx.example"},
		{"  23  ", "23"},
		{"*21#", "*21#"},
		{"# 31 #", "#31#"},
		{"+49\u00a0221\u20114711\u202f23", "+49\u00a0221\u20114711\u202f23"},
	}
	for _, c := range cases {
		got, err := Extract(c.in)
		if err != nil || got != c.want {
			t.Errorf("Extract(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestExtractNothing(t *testing.T) {
	for _, in := range []string{"", " \n ", "Hallo Welt", "Termin 22.11.2026, 14.30 Uhr", "Musterstr. 5, 50667 Köln",
		"IBAN DE89 3704 0044 0532 0130 00", "Sprechzeiten Mo–Fr 8–17 Uhr", "Preis: 1.234,56 €", "Kundennummer: 4711 23",
		"Zimmer 23 im 2. Stock", "tel:", "sip:@", "sip:al ice@pbx", "50 %"} {
		if got, err := Extract(in); !errors.Is(err, ErrNoNumber) {
			t.Errorf("Extract(%q) = %q, %v; want ErrNoNumber", in, got, err)
		}
	}
}
