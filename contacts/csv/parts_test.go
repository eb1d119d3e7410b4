package csv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// partsFile makes a file whose rows hold what makes a guessed part start
// wrong: notes over many lines (which a part may start inside, where a
// line looks like a record of its own), a stray quote swallowing lines,
// empty lines and rows of the wrong width; with a BOM and a sep= line
// before the header, so that the parts' offsets count them.
func partsFile(rows int) []byte {
	var b bytes.Buffer
	b.Write(bomUTF8)
	b.WriteString("sep=;\r\nVorname;Nachname;Notizen;Telefon geschäftlich\r\n")
	for i := range rows {
		note := fmt.Sprintf("Notiz %d", i)
		switch {
		case i%50 == 7:
			// A long note whose lines look like rows.
			var lines []string
			for j := range 30 {
				lines = append(lines, fmt.Sprintf("Fake %d;Row;x;0221 %d", j, 9000+j))
			}
			note = `"` + strings.Join(lines, "\n") + `"`
		case i%97 == 3:
			note = `"kaputt` // runs on to the next quote
		case i%61 == 5:
			b.WriteString("\r\n\r\n")
		case i%43 == 2:
			b.WriteString("nur;drei;Felder\r\n")
		}
		fmt.Fprintf(&b, "Jürgen %d;Müller;%s;0221 %d-%d\r\n", i, note, 4700+i%300, i%100)
	}
	return b.Bytes()
}

// TestPartsAgree reads files in two to nine parts, however small, and
// wants the contacts, rows and problems (lines included) of reading them
// in one: also when a part's guessed start is inside a multi-line field,
// which the test checks happens.
func TestPartsAgree(t *testing.T) {
	home := number.Home{Country: "DE", AreaCode: "221"}
	data := partsFile(2000)
	ctx := context.Background()
	one, oneErr := New("p.csv", nil).read(ctx, bytes.NewReader(data), int64(len(data)), &home)
	if len(one) < 1500 {
		t.Fatalf("read in one: only %d contacts (%v)", len(one), oneErr)
	}
	var p contacts.Problems
	if !asProblems(oneErr, &p) || len(p) < 20 {
		t.Fatalf("read in one: want problems, got %v", oneErr)
	}
	insideField := 0
	for n := 2; n <= 9; n++ {
		oldMin, oldMax := partMin, maxParts
		partMin, maxParts = 1, func() int { return n }
		got, err := New("p.csv", nil).read(ctx, bytes.NewReader(data), int64(len(data)), &home)
		bounds, planErr := planParts(bytes.NewReader(data), 0, int64(len(data)))
		partMin, maxParts = oldMin, oldMax
		if planErr != nil || len(bounds) != n-1 {
			t.Fatalf("%d parts planned as %v (%v)", n, bounds, planErr)
		}
		for _, at := range bounds {
			if bytes.Count(data[:at], []byte{'"'})%2 == 1 {
				insideField++
			}
		}
		if fmt.Sprint(err) != fmt.Sprint(oneErr) {
			t.Fatalf("in %d parts: problems\n%v\nwant\n%v", n, err, oneErr)
		}
		if !reflect.DeepEqual(got, one) {
			for i := range min(len(got), len(one)) {
				if !reflect.DeepEqual(got[i], one[i]) {
					t.Fatalf("in %d parts: contact %d is %+v, want %+v", n, i, got[i], one[i])
				}
			}
			t.Fatalf("in %d parts: %d contacts, want %d", n, len(got), len(one))
		}
	}
	if insideField == 0 {
		t.Fatal("no part started inside a quoted field: the test does not test reading again")
	}
}

func asProblems(err error, p *contacts.Problems) bool {
	q, ok := err.(contacts.Problems)
	*p = q
	return ok
}

// TestPartsStartAsPlanned reads files without multi-line fields, with and
// without a BOM and a sep= line, in parts: each part must start where it
// was planned to, that is, where the part before it ended, and not be read
// twice.
func TestPartsStartAsPlanned(t *testing.T) {
	for _, prefix := range []string{"", "\xEF\xBB\xBF", "\xEF\xBB\xBFsep=;\r\n", "sep=;\n"} {
		var b bytes.Buffer
		b.WriteString(prefix + "Vorname;Nachname;Telefon geschäftlich\r\n")
		for i := range 3000 {
			fmt.Fprintf(&b, "\"Jürgen %d\";\"Müller\";\"0221 %d\"\r\n", i, 4000+i)
		}
		data := b.Bytes()
		for n := 2; n <= 5; n++ {
			oldMin, oldMax := partMin, maxParts
			partMin, maxParts = 1, func() int { return n }
			p, err := New("p.csv", nil).readTables(context.Background(), bytes.NewReader(data), int64(len(data)), nil)
			if err != nil {
				t.Fatal(err)
			}
			tables := p.tables
			bounds, _ := planParts(bytes.NewReader(data), tables[0].start, int64(len(data)))
			partMin, maxParts = oldMin, oldMax
			if len(tables) != n {
				t.Fatalf("%q: %d parts, want %d", prefix, len(tables), n)
			}
			rows := 0
			for k, tb := range tables {
				rows += tb.rows
				if k > 0 && bytes.Count(data[:tb.start], []byte{'\n'})+1 != tables[0].lines+sumLines(tables[1:k])+1 {
					t.Fatalf("%q in %d: part %d starts at %d, after %d lines", prefix, n, k, tb.start, tables[0].lines)
				}
				if k > 0 && tb.start != bounds[k-1] {
					t.Fatalf("%q in %d: part %d read again from %d, planned at %d", prefix, n, k, tb.start, bounds[k-1])
				}
				if k > 0 && tb.start != tables[k-1].end {
					t.Fatalf("%q in %d: part %d starts at %d, the one before ends at %d", prefix, n, k, tb.start, tables[k-1].end)
				}
				if k > 0 && data[tb.start-1] != '\n' {
					t.Fatalf("%q in %d: part %d starts at %d, not at a line start", prefix, n, k, tb.start)
				}
			}
			if rows != 3000 || tables[n-1].end != int64(len(data)) {
				t.Fatalf("%q in %d: %d rows to byte %d, want 3000 to %d", prefix, n, rows, tables[n-1].end, len(data))
			}
		}
	}
}

func sumLines(ts []*table) int {
	n := 0
	for _, t := range ts {
		n += t.lines
	}
	return n
}

// failingAt is a file whose bytes in [from, to) cannot be read at an
// offset (a network share that drops out), and which counts the bytes it
// gave, read in order (the first part) or at an offset (the others).
type failingAt struct {
	r        *bytes.Reader
	data     []byte
	from, to int64
	given    atomic.Int64
}

var errDropped = errors.New("share dropped out")

func (f *failingAt) Read(b []byte) (int, error) {
	n, err := f.r.Read(b)
	f.given.Add(int64(n))
	return n, err
}

func (f *failingAt) ReadAt(b []byte, off int64) (int, error) {
	if off < f.to && off+int64(len(b)) > f.from {
		return 0, errDropped
	}
	n := copy(b, f.data[min(off, int64(len(f.data))):])
	f.given.Add(int64(n))
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// TestFailingPartStopsTheOthers: when one part cannot be read, the file's
// error is that part's, and the other parts stop instead of reading the
// rest of a file that is lost anyway (on a slow share, minutes).
func TestFailingPartStopsTheOthers(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Vorname;Nachname;Telefon geschäftlich\r\n")
	for i := range 200_000 {
		fmt.Fprintf(&b, "Jürgen %d;Müller;0221 %d\r\n", i, 4000+i%5000)
	}
	data := b.Bytes()
	oldMin, oldMax := partMin, maxParts
	partMin, maxParts = 1, func() int { return 8 }
	defer func() { partMin, maxParts = oldMin, oldMax }()
	bounds, err := planParts(bytes.NewReader(data), 0, int64(len(data)))
	if err != nil || len(bounds) != 7 {
		t.Fatalf("planned %v (%v), want 8 parts", bounds, err)
	}
	// Inside the second part, clear of the reads that plan the parts.
	f := &failingAt{r: bytes.NewReader(data), data: data, from: bounds[0] + 8192, to: bounds[1] - 8192}
	home := number.Home{Country: "DE", AreaCode: "221"}
	_, err = New("p.csv", nil).read(context.Background(), f, int64(len(data)), &home)
	if !errors.Is(err, errDropped) || !strings.Contains(err.Error(), "p.csv") {
		t.Fatalf("error %v, want the dropped share, with the file's name", err)
	}
	if got := f.given.Load(); got > int64(len(data))/2 {
		t.Fatalf("%d of %d bytes read after a part failed: the other parts went on", got, len(data))
	}
}
