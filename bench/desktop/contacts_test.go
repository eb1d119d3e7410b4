package desktop

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writeContacts writes an address book of n contacts as an English
// Outlook CSV export, the commonest kind, and returns its path. Contact
// i has a Köln business number and a mobile number (see contactNumber).
func writeContacts(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("contacts-%d.csv", n))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "First Name,Last Name,Company,Business Phone,Mobile Phone")
	for i := range n {
		fmt.Fprintf(w, "%s,%s,\"%s\",%s,0171 %07d\n", firstName(i), lastName(i), company(i), contactNumber(i), i)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

func firstName(i int) string { return []string{"Anna", "Jürgen", "Gisela", "Mehmet", "Olga"}[i%5] }
func lastName(i int) string  { return fmt.Sprintf("Kunde%06d", i) }
func company(i int) string   { return fmt.Sprintf("Müller & Söhne %d GmbH", i%5000) }

// contactName is the name the pop-up shows for contact i.
func contactName(i int) string { return firstName(i) + " " + lastName(i) }

// contactNumber is contact i's business number as the address book has it.
func contactNumber(i int) string { return fmt.Sprintf("+49 221 %07d", 3000000+i) }

// phoneNumber is contact i's business number as a snom sends it in
// $remote: national, inside a SIP URI.
func phoneNumber(i int) string { return fmt.Sprintf("sip:0221%07d@pbx.example", 3000000+i) }
