package phonebook

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"deskcti/contacts"
	"deskcti/contacts/number"
)

var (
	_ contacts.Source  = (*Source)(nil)
	_ contacts.Watched = (*Source)(nil)
)

// maxSize bounds the file read: phone books hold thousands of entries, not
// millions, and a wrong path to a huge file should not exhaust memory.
const maxSize = 64 << 20

// Source is one phone book file. It keeps no state between loads and is
// safe for concurrent use.
type Source struct {
	path, name, uri string
}

// New returns the source for the phone book file at path; it does not
// touch the file.
func New(path string) *Source {
	return &Source{path: path, name: "phonebook:" + path, uri: contacts.FileURI(path)}
}

// Name identifies the source: "phonebook:" + path.
func (s *Source) Name() string { return s.name }

// Paths returns the file, for the index to watch.
func (s *Source) Paths() []string { return []string{s.path} }

// Load reads every entry that has a number; entries without one are
// skipped. A file that is not well-formed XML, or whose root element is not
// a known phone book, yields a *contacts.LineError naming the file and the
// line, and no contacts. A contact's ID is "entry N", N counting the
// entries of the file from 1, and OpenURI is the file's file:// URI.
func (s *Source) Load(ctx context.Context) ([]contacts.Contact, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("phonebook %s: %w", s.path, err)
	}
	defer f.Close()
	tooBig := fmt.Errorf("phonebook %s: larger than %d MiB, not a phone book", s.path, maxSize>>20)
	if fi, err := f.Stat(); err == nil && fi.Size() > maxSize {
		return nil, tooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1)) // the file may grow meanwhile
	if err != nil {
		return nil, fmt.Errorf("phonebook %s: %w", s.path, err)
	}
	if len(data) > maxSize {
		return nil, tooBig
	}
	return s.parse(ctx, data)
}

// parser collects the contacts of one file.
type parser struct {
	src     *Source
	d       *xml.Decoder
	format  format
	entries int
	out     []contacts.Contact
	nums    []contacts.Number // the numbers of the entry at hand
}

func (s *Source) parse(ctx context.Context, data []byte) ([]contacts.Contact, error) {
	p := &parser{src: s, d: newDecoder(data)}
	var stack []string // open elements outside entries
	for {
		tok, err := p.d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, p.lineError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p.format == unknown {
				if p.format = formatOf(t.Name.Local); p.format == unknown {
					return nil, p.lineError(fmt.Errorf("root element <%s> is not a known phone book: "+
						"expected YealinkIPPhoneDirectory, SnomIPPhoneDirectory, YealinkIPPhoneBook, "+
						"root_contact or tbook", t.Name.Local))
				}
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			handled, err := p.element(t, parent)
			if err != nil {
				return nil, p.lineError(err)
			}
			if !handled {
				stack = append(stack, t.Name.Local)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1] // the decoder has checked the nesting
		}
		if p.entries%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("phonebook %s: %w", s.path, err)
			}
		}
	}
	if p.format == unknown {
		return nil, p.lineError(errors.New("no XML element found"))
	}
	return p.out, nil
}

// lineError names the file and the line err happened on.
func (p *parser) lineError(err error) error {
	var se *xml.SyntaxError
	line := 0
	if errors.As(err, &se) {
		line = se.Line
	} else {
		line, _ = p.d.InputPos()
	}
	return &contacts.LineError{File: p.src.path, Line: max(line, 1), Err: err}
}

// number notes a number of the entry at hand; empty ones and repeats are
// left out.
func (p *parser) number(k contacts.Kind, raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	for _, n := range p.nums {
		if n.Raw == raw {
			return
		}
	}
	n := contacts.Number{Kind: k, Raw: raw}
	if number.IsE164(raw) {
		n.E164 = raw
	}
	p.nums = append(p.nums, n)
}

// add makes a contact of the entry at hand if it has a number.
func (p *parser) add(name, company string) {
	p.entries++
	if len(p.nums) == 0 {
		return
	}
	p.out = append(p.out, contacts.Contact{
		Name:    strings.TrimSpace(name),
		Company: strings.TrimSpace(company),
		Numbers: p.nums,
		Source:  p.src.name,
		ID:      fmt.Sprintf("entry %d", p.entries),
		OpenURI: p.src.uri,
	})
	p.nums = nil
}
