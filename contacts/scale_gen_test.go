package contacts_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

// The generated address book of BenchmarkLookupScale: a German Outlook
// export (every field quoted, ';' as German Excel and Outlook write it) of
// companies with 20 people each. Person 0 of a company is its switchboard,
// stored with the company's head number (0221 12345-0); the others have a
// direct line behind it (0221 12345-23) and a mobile number. Numbers are
// written in the many ways people type them; a few are foreign, local
// (no area code), spelt with "Durchwahl" or not numbers at all.

const perCompany = 20

// scaleAreas are German area codes (Vorwahlen without the 0) of two to five
// digits; the company's index picks one.
var scaleAreas = []string{"30", "40", "89", "221", "211", "69", "711", "228", "231", "201", "341",
	"351", "511", "421", "911", "2241", "2203", "6221", "7531", "4621", "3322", "8821", "39203"}

// scaleMobiles are German mobile prefixes; 15x have eight-digit subscriber
// numbers, the others seven.
var scaleMobiles = []string{"151", "152", "157", "159", "160", "162", "163", "170", "171", "172",
	"173", "174", "175", "177", "178", "179"}

var (
	givenNames  = []string{"Jürgen", "Anna", "Özlem", "Björn", "Käthe", "Peter", "Maria", "Hans", "Sabine", "Thomas", "Ute", "Klaus", "Renée", "François", "Jörg", "Lena", "Mehmet", "Zoë"}
	familyNames = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Köhler", "König", "Walter", "Huber", "Weiß", "Groß", "Jäger"}
	trades      = []string{"Bäckerei", "Metallbau", "Steuerberatung", "Autohaus", "Zahnarztpraxis", "Elektro", "Spedition", "Gärtnerei", "Immobilien", "Druckerei"}
	legalForms  = []string{"GmbH", "GmbH & Co. KG", "AG", "e. K.", "OHG", "UG (haftungsbeschränkt)"}
	departments = []string{"Vertrieb", "Einkauf", "Buchhaltung", "Geschäftsführung", "Technik", "Lager", "Personal", ""}
)

// scaleRow is one generated contact and what a lookup must find of it.
type scaleRow struct {
	given, family, company, department string
	work, mobile                       string // as written in the file
	// workE164 and mobileE164 are the numbers' E.164 forms, empty where
	// the cell is foreign or garbage and so is not queried.
	workE164, mobileE164 string
	// area, head and ext make the German business number: 0221 12345-23.
	area, head, ext string
}

// mix spreads i over the formats like a hash, so that neighbouring rows
// are written differently and every format occurs at every size.
func mix(i int) uint64 {
	x := uint64(i) + 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// genRow makes contact i.
func genRow(i int) scaleRow {
	h := mix(i)
	c := i / perCompany
	r := scaleRow{
		given:      givenNames[h%uint64(len(givenNames))],
		family:     familyNames[(h>>8)%uint64(len(familyNames))],
		company:    trades[c%len(trades)] + " " + familyNames[(c/len(trades))%len(familyNames)] + " " + legalForms[c%len(legalForms)],
		department: departments[(h>>16)%uint64(len(departments))],
		area:       scaleAreas[c%len(scaleAreas)],
		head:       strconv.Itoa(10000 + c/len(scaleAreas)),
	}
	if i%perCompany == 0 {
		r.ext = "0"
		r.given, r.family = "Zentrale", ""
	} else {
		r.ext = strconv.Itoa(10 + i%perCompany)
	}
	r.work, r.workE164 = writeWork(h>>24, r.area, r.head, r.ext)
	if i%perCompany != 0 {
		switch (h >> 40) % 100 {
		case 0, 1, 2: // a foreign business partner
			r.work, r.workE164 = writeForeign(i), ""
		}
		r.mobile, r.mobileE164 = writeMobile(h>>48, i)
	}
	return r
}

// writeWork writes a German business number in one of the ways people do.
func writeWork(h uint64, area, head, ext string) (written, e164 string) {
	e164 = "+49" + area + head + ext
	sep := "-"
	if ext == "0" && h%3 == 0 {
		sep = " "
	}
	switch h % 50 {
	case 0, 1, 2, 3, 4, 5, 6, 7:
		return "0" + area + " " + head + sep + ext, e164
	case 8, 9, 10, 11, 12:
		return "0" + area + "/" + head + ext, e164
	case 13, 14, 15, 16:
		return "(0" + area + ") " + head + " " + ext, e164
	case 17, 18, 19, 20, 21, 22:
		return "+49 " + area + " " + head + ext, e164
	case 23, 24, 25, 26, 27:
		return "+49 (0)" + area + " " + head + sep + ext, e164
	case 28, 29, 30:
		return "0049 " + area + " " + head + " " + ext, e164
	case 31, 32, 33:
		return "+49-" + area + "-" + head + "-" + ext, e164
	case 34, 35, 36:
		return "0" + area + head + ext, e164
	case 37, 38:
		return e164, e164 // already E.164, as CardDAV or a CRM exports
	case 39:
		if ext != "0" {
			return "0" + area + " " + head + "-0, Durchwahl " + ext, e164
		}
		return "0" + area + " " + head + "-0", e164
	case 40:
		if area == "221" { // the user's own area: written without it
			return head + " " + ext, e164
		}
		return "0" + area + " " + head + " " + ext, e164
	case 41:
		return "Tel. 0" + area + " " + head + sep + ext, e164
	case 42:
		return "+49\u00a0" + area + "\u00a0" + head + sep + ext, e164
	}
	return "0" + area + " - " + head + " " + ext, e164
}

// writeMobile writes person i's mobile number; one in a hundred cells
// holds something that is not a number.
func writeMobile(h uint64, i int) (written, e164 string) {
	k := i / perCompany * (perCompany - 1)
	k += i%perCompany - 1 // people without the switchboard, numbered densely
	p := scaleMobiles[k%len(scaleMobiles)]
	sub := strconv.Itoa(1000000 + k/len(scaleMobiles))
	if p[1] == '5' {
		sub = strconv.Itoa(10000000 + k/len(scaleMobiles))
	}
	e164 = "+49" + p + sub
	switch h % 100 {
	case 0:
		return "folgt", ""
	case 1:
		return "0000 000", ""
	}
	switch h % 8 {
	case 0:
		return "0" + p + " " + sub, e164
	case 1:
		return "0" + p + "/" + sub, e164
	case 2:
		return "+49 " + p + " " + sub, e164
	case 3:
		return "+49 (0)" + p + " " + sub[:3] + " " + sub[3:5] + " " + sub[5:], e164
	case 4:
		return "0" + p + "-" + sub[:3] + " " + sub[3:], e164
	case 5:
		return e164, e164
	case 6:
		return "0049 " + p + " " + sub, e164
	}
	return "(0" + p + ") " + sub, e164
}

// writeForeign writes a number in Austria, Switzerland, France, the UK or
// the Netherlands.
func writeForeign(i int) string {
	n := strconv.Itoa(1000000 + i%9000000)
	switch i % 5 {
	case 0:
		return "+43 1 5" + n[:2] + " " + n[2:]
	case 1:
		return "+41 44 " + n[:3] + " " + n[3:5] + " " + n[5:]
	case 2:
		return "+33 1 4" + n[:1] + " " + n[1:3] + " " + n[3:5] + " " + n[5:]
	case 3:
		return "+44 (0)20 7" + n[:3] + " " + n[3:]
	}
	return "0031 20 " + n[:3] + " " + n[3:]
}

// scaleHeader is the start of a German Outlook export, cut to the columns
// generated.
const scaleHeader = `"Anrede";"Vorname";"Nachname";"Firma";"Abteilung";"Position";"Straße geschäftlich";"Ort geschäftlich";"Postleitzahl geschäftlich";"Telefon geschäftlich";"Mobiltelefon";"E-Mail-Adresse";"Notizen"` + "\r\n"

// writeScaleCSV writes n generated contacts to path.
func writeScaleCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(scaleHeader)
	var line []byte
	field := func(s string, last bool) {
		line = append(line, '"')
		line = append(line, s...)
		line = append(line, '"')
		if last {
			line = append(line, '\r', '\n')
		} else {
			line = append(line, ';')
		}
	}
	for i := range n {
		r := genRow(i)
		line = line[:0]
		anrede := "Herr"
		if mix(i)&1 == 0 {
			anrede = "Frau"
		}
		field(anrede, false)
		field(r.given, false)
		field(r.family, false)
		field(r.company, false)
		field(r.department, false)
		field("", false)
		field("Hauptstraße "+strconv.Itoa(1+i%200), false)
		field("Köln", false)
		field(strconv.Itoa(50667+i%100), false)
		field(r.work, false)
		field(r.mobile, false)
		field(fmt.Sprintf("kontakt%d@example.de", i), false)
		field("", true)
		if _, err := w.Write(line); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
