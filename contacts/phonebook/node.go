package phonebook

import (
	"encoding/xml"
	"strings"
)

// node is one small element read whole: an entry of a phone book. Names
// are compared ignoring case, since hand-made files and scripts are not
// consistent about "Telephone" and "telephone".
type node struct {
	name  string
	attrs []xml.Attr
	text  string
	kids  []*node
}

// maxDepth bounds the nesting inside one entry; real entries are two deep.
const maxDepth = 32

// readNode reads the element start has opened, up to its end.
func readNode(d *xml.Decoder, start xml.StartElement) (*node, error) {
	return readNodeDepth(d, start, 0)
}

func readNodeDepth(d *xml.Decoder, start xml.StartElement, depth int) (*node, error) {
	n := &node{name: start.Name.Local, attrs: start.Attr}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth >= maxDepth {
				if err := d.Skip(); err != nil {
					return nil, err
				}
				continue
			}
			kid, err := readNodeDepth(d, t, depth+1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, kid)
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			n.text = strings.TrimSpace(text.String())
			return n, nil
		}
	}
}

// kid returns the text of the first child named name, or "".
func (n *node) kid(name string) string {
	for _, k := range n.kids {
		if strings.EqualFold(k.name, name) {
			return k.text
		}
	}
	return ""
}

// attr returns the value of the attribute named name, trimmed, or "".
func attr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
