package csv

import "slices"

// A large file is read in two stages on two CPUs: the reading goroutine
// splits records and copies out the few fields the layout uses, a second
// one makes contacts of them (and hands their numbers on to be
// normalised, on whichever CPU is free). Each stage takes records in file
// order, so the contacts and their row numbers come out as they would one
// by one. Small files, most address books, are read in one goroutine.

// pipelineMin is the size from which a file is read in two stages; the
// tests lower it.
var pipelineMin int64 = 1 << 20

// batchRows is how many records go from one stage to the other at a time.
const batchRows = 1024

// batch carries records from the reading stage to the building one: of
// each record, its row and the used fields, copied, as the reader's
// buffer moves on.
type batch struct {
	rows []int
	text []byte
	ends []uint32 // end of each used field in text, record after record
	// With reserve, builder.reserve(done, left) is to be called once the
	// first reserveAt records are built.
	reserve               bool
	reserveAt, done, left int
}

// rowSink takes the records that are to become contacts, in order.
type rowSink struct {
	b      *builder
	lay    *layout
	used   []int    // the columns the layout reads
	rec    []string // a record as addRow wants it: the used fields set
	cur    *batch
	work   chan *batch
	free   chan *batch
	done   chan struct{}
	closed bool
}

// newRowSink starts the building stage in a goroutine of its own when
// inTwo, else builds as records come.
func newRowSink(b *builder, lay *layout, fields int, inTwo bool) *rowSink {
	s := &rowSink{b: b, lay: lay, used: lay.columns(), rec: make([]string, fields)}
	if !inTwo {
		return s
	}
	// Three batches: one being filled, one being built, one waiting.
	s.work, s.free, s.done = make(chan *batch, 1), make(chan *batch, 3), make(chan struct{})
	for range 3 {
		s.free <- &batch{rows: make([]int, 0, batchRows), ends: make([]uint32, 0, batchRows*len(s.used)),
			text: make([]byte, 0, batchRows*16*len(s.used))}
	}
	s.cur = <-s.free
	go func() {
		defer close(s.done)
		for bt := range s.work {
			s.build(bt)
			s.free <- bt
		}
	}()
	return s
}

// add takes the record rec of spreadsheet row row.
func (s *rowSink) add(rec []string, row int) {
	if s.work == nil {
		addRow(s.b, s.lay, rec, row)
		return
	}
	bt := s.cur
	bt.rows = append(bt.rows, row)
	for _, c := range s.used {
		bt.text = append(bt.text, rec[c]...)
		bt.ends = append(bt.ends, uint32(len(bt.text)))
	}
	if len(bt.rows) == batchRows {
		s.work <- bt
		s.cur = <-s.free
	}
}

// reserve has builder.reserve(done, left) called after the records so far.
func (s *rowSink) reserve(done, left int) {
	if s.work == nil {
		s.b.reserve(done, left)
		return
	}
	s.cur.reserve, s.cur.reserveAt, s.cur.done, s.cur.left = true, len(s.cur.rows), done, left
}

// build makes the contacts of a batch (the building stage).
func (s *rowSink) build(bt *batch) {
	start, k := uint32(0), 0
	for i, row := range bt.rows {
		if bt.reserve && i == bt.reserveAt {
			s.b.reserve(bt.done, bt.left)
		}
		for _, c := range s.used {
			end := bt.ends[k]
			k++
			s.rec[c] = view(bt.text[start:end])
			start = end
		}
		addRow(s.b, s.lay, s.rec, row)
	}
	if bt.reserve && bt.reserveAt == len(bt.rows) {
		s.b.reserve(bt.done, bt.left)
	}
	bt.rows, bt.text, bt.ends, bt.reserve = bt.rows[:0], bt.text[:0], bt.ends[:0], false
}

// finish builds what is left and waits for the building stage; the
// builder is then the caller's again. It is safe to call more than once.
func (s *rowSink) finish() {
	if s.work == nil || s.closed {
		return
	}
	s.closed = true
	if len(s.cur.rows) > 0 || s.cur.reserve {
		s.work <- s.cur
	}
	close(s.work)
	<-s.done
}

// columns lists the columns the layout reads, once each.
func (l *layout) columns() []int {
	var cols []int
	for _, cs := range [][]int{l.display, l.given, l.middle, l.family, l.company} {
		cols = append(cols, cs...)
	}
	for _, n := range l.numbers {
		cols = append(cols, n.col)
	}
	for _, g := range l.google {
		if g.label >= 0 {
			cols = append(cols, g.label)
		}
		cols = append(cols, g.value)
	}
	slices.Sort(cols)
	return slices.Compact(cols)
}
