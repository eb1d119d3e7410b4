package csv

import (
	"context"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

var (
	_ contacts.NormalizingSource = (*Source)(nil)
	_ contacts.Watched           = (*Source)(nil)
)

// Source is one CSV file. It keeps no state between loads and is safe for
// concurrent use.
type Source struct {
	path    string
	mapping *Mapping
	name    string
	uri     string
}

// New returns the source for the CSV file at path. With m nil the columns
// are recognised from the header (see the package documentation); with m
// they are taken from it. New copies m and does not touch the file.
func New(path string, m *Mapping) *Source {
	return &Source{path: path, mapping: m.clone(), name: "csv:" + path, uri: contacts.FileURI(path)}
}

// Name identifies the source: "csv:" + path.
func (s *Source) Name() string { return s.name }

// Paths returns the file, for the index to watch.
func (s *Source) Paths() []string { return []string{s.path} }

// Load reads every row that has at least one number. Rows that cannot be
// read (a wrong number of fields, broken quotes) are skipped and listed in a
// contacts.Problems error next to the contacts of the other rows. A header
// in which no name or no number column can be found fails the whole load
// with a *contacts.LineError saying what was expected.
//
// A contact's ID is "row N", N being the row as a spreadsheet numbers it
// (the header is row 1), and OpenURI is the file's file:// URI.
func (s *Source) Load(ctx context.Context) ([]contacts.Contact, error) {
	return s.load(ctx, nil)
}

// LoadNormalized is Load with the numbers' E.164 forms filled in relative
// to home as the rows are read.
func (s *Source) LoadNormalized(ctx context.Context, home number.Home) ([]contacts.Contact, error) {
	return s.load(ctx, &home)
}

func (s *Source) load(ctx context.Context, home *number.Home) ([]contacts.Contact, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("csv %s: %w", s.path, err)
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return s.read(ctx, f, size, home)
}

// records reads records over a lineFeeder, starting over after a record
// whose missing quote swallowed the lines after it.
type records struct {
	feed      *lineFeeder
	r         *stdcsv.Reader
	base      int // lines before r's first line that r did not read
	delim     rune
	fields    int
	rowsSoFar int

	// fast lets quick split simple lines itself (see quick.go). Their
	// records point into the feeder's buffer: on only once nobody keeps
	// records past the next call (the header is copied).
	fast    bool
	scratch []byte
	rec     record // the last record quick split, or encoding/csv read
}

func (rs *records) restart(base int) {
	rs.r = stdcsv.NewReader(rs.feed)
	rs.r.Comma = rs.delim
	rs.r.ReuseRecord = true
	rs.r.FieldsPerRecord = rs.fields
	// Hand-written files put a space after the comma, before the quote:
	// `"Meier", "0221 4711"`. Not with tabs, where trimming would eat the
	// delimiters of empty fields.
	rs.r.TrimLeadingSpace = rs.delim != '\t'
	rs.base = base
}

// next returns the next record and the line it starts on; or, for a record
// that cannot be read, a nil record and the *LineError-worthy error; or
// io.EOF; or an error reading the file.
func (rs *records) next() (rec *record, line int, bad error, err error) {
	if rs.fast {
		if rec, line, ok := rs.quick(); ok {
			return rec, line, nil, nil
		}
	}
	strs, err := rs.r.Read()
	if err == nil {
		line, _ = rs.r.FieldPos(0)
		rs.feed.forget()
		rs.rec = record{strs: strs}
		return &rs.rec, rs.base + line, nil, nil
	}
	// Declared here, not above: errors.As makes it escape, and the good
	// rows should not pay an allocation for it.
	var pe *stdcsv.ParseError
	if errors.As(err, &pe) {
		start := rs.base + pe.StartLine
		bad := describeParseError(rs.base, len(strs), rs.fields, pe)
		if errors.Is(pe.Err, stdcsv.ErrQuote) && pe.Line > pe.StartLine {
			// The record swallowed the lines after its first looking for
			// its closing quote: read them again as records of their own.
			rs.feed.replayAfter(start)
			rs.restart(start)
		} else {
			rs.feed.forget()
		}
		return nil, start, bad, nil
	}
	return nil, 0, nil, err
}

func describeParseError(base, got, want int, pe *stdcsv.ParseError) error {
	switch {
	case errors.Is(pe.Err, stdcsv.ErrFieldCount):
		return fmt.Errorf("%d fields where the header has %d: %w", got, want, pe.Err)
	case pe.Line != pe.StartLine:
		return &otherLine{line: base + pe.Line, column: pe.Column, err: pe.Err,
			runsOn: errors.Is(pe.Err, stdcsv.ErrQuote)}
	}
	return fmt.Errorf("column %d: %w", pe.Column, pe.Err)
}

// otherLine is a problem of a record found on a line after its first. The
// line is counted like the record's: from the start of the part of the
// file it was read in, until read adds the lines before.
type otherLine struct {
	line, column int
	runsOn       bool // a quoted field ran on to the line
	err          error
}

func (e *otherLine) Error() string {
	if e.runsOn {
		return fmt.Sprintf("a quoted field opened on this line runs on to line %d, column %d "+
			"(the lines after this one are read as rows of their own): %v", e.line, e.column, e.err)
	}
	return fmt.Sprintf("line %d, column %d: %v", e.line, e.column, e.err)
}

func (e *otherLine) Unwrap() error { return e.err }

// read parses the CSV in r; size, when known, helps guess the number of
// rows. With home, the numbers' E.164 forms are filled in relative to it.
// A large file that r can read at any offset is read in parts, one per
// CPU (see readParts).
func (s *Source) read(ctx context.Context, r io.Reader, size int64, home *number.Home) ([]contacts.Contact, error) {
	p, err := s.readTables(ctx, r, size, home)
	if err != nil {
		return nil, err
	}
	cs := contactsOf(p.tables, s.name, s.uri, p.cs, p.ns)
	var problems contacts.Problems
	lineBase := 0
	for _, t := range p.tables {
		for _, e := range t.problems {
			e.Line += lineBase
			if o, ok := e.Err.(*otherLine); ok {
				o.line += lineBase
			}
			problems = append(problems, e)
		}
		lineBase += t.lines
	}
	if len(problems) > 0 {
		return cs, problems
	}
	return cs, nil
}

// readTables reads the file into tables, one per part, in order.
func (s *Source) readTables(ctx context.Context, r io.Reader, size int64, home *number.Home) (*parts, error) {
	txt, err := openText(r)
	if err != nil {
		return nil, fmt.Errorf("csv %s: %w", s.path, err)
	}
	head, _ := txt.r.Peek(sniffSize) // an error shows again on reading
	linesBefore := 0
	delim, n, ok := sepLine(head)
	if ok {
		_, _ = txt.r.Discard(n)
		head = head[n:]
		linesBefore = 1
		if txt.skipped >= 0 {
			txt.skipped += int64(n)
		}
	} else {
		delim = sniffDelimiter(head)
	}

	rs := &records{feed: newLineFeeder(txt.r, linesBefore), delim: delim}
	rs.restart(linesBefore)
	head1, headerLine, bad, err := rs.next()
	switch {
	case errors.Is(err, io.EOF):
		return nil, &contacts.LineError{File: s.path, Line: linesBefore + 1, Err: errors.New("empty file: no header line")}
	case err != nil:
		return nil, fmt.Errorf("csv %s: %w", s.path, err)
	case bad != nil:
		return nil, &contacts.LineError{File: s.path, Line: headerLine, Err: fmt.Errorf("header: %w", bad)}
	}
	header := make([]string, head1.len())
	for i := range header {
		// Copied: the reader reuses what its records point into.
		header[i] = strings.Clone(textString(head1.field(i), txt.mode))
	}
	lay, err := resolveLayout(header, s.mapping)
	if err != nil {
		return nil, &contacts.LineError{File: s.path, Line: headerLine,
			Err: fmt.Errorf("%w (read as %s, delimiter %s)", err, txt.encoding, delimiterName(delim))}
	}
	rs.fields = len(header)
	rs.r.FieldsPerRecord = len(header)
	rs.fast = quickDelimiter(delim)

	p := &parts{s: s, lay: &lay, mode: txt.mode, home: home, delim: delim, fields: len(header)}
	first := &table{}
	ra, _ := r.(io.ReaderAt)
	if txt.skipped < 0 {
		ra, size = nil, size/2 // UTF-16: the decoded text is about half the bytes
	}
	if err := p.read(ctx, rs, first, ra, txt.skipped+rs.feed.pos(), size); err != nil {
		return nil, err
	}
	return p, nil
}

// addRow hands one record to b.
func addRow(b *builder, l *layout, rec *record, row int) {
	for _, c := range l.numbers {
		b.number(c.kind, rec.field(c.col))
	}
	for _, g := range l.google {
		label := ""
		if g.label >= 0 {
			label = rec.field(g.label)
		}
		kind := contacts.KindOfLabel(label)
		for v := range strings.SplitSeq(rec.field(g.value), ":::") {
			b.number(kind, v)
		}
	}
	if len(b.row) == 0 {
		return
	}
	b.add(row, firstOf(rec, l.display), firstOf(rec, l.given), firstOf(rec, l.middle),
		firstOf(rec, l.family), firstOf(rec, l.company))
}

// firstOf returns the first non-empty of the columns cols of rec, trimmed.
func firstOf(rec *record, cols []int) string {
	for _, c := range cols {
		if v := strings.TrimSpace(rec.field(c)); v != "" {
			return v
		}
	}
	return ""
}
