package phonebook

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var declaredEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']`)

// newDecoder returns an XML decoder over data that reads it in the right
// encoding: a byte order mark first, else the one the prolog declares, with
// a Windows-1252 fallback for files that are not the UTF-8 they claim.
func newDecoder(data []byte) *xml.Decoder {
	var pre encoding.Encoding // data is converted to UTF-8 before parsing
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			pre = charmap.Windows1252
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		pre = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		pre = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		if isUTF8Label(declared(data)) && !utf8.Valid(data) {
			pre = charmap.Windows1252
		}
	}
	var r io.Reader = bytes.NewReader(data)
	if pre != nil {
		r = pre.NewDecoder().Reader(r)
	}
	d := xml.NewDecoder(r)
	d.Entity = xml.HTMLEntity
	if pre != nil {
		// The text is UTF-8 already, whatever the prolog says.
		d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	} else {
		d.CharsetReader = charset.NewReaderLabel
	}
	return d
}

// declared returns the encoding named in data's XML prolog, or "".
func declared(data []byte) string {
	m := declaredEncoding.FindSubmatch(data[:min(len(data), 512)])
	if m == nil {
		return ""
	}
	return string(m[1])
}

func isUTF8Label(label string) bool {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "", "utf-8", "utf8":
		return true
	}
	return false
}
