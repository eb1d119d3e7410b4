package csv

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

// A large file is read in parts, one per CPU, each from a line start to
// the next part's: a reader of its own splits the part's records, makes
// its contacts and parses their numbers. Where a part starts is a guess,
// as a quoted field may run over several lines; so each part also notes
// where its last record ended, and a part that did not start exactly
// where the one before it ended started inside a record and is read
// again from there. That is rare and never wrong: every record is read
// by the reader that reached its first line from the one before.

// partMin is the fewest bytes a part of a file is given: fewer are not
// worth a reader of their own. The tests lower it.
var partMin int64 = 128 << 10

// maxParts is how many parts a file is read in at most: a few per CPU,
// as parts of the same size do not take the same time (one holds the
// header and sizes the contacts, another has longer rows, a CPU is busy
// elsewhere), and each CPU takes the next part left when it is done with
// one. The tests change it.
var maxParts = func() int { return 4 * runtime.GOMAXPROCS(0) }

// reserveAt is after how many records a part is sized (see
// builder.reserve).
const reserveAt = 256

// maxText is the most text a part's table can address (span is 32 bits).
const maxText = math.MaxUint32

// parts reads the records of a file after its header.
type parts struct {
	s      *Source
	lay    *layout
	mode   textMode
	home   *number.Home
	delim  rune
	fields int
	// cs and ns are room for the file's contacts and numbers, made
	// early (see presize), or nil.
	cs []contacts.Contact
	ns []contacts.Number
	// tables are the parts' tables, in order, once read.
	tables []*table
}

// read reads the records that follow the header rs has just read, which
// start at byte start of the file; size is the file's size, 0 when not
// known. Given ra, the file's bytes at any offset, a large file is read in
// parts; else, or when small, rs reads all of it into first. The tables
// of the parts are then in p.tables.
func (p *parts) read(ctx context.Context, rs *records, first *table, ra io.ReaderAt, start, size int64) error {
	var bounds []int64 // where the parts after the first start
	if ra != nil {
		var err error
		if bounds, err = planParts(ra, start, size); err != nil {
			return fmt.Errorf("csv %s: %w", p.s.path, err)
		}
	}
	ends := append(bounds, size)
	tables := make([]*table, len(ends))
	tables[0] = first
	first.start = start
	limit := int64(-1)
	if len(bounds) > 0 {
		limit = bounds[0] - start
	}
	// The first part to fail stops the others (they look at ctx every
	// 4096 rows, and no new part is begun); its error is the file's.
	parent := ctx
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	errs := make([]error, len(ends))
	failed := func(k int, err error) {
		if errs[k] = err; err != nil {
			fail(err)
		}
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64 // the next part nobody reads yet
	)
	next.Store(1)
	take := func() {
		var br *bufio.Reader // one per CPU, not per part
		for k := int(next.Add(1) - 1); k < len(ends) && ctx.Err() == nil; k = int(next.Add(1) - 1) {
			var err error
			tables[k], err = p.part(ctx, ra, ends[k-1], ends[k], size, &br)
			failed(k, err)
		}
	}
	for range min(runtime.GOMAXPROCS(0), len(ends)) - 1 {
		wg.Go(take)
	}
	failed(0, p.readPart(ctx, rs, first, limit, ends[0]-start, size-start))
	take()
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil {
		if parent.Err() == nil {
			return cause // a part failed first
		}
		for _, err := range errs { // the caller gave up: a part's word for it, with the path
			if err != nil {
				return err
			}
		}
		return fmt.Errorf("csv %s: %w", p.s.path, parent.Err())
	}
	// A part read from inside a record is read again from where the
	// record ended.
	for k := 1; k < len(tables); k++ {
		if from := tables[k-1].end; tables[k].start != from {
			var err error
			if tables[k], err = p.part(ctx, ra, from, max(from, ends[k]), size, new(*bufio.Reader)); err != nil {
				return err
			}
		}
	}
	p.tables = tables
	return nil
}

// part reads the records of the file that start from byte from up to
// byte to, into a table of their own: the last may run on after to. It
// reads with *br, made if nil.
func (p *parts) part(ctx context.Context, ra io.ReaderAt, from, to, size int64, br **bufio.Reader) (*table, error) {
	t := &table{start: from, end: from}
	if from >= to {
		return t, nil
	}
	src := io.NewSectionReader(ra, from, size-from)
	if *br == nil {
		*br = bufio.NewReaderSize(src, sniffSize)
	} else {
		(*br).Reset(src)
	}
	rs := &records{feed: newLineFeeder(*br, 0), delim: p.delim, fields: p.fields, fast: quickDelimiter(p.delim)}
	rs.restart(0)
	return t, p.readPart(ctx, rs, t, to-from, to-from, 0)
}

// readPart reads records with rs into t until the next would start limit
// bytes or more after the first (-1: to the end); about span bytes are
// expected, 0 when not known. The first part is given the bytes of all
// the records of the file, which it sizes the contacts by (presize).
func (p *parts) readPart(ctx context.Context, rs *records, t *table, limit, span, all int64) error {
	b := &builder{t: t, mode: p.mode, home: p.home}
	// Room for the records before reserve knows better.
	t.people, t.nums, t.text = grown(t.people, reserveAt), grown(t.nums, 2*reserveAt), grown(t.text, 64*reserveAt)
	begin := rs.feed.pos()
	for limit < 0 || rs.feed.pos()-begin < limit {
		rec, line, bad, err := rs.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("csv %s: %w", p.s.path, err)
		}
		t.rows++
		if t.rows%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("csv %s: %w", p.s.path, err)
			}
		}
		if bad != nil {
			t.problems = append(t.problems, &contacts.LineError{File: p.s.path, Line: line, Err: bad})
			continue
		}
		addRow(b, p.lay, rec, t.rows)
		if t.rows == reserveAt {
			done := rs.feed.pos() - begin
			b.reserve(done, span-done)
			p.presize(t, done, all-done)
		}
		if len(t.text) > maxText {
			return fmt.Errorf("csv %s: more than %d bytes of names and numbers in one part of the file", p.s.path, int64(maxText))
		}
	}
	t.end = t.start + rs.feed.pos() - begin
	t.lines = rs.feed.lines
	return nil
}

// presize makes room for the contacts and numbers of the whole file,
// estimated from the first part's table t after done bytes, with left
// bytes still to come in all parts. Made now, the arrays cost the garbage
// collector nothing but a look at zeroed memory; made at the end, the
// collection their size sets off runs while they are filled, and every
// string written into them passes its write barrier: a tenth of the
// whole load.
func (p *parts) presize(t *table, done, left int64) {
	if done <= 0 || left <= 0 {
		return
	}
	more := func(n int) int { return n + int(float64(n)*float64(left)/float64(done)*33/32) + 64 }
	p.cs = make([]contacts.Contact, 0, more(len(t.people)))
	p.ns = make([]contacts.Number, 0, more(len(t.nums)))
}

// planParts splits the file after start into up to maxParts parts of at
// least partMin bytes and returns where the parts after the first start:
// each at the start of a line.
func planParts(ra io.ReaderAt, start, size int64) ([]int64, error) {
	n := min(int64(maxParts()), (size-start)/partMin)
	var bounds []int64
	for k := int64(1); k < n; k++ {
		at, err := lineStart(ra, start+(size-start)*k/n, size)
		if err != nil {
			return nil, err
		}
		if at >= size {
			break
		}
		if len(bounds) == 0 || at > bounds[len(bounds)-1] {
			bounds = append(bounds, at)
		}
	}
	return bounds, nil
}

// lineStart is the first offset at or after at where a line starts, size
// if none does.
func lineStart(ra io.ReaderAt, at, size int64) (int64, error) {
	var buf [4096]byte
	for pos := at - 1; pos < size; pos += int64(len(buf)) {
		n, err := ra.ReadAt(buf[:min(int64(len(buf)), size-pos)], pos)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return pos + int64(i) + 1, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		if n == 0 {
			break
		}
	}
	return size, nil
}
