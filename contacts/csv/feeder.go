package csv

import (
	"bufio"
	"bytes"
	"errors"
)

// lineFeeder hands the text to encoding/csv at most one physical line per
// Read. csv.Reader's own buffer then never holds more than the record it is
// parsing, so when it reports a record broken by a missing quote, the lines
// it swallowed looking for the closing quote are still here and can be read
// again as records of their own. Without this one stray quote in a file
// without quotes would cost every row after it.
type lineFeeder struct {
	src    *bufio.Reader
	err    error  // src's error once it returned one (io.EOF at the end)
	replay []byte // lines to read again before src
	chunk  []byte // the rest of the current line not yet handed out

	// hist holds what was handed out since forget, starts the offsets in it
	// where lines begin; the first of them is line number first.
	hist   []byte
	starts []int
	first  int
	lines  int   // lines begun so far: the last one begun is number lines
	mid    bool  // the last chunk handed out did not end a line
	handed int64 // bytes handed out so far (lines read again count again)
	taken  int64 // bytes taken from src so far
}

func newLineFeeder(src *bufio.Reader, linesBefore int) *lineFeeder {
	return &lineFeeder{src: src, lines: linesBefore, first: linesBefore + 1}
}

// Read implements io.Reader for csv.Reader.
func (f *lineFeeder) Read(p []byte) (int, error) {
	for len(f.chunk) == 0 {
		if len(f.replay) == 0 && f.err != nil {
			return 0, f.err
		}
		f.fill()
	}
	n := copy(p, f.chunk)
	f.chunk = f.chunk[n:]
	return n, nil
}

func (f *lineFeeder) fill() {
	var c []byte
	if len(f.replay) > 0 {
		i := bytes.IndexByte(f.replay, '\n')
		if i < 0 {
			i = len(f.replay) - 1
		}
		c, f.replay = f.replay[:i+1], f.replay[i+1:]
	} else {
		var err error
		c, err = f.src.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			f.err = err
		}
		f.taken += int64(len(c))
	}
	if len(c) == 0 {
		return
	}
	if !f.mid {
		f.lines++
		f.starts = append(f.starts, len(f.hist))
	}
	f.hist = append(f.hist, c...)
	f.mid = c[len(c)-1] != '\n'
	f.chunk = c
	f.handed += int64(len(c))
}

// takeLine hands out the next whole line straight from the source, line
// break included, for a caller that parses it in place; it stays valid
// until the next read. It reports false, and hands out nothing, when lines
// wait to be read again or part of a line was handed out to Read, and at
// the end of the input or a line longer than the buffer: those are for
// encoding/csv through Read. Like a record read through Read, the line is
// forgotten once the caller is done with it; or the caller gives it back.
func (f *lineFeeder) takeLine() ([]byte, bool) {
	if len(f.replay) > 0 || len(f.chunk) > 0 || f.mid || f.err != nil {
		return nil, false
	}
	line, err := f.src.ReadSlice('\n')
	f.taken += int64(len(line))
	if err != nil {
		if !errors.Is(err, bufio.ErrBufferFull) {
			f.err = err
		}
		f.replay = append([]byte(nil), line...) // nil for an empty line
		return nil, false
	}
	f.lines++
	f.handed += int64(len(line))
	return line, true
}

// giveBack returns the line takeLine handed out last, for Read.
func (f *lineFeeder) giveBack(line []byte) {
	f.lines--
	f.handed -= int64(len(line))
	f.replay = append([]byte(nil), line...)
}

// pos is how many bytes of src the records read so far took: what was
// taken from src less what waits to be read again or handed out. A
// csv.Reader reading through Read keeps nothing back, as it reads up to a
// line break and every Read hands out at most the rest of one line.
func (f *lineFeeder) pos() int64 { return f.taken - int64(len(f.replay)+len(f.chunk)) }

// forget drops the lines handed out so far: the record they held is done.
func (f *lineFeeder) forget() {
	f.hist = f.hist[:0]
	f.starts = f.starts[:0]
	f.first = f.lines + 1
}

// replayAfter arranges for the lines after line number line that were
// handed out since forget to be read again, before anything else.
func (f *lineFeeder) replayAfter(line int) {
	k := max(line-f.first+1, 0)
	if k < len(f.starts) {
		tail := f.hist[f.starts[k]:]
		r := make([]byte, 0, len(tail)+len(f.replay))
		r = append(r, tail...)
		f.replay = append(r, f.replay...)
		f.lines = line
		f.mid = false
	}
	f.forget()
}
