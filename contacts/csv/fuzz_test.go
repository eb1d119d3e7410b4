package csv

import (
	"bufio"
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"deskcti/contacts"
)

// FuzzRead loads arbitrary bytes as a CSV file and checks what Load
// promises: no panic, contacts with numbers and valid text, problems on
// lines of the file in increasing order, nothing next to a fatal error.
func FuzzRead(f *testing.F) {
	f.Add([]byte("Name;Telefon\nA;1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := New("f.csv", nil).read(context.Background(), bytes.NewReader(data), int64(len(data)), nil)
		// Read in parts, as a large file is, the answer is the same.
		var got2 []contacts.Contact
		var err2 error
		inParts(func() {
			got2, err2 = New("f.csv", nil).read(context.Background(), bytes.NewReader(data), int64(len(data)), nil)
		})
		if fmt.Sprint(err) != fmt.Sprint(err2) || !reflect.DeepEqual(got, got2) {
			t.Fatalf("in parts: %v %v, in one: %v %v", got2, err2, got, err)
		}
		var p contacts.Problems
		switch {
		case errors.As(err, &p):
			last := 0
			for _, e := range p {
				if e.Line <= last {
					t.Fatalf("problem lines not increasing: %v", err)
				}
				last = e.Line
			}
			// UTF-16 halves the bytes per line, so count lines loosely.
			if lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte{'\n', 0}) + 1; last > lines {
				t.Fatalf("problem on line %d of a %d-line file", last, lines)
			}
		case err != nil:
			if got != nil {
				t.Fatalf("%d contacts next to fatal error %v", len(got), err)
			}
			return
		}
		for _, c := range got {
			if len(c.Numbers) == 0 {
				t.Fatalf("contact without number: %+v", c)
			}
			if !strings.HasPrefix(c.ID, "row ") || c.Source != "csv:f.csv" {
				t.Fatalf("bad ID or source: %+v", c)
			}
			for _, s := range []string{c.Name, c.Company} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %+v", c)
				}
			}
			for _, n := range c.Numbers {
				if n.Raw == "" || !utf8.ValidString(n.Raw) || (n.E164 != "" && n.E164 != n.Raw) {
					t.Fatalf("bad number %+v", n)
				}
			}
		}
	})
}

// FuzzRecords checks the line feeder against encoding/csv reading the
// whole input at once: on input csv reads without error, both must give
// the same records starting on the same lines.
func FuzzRecords(f *testing.F) {
	f.Add("a,b\n\"c\nd\",e\n")
	f.Fuzz(func(t *testing.T, in string) {
		type rec struct {
			fields []string
			line   int
		}
		var plain []rec
		pr := stdcsv.NewReader(strings.NewReader(in))
		pr.FieldsPerRecord = -1
		pr.TrimLeadingSpace = true // as records does for any delimiter but tab
		for {
			r, err := pr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // only well-formed input has one right answer
			}
			line, _ := pr.FieldPos(0)
			plain = append(plain, rec{r, line})
		}
		rs := &records{feed: newLineFeeder(bufio.NewReaderSize(strings.NewReader(in), 16), 0), delim: ',', fields: -1}
		rs.restart(0)
		var ours []rec
		for {
			r, line, bad, err := rs.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil || bad != nil {
				t.Fatalf("line feeder: %v %v on input csv reads", err, bad)
			}
			var fields []string
			for i := range r.len() {
				fields = append(fields, strings.Clone(r.field(i)))
			}
			ours = append(ours, rec{fields, line})
		}
		if !reflect.DeepEqual(plain, ours) {
			t.Fatalf("records differ:\nplain %v\n ours %v", plain, ours)
		}
	})
}

// FuzzQuickRecords holds records' own splitting of simple lines (quick.go)
// to encoding/csv: on any input, with the fast path on or off, next must
// give the same records, lines, problems and errors.
func FuzzQuickRecords(f *testing.F) {
	f.Add("Name;Telefon\nA;1\n\"B\";\"0221 \"\"4711\"\"\"\n\r\nC; 3\r\nD;\"x\ny\";z\n\"E;5\n", byte(';'), uint8(0))
	f.Add("a,b\n c ,\"d\"\n\"e\"x,f\ng,h\"\n,\n  \n", byte(','), uint8(16))
	f.Add("a\tb\n\tc\n\"q\"\t\"r\"\"\"\n", byte('\t'), uint8(0))
	f.Fuzz(func(t *testing.T, in string, delim byte, bufSize uint8) {
		if !validDelimiter(rune(delim)) {
			return
		}
		size := 4096
		if bufSize > 0 {
			size = int(bufSize) // bufio makes it at least 16
		}
		type step struct {
			rec  []string
			line int
			bad  string
			err  error
		}
		run := func(fast bool) []step {
			rs := &records{feed: newLineFeeder(bufio.NewReaderSize(strings.NewReader(in), size), 0), delim: rune(delim)}
			rs.restart(0)
			var steps []step
			for i := 0; ; i++ {
				rec, line, bad, err := rs.next()
				s := step{line: line, err: err}
				n := 0
				if rec != nil {
					n = rec.len()
				}
				for i := range n {
					s.rec = append(s.rec, strings.Clone(rec.field(i))) // quick's point into the buffer
				}
				if bad != nil {
					s.bad = bad.Error()
				}
				steps = append(steps, s)
				if err != nil {
					return steps
				}
				if i == 0 && bad == nil {
					// As read does after the header.
					rs.fields = n
					rs.r.FieldsPerRecord = n
					rs.fast = fast && quickDelimiter(rune(delim))
				}
			}
		}
		slow, quick := run(false), run(true)
		if !reflect.DeepEqual(slow, quick) {
			t.Fatalf("records differ:\nencoding/csv %+v\n       quick %+v", slow, quick)
		}
	})
}
