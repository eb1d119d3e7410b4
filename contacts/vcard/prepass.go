package vcard

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"deskcti/contacts"
)

// ErrNotVCard is wrapped in the *contacts.LineError returned for a file
// that has text but not a single BEGIN:VCARD line.
var ErrNotVCard = errors.New("not a vCard file (no BEGIN:VCARD)")

var (
	errNoEnd   = errors.New("card has no END:VCARD")
	errOutside = errors.New("text outside BEGIN:VCARD … END:VCARD")
)

// prepass splits a file into cards and rewrites each into the UTF-8,
// unfolded, decoded vCard text go-vcard reads correctly (see the package
// doc). Good cards go one after another into out; broken ones become
// problems and leave nothing in out.
type prepass struct {
	name     string
	fileUTF8 bool

	out   []byte // normalised cards, CRLF lines
	cards []int  // line of each card's BEGIN:VCARD, in the order of out
	probs contacts.Problems

	// The card being read.
	in    bool
	start int   // len(out) at its BEGIN:VCARD
	line  int   // line of its BEGIN:VCARD
	v21   bool  // VERSION:2.1 seen: folding keeps the whitespace
	bad   error // first reason it cannot be read; the rest is skipped

	sawBegin   bool
	stray      bool // in a run of text outside any card, already reported
	firstStray int

	joined []byte // scratch for unfolded lines
	prop   property
	qp     []byte // scratch for quoted-printable decoding
}

// prepare runs the pre-pass over a whole file.
func prepare(data []byte, name string) (*prepass, error) {
	data = fromBOM(data)
	p := &prepass{name: name, fileUTF8: validUTF8(data)}
	p.out = make([]byte, 0, len(data)+len(data)/8)
	ls := newLines(data)
	for {
		first, ok := ls.next()
		if !ok {
			break
		}
		no := ls.no
		p.logical(p.unfold(ls, first), no)
	}
	if p.in {
		if p.bad == nil {
			p.bad = errNoEnd
		}
		p.drop()
	}
	if !p.sawBegin && p.firstStray > 0 {
		return nil, &contacts.LineError{File: name, Line: p.firstStray, Err: ErrNotVCard}
	}
	return p, nil
}

// validUTF8 reports whether data is UTF-8 once folded lines are joined:
// some exporters fold in the middle of a character.
func validUTF8(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	var b []byte
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			b = append(b, data...)
			break
		}
		b = append(b, data[:i]...)
		j := i + 1
		if data[i] == '\r' && j < len(data) && data[j] == '\n' {
			j++
		}
		if j < len(data) && (data[j] == ' ' || data[j] == '\t') {
			j++
		} else {
			b = append(b, '\n')
		}
		data = data[j:]
	}
	return utf8.Valid(b)
}

// unfold joins the physical lines that continue first: folded lines (a
// leading space or tab), quoted-printable soft line breaks ('=' at the end)
// and the unindented base64 lines some 2.1 exporters write.
func (p *prepass) unfold(ls *lines, first []byte) []byte {
	enc := ""
	if p.in {
		enc = encodingOf(first)
	}
	logical := first
	copied := false
	grow := func(keep, add []byte) {
		if !copied {
			p.joined = append(p.joined[:0], keep...)
			copied = true
		} else {
			p.joined = p.joined[:len(keep)]
		}
		p.joined = append(p.joined, add...)
		logical = p.joined
	}
	for {
		next, ok := ls.peek()
		if !ok {
			return logical
		}
		trimmed := bytes.TrimRight(logical, " \t")
		switch {
		case enc == encQP && bytes.HasSuffix(trimmed, []byte("=")) && !isEnd(next) && !isBegin(bytes.TrimRight(next, " \t")):
			// The '=' and anything after it go; the next line is
			// literal text, whatever it starts with.
			grow(trimmed[:len(trimmed)-1], next)
		case len(next) > 0 && (next[0] == ' ' || next[0] == '\t'):
			// RFC 6350 removes the line break and one blank; vCard 2.1
			// folds only where there is white space and keeps it.
			if p.v21 {
				grow(logical, next)
			} else {
				grow(logical, next[1:])
			}
		case enc == encBase64 && isBase64Line(next):
			grow(logical, next)
		default:
			return logical
		}
		ls.next()
	}
}

// logical handles one unfolded line numbered no.
func (p *prepass) logical(l []byte, no int) {
	t := bytes.TrimRight(l, " \t\r")
	switch {
	case isBegin(t):
		if p.in {
			if p.bad == nil {
				p.bad = fmt.Errorf("%w before the next BEGIN:VCARD in line %d", errNoEnd, no)
			}
			p.drop()
		}
		p.sawBegin, p.stray = true, false
		p.in, p.start, p.line, p.v21, p.bad = true, len(p.out), no, false, nil
		p.out = append(p.out, "BEGIN:VCARD\r\n"...)
	case isBlank(t):
	case !p.in:
		if !p.stray {
			p.stray = true
			if p.firstStray == 0 {
				p.firstStray = no
			}
			p.problem(no, errOutside)
		}
	case isEnd(t):
		if p.bad != nil {
			p.drop()
			return
		}
		p.out = append(p.out, "END:VCARD\r\n"...)
		p.cards = append(p.cards, p.line)
		p.in = false
	case p.bad != nil:
	default:
		if err := p.property(l); err != nil {
			p.bad = fmt.Errorf("line %d: %w", no, err)
		}
	}
}

// drop forgets the card being read and reports why.
func (p *prepass) drop() {
	p.out = p.out[:p.start]
	p.problem(p.line, p.bad)
	p.in, p.bad = false, nil
}

func (p *prepass) problem(line int, err error) {
	p.probs = append(p.probs, &contacts.LineError{File: p.name, Line: line, Err: err})
}

func isBegin(t []byte) bool { return bytes.EqualFold(t, []byte("BEGIN:VCARD")) }
func isEnd(t []byte) bool {
	return bytes.EqualFold(bytes.TrimRight(t, " \t\r"), []byte("END:VCARD"))
}

// isBlank is true for lines of nothing but white space and control
// characters, such as the Ctrl-Z old DOS programs put at the end.
func isBlank(t []byte) bool {
	for _, c := range t {
		if c > ' ' && c != 0x7f {
			return false
		}
	}
	return true
}

// isBase64Line is true for a non-empty line of base64 characters only.
func isBase64Line(l []byte) bool {
	if len(l) == 0 {
		return false
	}
	for _, c := range l {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '+', c == '/', c == '=':
		default:
			return false
		}
	}
	return true
}
