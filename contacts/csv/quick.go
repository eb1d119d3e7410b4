package csv

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// The common record is one line of plain or fully quoted fields. Reading
// it through encoding/csv costs a copy of every byte into the line feeder's
// history, another into csv.Reader's buffer and its record, and a string
// per record; so records splits such lines itself, in place, as
// encoding/csv would, and hands encoding/csv whatever needs thought: a
// quote running on to the next line, a stray or bare quote, a wrong number
// of fields, the last line without a line break. FuzzQuickRecords holds
// both ways to the same records, lines and errors.

// record is a record's fields: as encoding/csv returns them, strings; or,
// as quick splits a line, the bounds of each in the line, or in esc where
// it had doubled quotes to undo. Bounds hold no pointers: writing strings
// into a record while the garbage collector marks would pass each through
// its write barrier, and the collector marks much of the time a large
// file is read.
type record struct {
	strs   []string
	line   []byte
	esc    []byte
	bounds []int32 // start and end of each field; a start < 0 is ^start in esc
}

// len is the number of fields.
func (r *record) len() int {
	if r.strs != nil {
		return len(r.strs)
	}
	return len(r.bounds) / 2
}

// field is field i; it is valid until the next call of next.
func (r *record) field(i int) string {
	if r.strs != nil {
		return r.strs[i]
	}
	start, end := r.bounds[2*i], r.bounds[2*i+1]
	if start < 0 {
		return view(r.esc[^start:end])
	}
	return view(r.line[start:end])
}

// quick reads the next record the fast way, or reports false with nothing
// consumed. The record points into the reader's buffer and is valid only
// until the next call of next.
func (rs *records) quick() (*record, int, bool) {
	for {
		line, ok := rs.feed.takeLine()
		if !ok {
			return nil, 0, false
		}
		body := line[:len(line)-1]
		if n := len(body); n > 0 && body[n-1] == '\r' {
			body = body[:n-1] // encoding/csv reads "\r\n" as "\n"
		}
		if len(body) == 0 {
			// encoding/csv skips empty lines; it counts them, and so must
			// the lines it is told it started on.
			rs.base++
			rs.feed.forget()
			continue
		}
		if !rs.split(body) {
			rs.feed.giveBack(line)
			return nil, 0, false
		}
		rs.base++ // a line encoding/csv does not see
		rs.feed.forget()
		return &rs.rec, rs.feed.lines, true
	}
}

// split splits one line, without its line break, into fields as
// encoding/csv does with Comma rs.delim, TrimLeadingSpace when the
// delimiter is not a tab, and FieldsPerRecord rs.fields, into rs.rec.
func (rs *records) split(line []byte) bool {
	if rs.splitQuoted(line) {
		return true
	}
	delim := byte(rs.delim)
	trim := rs.delim != '\t'
	// Unescaping never makes a field longer: with this much room the
	// scratch buffer never moves, and fields can point into it at once.
	if cap(rs.scratch) < len(line) {
		rs.scratch = make([]byte, 0, 2*len(line))
	}
	scratch := rs.scratch[:0]
	bounds := rs.rec.bounds[:0]
	i := 0
	for {
		if trim && i < len(line) && line[i] != '"' && line[i] != delim {
			i = skipSpace(line, i)
		}
		if i < len(line) && line[i] == '"' {
			// A quoted field: up to the quote that is not doubled, which
			// must end the line or come before the delimiter.
			start := i + 1
			k := indexQuote(line, start)
			if k < 0 {
				return false // the field runs on to the next line
			}
			if k+1 < len(line) && line[k+1] == '"' {
				// Doubled quotes: unescape into scratch.
				from := len(scratch)
				j := start
				for {
					if k < 0 {
						return false
					}
					if k+1 < len(line) && line[k+1] == '"' {
						scratch = append(scratch, line[j:k+1]...)
						j = k + 2
						k = indexQuote(line, j)
						continue
					}
					scratch = append(scratch, line[j:k]...)
					break
				}
				bounds = append(bounds, ^int32(from), int32(len(scratch)))
			} else {
				bounds = append(bounds, int32(start), int32(k))
			}
			i = k + 1
			if i == len(line) {
				break
			}
			if line[i] != delim {
				return false // `"abc"x`: encoding/csv's ErrQuote
			}
			i++
			continue
		}
		end := len(line)
		if k := bytes.IndexByte(line[i:], delim); k >= 0 {
			end = i + k
		}
		if bytes.IndexByte(line[i:end], '"') >= 0 {
			return false // a quote inside a plain field: ErrBareQuote
		}
		bounds = append(bounds, int32(i), int32(end))
		if end == len(line) {
			break
		}
		i = end + 1
	}
	rs.scratch = scratch
	rs.rec = record{line: line, esc: scratch, bounds: bounds}
	if rs.fields > 0 && len(bounds)/2 != rs.fields {
		return false // ErrFieldCount
	}
	return true
}

// splitQuoted is split for the line Outlook and Excel write, every field
// quoted: "a";"b";…;"z", without doubled quotes or spaces around them.
// It finds the quotes eight bytes at a time and checks that they pair up
// around the delimiters; on any other line it reports false, and split
// reads the line field by field.
func (rs *records) splitQuoted(line []byte) bool {
	const (
		low7   = 0x7f7f7f7f7f7f7f7f
		quotes = '"' * 0x0101010101010101
	)
	n := len(line)
	if n < 2 || line[0] != '"' {
		return false
	}
	delim := rs.delim
	bounds := rs.rec.bounds[:0]
	open := true // the next quote opens a field
	start := 0   // where the open field's text starts
	for w := 0; w < n; w += 8 {
		var x uint64
		if w+8 <= n {
			x = binary.LittleEndian.Uint64(line[w:])
		} else {
			var tail [8]byte
			copy(tail[:], line[w:])
			x = binary.LittleEndian.Uint64(tail[:]) // zero bytes: no quotes
		}
		x ^= quotes
		// The high bit of each zero byte of x, that is of each quote: no
		// carry crosses a byte, so no other byte shows.
		for q := ^((x&low7 + low7) | x | low7); q != 0; q &= q - 1 {
			k := w + bits.TrailingZeros64(q)/8
			if k >= n {
				break // the zero padding of the last word
			}
			if open {
				if k != start {
					return false // text before the quote
				}
				start, open = k+1, false
				continue
			}
			// A closing quote: the line ends, or a delimiter and the next
			// field's opening quote follow.
			bounds = append(bounds, int32(start), int32(k))
			switch {
			case k+1 == n:
				rs.rec = record{line: line, bounds: bounds}
				return rs.fields <= 0 || len(bounds)/2 == rs.fields
			case k+2 < n && rune(line[k+1]) == delim && line[k+2] == '"':
				start, open = k+2, true
			default:
				return false
			}
		}
	}
	return false // a field runs on to the next line
}

// quickDelimiter says whether records with delimiter d may be split by
// quick: not with a space as the delimiter, which encoding/csv's
// TrimLeadingSpace trims away like any leading space (a tab is no
// delimiter it trims: records set TrimLeadingSpace only for the others).
func quickDelimiter(d rune) bool {
	return validDelimiter(d) && (d == '\t' || !unicode.IsSpace(d))
}

// indexQuote is the index of the first '"' in line from i on, or -1.
// Fields are short: eight bytes at a time in a word are quicker than
// bytes.IndexByte's set-up for the first few dozen bytes; a long field
// (a note) goes to IndexByte after those.
func indexQuote(line []byte, i int) int {
	const (
		ones   = 0x0101010101010101
		highs  = 0x8080808080808080
		quotes = '"' * ones
	)
	for end := min(i+32, len(line)); i+8 <= end; i += 8 {
		// A zero byte of x is a quote; the lowest bit set in t is that of
		// the first zero byte (those above it may be false).
		x := binary.LittleEndian.Uint64(line[i:]) ^ quotes
		if t := (x - ones) &^ x & highs; t != 0 {
			return i + bits.TrailingZeros64(t)/8
		}
	}
	if k := bytes.IndexByte(line[i:], '"'); k >= 0 {
		return i + k
	}
	return -1
}

// view is b as a string without copying: b must not change while the
// string is used.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// skipSpace returns the index of the first byte at or after i that does
// not start a space, as unicode.IsSpace sees it: encoding/csv's
// TrimLeadingSpace.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}
