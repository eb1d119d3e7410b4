package vcard

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// fromBOM strips a UTF-8 byte order mark and turns UTF-16 with a mark
// (what some Windows tools write as "Unicode") into UTF-8. Without a mark
// the bytes are returned as they are.
func fromBOM(data []byte) []byte {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return data[len(bomUTF8):]
	case bytes.HasPrefix(data, bomUTF16LE):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, bomUTF16BE):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// The UTF-16 decoder replaces bad sequences instead of failing;
		// should it fail anyway, the vCard checks report the file.
		return data
	}
	return out
}

// decodeQP decodes quoted-printable leniently, appending to dst: "=XX" is
// one byte, any other '=' stays as it is, so that a sloppy exporter loses
// nothing. Soft line breaks were removed when the lines were joined.
func decodeQP(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			dst = append(dst, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// charsets are the CHARSET labels met in address book exports, by
// normalised name. ISO-8859-1 is read as Windows-1252, its superset, as
// browsers do: Outlook labels Windows-1252 text (€, „“) ISO-8859-1.
var charsets = map[string]encoding.Encoding{
	"windows1252": charmap.Windows1252,
	"cp1252":      charmap.Windows1252,
	"iso88591":    charmap.Windows1252,
	"latin1":      charmap.Windows1252,
	"usascii":     charmap.Windows1252,
	"ascii":       charmap.Windows1252,
	"iso885915":   charmap.ISO8859_15,
	"latin9":      charmap.ISO8859_15,
	"iso88592":    charmap.ISO8859_2,
	"windows1250": charmap.Windows1250,
	"cp1250":      charmap.Windows1250,
	"windows1251": charmap.Windows1251,
	"cp1251":      charmap.Windows1251,
	"iso88595":    charmap.ISO8859_5,
	"koi8r":       charmap.KOI8R,
	"windows1253": charmap.Windows1253,
	"iso88597":    charmap.ISO8859_7,
	"windows1254": charmap.Windows1254,
	"iso88599":    charmap.ISO8859_9,
	"cp850":       charmap.CodePage850,
	"ibm850":      charmap.CodePage850,
	"cp437":       charmap.CodePage437,
	"ibm437":      charmap.CodePage437,
}

// normLabel lowers a charset label and drops everything but letters and
// digits: "ISO-8859-1", "iso_8859_1" and "ISO8859-1" are the same.
func normLabel(label string) string {
	var b strings.Builder
	for i := 0; i < len(label); i++ {
		c := label[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// decodeText turns the bytes of a value into UTF-8. Without a label they
// are UTF-8 when the whole file is, else Windows-1252; bytes that are not
// valid UTF-8 are Windows-1252 whatever the label says, because a label
// that lies is likelier than mojibake being wanted. Unknown labels are
// treated as no label.
func decodeText(b []byte, label string, fileUTF8 bool) string {
	if isASCII(b) {
		return string(b)
	}
	norm := normLabel(label)
	switch norm {
	case "":
		if fileUTF8 && utf8.Valid(b) {
			return string(b)
		}
		return windows1252(b)
	case "utf8":
		if utf8.Valid(b) {
			return string(b)
		}
		return windows1252(b)
	}
	enc, ok := charsets[norm]
	if !ok {
		return decodeText(b, "", fileUTF8)
	}
	if enc == charmap.Windows1252 {
		return windows1252(b)
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return windows1252(b)
	}
	return string(out)
}

// windows1252 decodes b byte by byte; every byte has a meaning, so it
// cannot fail.
func windows1252(b []byte) string {
	out := make([]byte, 0, len(b)+len(b)/4)
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
	}
	return string(out)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
