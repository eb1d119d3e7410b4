package vcard

import "bytes"

// lines hands out the physical lines of a file one by one, with a look at
// the next one for unfolding. Lines end in LF or CRLF; a file with no LF
// at all but CRs (classic Mac OS) is split at CR.
type lines struct {
	data []byte
	pos  int
	no   int // 1-based number of the line last returned by next
	sep  byte

	peeked  bool
	pLine   []byte
	pNext   int
	pExists bool
}

func newLines(data []byte) *lines {
	sep := byte('\n')
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		sep = '\r'
	}
	return &lines{data: data, sep: sep}
}

// read finds the line at pos without consuming it.
func (l *lines) read() (line []byte, next int, ok bool) {
	if l.pos >= len(l.data) {
		return nil, l.pos, false
	}
	rest := l.data[l.pos:]
	i := bytes.IndexByte(rest, l.sep)
	if i < 0 {
		line, next = rest, len(l.data)
	} else {
		line, next = rest[:i], l.pos+i+1
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, next, true
}

// peek returns the next line without consuming it.
func (l *lines) peek() ([]byte, bool) {
	if !l.peeked {
		l.pLine, l.pNext, l.pExists = l.read()
		l.peeked = true
	}
	return l.pLine, l.pExists
}

// next consumes and returns the next line; its number is then l.no.
func (l *lines) next() ([]byte, bool) {
	line, ok := l.peek()
	l.peeked = false
	if ok {
		l.pos = l.pNext
		l.no++
	}
	return line, ok
}
