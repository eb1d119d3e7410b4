package vcard

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// tenThousand is an address book of 10,000 cards in the three dialects a
// merged export holds: Apple 3.0, Android 2.1 quoted-printable and Outlook
// 2.1 with bare types.
func tenThousand() []byte {
	var b bytes.Buffer
	for i := range 10000 {
		switch i % 4 {
		case 0, 1:
			fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller-%d;Jürgen;;;\r\nFN:Jürgen Müller-%d\r\nORG:Bäckerei Müller GmbH;\r\n"+
				"TEL;type=CELL;type=VOICE;type=pref:+49 171 %07d\r\nTEL;type=WORK;type=VOICE:0221 / 4711 %d\r\n"+
				"item1.TEL:+49 221 4711-0\r\nitem1.X-ABLabel:Zentrale\r\nEMAIL;type=INTERNET:j%d@example.de\r\n"+
				"NOTE:Rückruf bevorzugt vormittags\\, bitte über das Sekretariat. Lieferungen imme\r\n r dienstags.\r\n"+
				"UID:%08d-7F2B-4B69-9A59-7C8B1C3D2E11\r\nEND:VCARD\r\n", i, i, i, i, i, i)
		case 2:
			fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:2.1\r\n"+
				"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=47=C3=B6=C3=9F=6D=61=6E=6E;=46=72=61=6E=7A=69=73=6B=61;;;\r\n"+
				"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=46=72=61=6E=7A=69=73=6B=61=20=47=C3=B6=C3=9F=6D=61=6E=\r\n=6E %d\r\n"+
				"TEL;CELL:+49157%08d\r\nTEL;WORK;FAX:0221 4711-99\r\nEND:VCARD\r\n", i, i)
		case 3:
			fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8:Weiß;Hans %d\r\nFN;CHARSET=UTF-8:Hans Weiß %d\r\n"+
				"ORG;CHARSET=UTF-8:Spedition Köln-Deutz GmbH & Co. KG\r\nTEL;WORK;VOICE:0221 / 4711 %d\r\nTEL;HOME;VOICE:0221 / 98 76 54\r\n"+
				"ADR;WORK;PREF;CHARSET=UTF-8:;;Hauptstraße 1;Köln;;50667;Deutschland\r\n"+
				"LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:Hauptstra=C3=9Fe 1=0D=0A=\r\n50667 K=C3=B6ln\r\nEND:VCARD\r\n", i, i, i)
		}
	}
	return b.Bytes()
}

// BenchmarkParse10k reports ns/card for parsing the whole file.
func BenchmarkParse10k(b *testing.B) {
	data := tenThousand()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cs, err := parse(context.Background(), data, "bench.vcf")
		if err != nil || len(cs) != 10000 {
			b.Fatalf("%d contacts, %v", len(cs), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/card")
}
