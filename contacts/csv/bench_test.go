package csv

import (
	"bufio"
	"context"
	stdcsv "encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

const benchRows = 100_000

// writeBenchFile writes rows of a generated address book: the header, then
// rows made by row(i).
func writeBenchFile(b *testing.B, header string, row func(w *bufio.Writer, i int)) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(header)
	for i := range benchRows {
		row(w, i)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

func benchLoad(b *testing.B, path string) {
	s := New(path, nil)
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		got, err := s.Load(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != benchRows {
			b.Fatalf("loaded %d contacts, want %d", len(got), benchRows)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	rows := float64(b.N) * benchRows
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/rows, "ns/row")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/rows, "allocs/row")
}

// BenchmarkLoadOutlook loads a full-width English Outlook export (92
// columns, every field quoted), the widest layout users have.
func BenchmarkLoadOutlook(b *testing.B) {
	cols := strings.Split(strings.TrimSpace(outlookHeaderForBench), ",")
	idx := map[string]int{}
	for i, c := range cols {
		idx[strings.Trim(c, `"`)] = i
	}
	path := writeBenchFile(b, outlookHeaderForBench+"\r\n", func(w *bufio.Writer, i int) {
		f := make([]string, len(cols))
		f[idx["First Name"]] = "Jürgen"
		f[idx["Last Name"]] = fmt.Sprintf("Müller-%d", i)
		f[idx["Company"]] = fmt.Sprintf("Bäckerei %d GmbH", i%5000)
		f[idx["Business Phone"]] = fmt.Sprintf("+49 221 %d-0", 100000+i)
		f[idx["Mobile Phone"]] = fmt.Sprintf("0171 %07d", i)
		f[idx["Business Street"]] = "Hauptstraße 1"
		f[idx["Business City"]] = "Köln"
		f[idx["Notes"]] = "Rückruf erbeten"
		for j, v := range f {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString(`"` + v + `"`)
		}
		w.WriteString("\r\n")
	})
	benchLoad(b, path)
}

// BenchmarkLoadSimple loads a narrow Excel table with ';'.
func BenchmarkLoadSimple(b *testing.B) {
	path := writeBenchFile(b, "Vorname;Nachname;Firma;Telefon;Mobil\n", func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "Jürgen;Müller-%d;Bäckerei %d GmbH;0221 / %d;+49171%07d\n", i, i%5000, 100000+i, i)
	})
	benchLoad(b, path)
}

const outlookHeaderForBench = `"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title","Business Street","Business Street 2","Business Street 3","Business City","Business State","Business Postal Code","Business Country/Region","Home Street","Home Street 2","Home Street 3","Home City","Home State","Home Postal Code","Home Country/Region","Other Street","Other Street 2","Other Street 3","Other City","Other State","Other Postal Code","Other Country/Region","Assistant's Phone","Business Fax","Business Phone","Business Phone 2","Callback","Car Phone","Company Main Phone","Home Fax","Home Phone","Home Phone 2","ISDN","Mobile Phone","Other Fax","Other Phone","Pager","Primary Phone","Radio Phone","TTY/TDD Phone","Telex","Account","Anniversary","Assistant's Name","Billing Information","Birthday","Business Address PO Box","Categories","Children","Directory Server","E-mail Address","E-mail Type","E-mail Display Name","E-mail 2 Address","E-mail 2 Type","E-mail 2 Display Name","E-mail 3 Address","E-mail 3 Type","E-mail 3 Display Name","Gender","Government ID Number","Hobby","Home Address PO Box","Initials","Internet Free Busy","Keywords","Language","Location","Manager's Name","Mileage","Notes","Office Location","Organizational ID Number","Other Address PO Box","Priority","Private","Profession","Referred By","Sensitivity","Spouse","User 1","User 2","User 3","User 4","Web Page"`

// BenchmarkLoadGermanOutlook loads a German Outlook export as Excel saves
// it (every field quoted, ';'), next to encoding/csv reading the same file
// (csv-ns/row), the baseline of issue 8's figure 4.
func BenchmarkLoadGermanOutlook(b *testing.B) {
	path := writeBenchFile(b, `"Anrede";"Vorname";"Nachname";"Firma";"Abteilung";"Position";"Straße geschäftlich";"Ort geschäftlich";"Postleitzahl geschäftlich";"Telefon geschäftlich";"Mobiltelefon";"E-Mail-Adresse";"Notizen"`+"\r\n",
		func(w *bufio.Writer, i int) {
			fmt.Fprintf(w, `"Herr";"Jürgen";"Müller-%d";"Bäckerei %d GmbH";"Vertrieb";"";"Hauptstraße %d";"Köln";"%d";"0221 %d-%d";"+49 171 %07d";"kontakt%d@example.de";""`+"\r\n",
				i, i%5000, i%200, 50667+i%100, 10000+i/20, 10+i%20, i, i)
		})
	benchLoad(b, path)
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	r := stdcsv.NewReader(f)
	r.Comma, r.ReuseRecord = ';', true
	for {
		if _, err := r.Read(); err != nil {
			break
		}
	}
	f.Close()
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/benchRows, "csv-ns/row")
}
