package csv

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a file decides its encoding and delimiter; it is
// also the size of the read buffers, so a header line longer than this is
// sniffed on its first sniffSize bytes only.
const sniffSize = 64 << 10

// textMode says how the bytes of a field become UTF-8.
type textMode uint8

const (
	// modeUTF8: the text is UTF-8. A byte that is not part of a valid
	// sequence is read as Windows-1252, because a file that is UTF-8 at the
	// start and has one "Müller" saved by an older program further down is
	// far more common than one that is neither.
	modeUTF8 textMode = iota
	// modeCP1252: the start of the file is not UTF-8, so the whole file is
	// taken as Windows-1252 (Outlook's and Excel's "ANSI" on western
	// Windows, a superset of ISO-8859-1's printable characters).
	modeCP1252
)

// text is a file's content as seen through its sniffed encoding.
type text struct {
	r        *bufio.Reader // UTF-8, or Windows-1252 bytes in modeCP1252
	mode     textMode
	encoding string // what was detected, for error messages and tests
	// skipped is how many bytes of the file come before r's first: a
	// byte order mark. It is -1 where r is decoded (UTF-16), so that its
	// bytes are not the file's.
	skipped int64
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// openText sniffs r's encoding from its first bytes.
func openText(r io.Reader) (text, error) {
	raw := bufio.NewReaderSize(r, sniffSize)
	head, err := raw.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return text{}, err
	}
	atEOF := err != nil
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = raw.Discard(len(bomUTF8)) // cannot fail: the bytes are buffered
		t := utf8OrCP1252(raw, head[len(bomUTF8):], atEOF, "utf-8 with bom")
		t.skipped = int64(len(bomUTF8))
		return t, nil
	case bytes.HasPrefix(head, bomUTF16LE):
		return utf16Text(raw, unicode.LittleEndian, unicode.ExpectBOM, "utf-16le with bom"), nil
	case bytes.HasPrefix(head, bomUTF16BE):
		return utf16Text(raw, unicode.BigEndian, unicode.ExpectBOM, "utf-16be with bom"), nil
	}
	switch looksUTF16(head) {
	case 'l':
		return utf16Text(raw, unicode.LittleEndian, unicode.IgnoreBOM, "utf-16le"), nil
	case 'b':
		return utf16Text(raw, unicode.BigEndian, unicode.IgnoreBOM, "utf-16be"), nil
	}
	return utf8OrCP1252(raw, head, atEOF, "utf-8"), nil
}

func utf8OrCP1252(r *bufio.Reader, head []byte, atEOF bool, name string) text {
	if !validUTF8Prefix(head, atEOF) {
		return text{r: r, mode: modeCP1252, encoding: "windows-1252"}
	}
	return text{r: r, mode: modeUTF8, encoding: name}
}

func utf16Text(raw *bufio.Reader, e unicode.Endianness, bom unicode.BOMPolicy, name string) text {
	dec := transform.NewReader(raw, unicode.UTF16(e, bom).NewDecoder())
	return text{r: bufio.NewReaderSize(dec, sniffSize), mode: modeUTF8, encoding: name, skipped: -1}
}

// validUTF8Prefix reports whether b is valid UTF-8, forgiving a sequence cut
// off at the end of b when more of the file follows.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if !atEOF {
		// Find the start of the last sequence; drop it if incomplete.
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					b = b[:i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

// looksUTF16 recognises UTF-16 without a byte order mark by its NUL bytes:
// header names and most data are ASCII, which UTF-16 stores as one NUL and
// one ASCII byte, while no 8-bit text file has NULs at all. It returns 'l',
// 'b' or 0.
func looksUTF16(b []byte) byte {
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return 0
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*4 >= pairs && even*8 <= odd:
		return 'l'
	case even*4 >= pairs && odd*8 <= even:
		return 'b'
	}
	return 0
}

// appendText appends s, a field as read from the file, to dst as UTF-8.
func appendText(dst []byte, s string, mode textMode) []byte {
	if mode == modeCP1252 {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < utf8.RuneSelf {
				dst = append(dst, c)
			} else {
				dst = utf8.AppendRune(dst, charmap.Windows1252.DecodeByte(c))
			}
		}
		return dst
	}
	if validUTF8(unsafe.Slice(unsafe.StringData(s), len(s))) {
		return append(dst, s...)
	}
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, charmap.Windows1252.DecodeByte(s[0]))
		} else {
			dst = append(dst, s[:size]...)
		}
		s = s[size:]
	}
	return dst
}

// textString is appendText for the few strings not built in bulk (the header).
func textString(s string, mode textMode) string {
	if isASCII(s) || (mode == modeUTF8 && utf8.ValidString(s)) {
		return s
	}
	return string(appendText(nil, s, mode))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// sepLine recognises Excel's "sep=;" hint on the first line and returns the
// delimiter it names and the length of the line including its line break.
func sepLine(head []byte) (rune, int, bool) {
	const prefix = "sep="
	if len(head) < len(prefix)+1 || !strings.EqualFold(string(head[:len(prefix)]), prefix) {
		return 0, 0, false
	}
	d := rune(head[len(prefix)])
	rest := head[len(prefix)+1:]
	n := len(prefix) + 1
	switch {
	case len(rest) == 0:
	case rest[0] == '\n':
		n++
	case rest[0] == '\r' && len(rest) > 1 && rest[1] == '\n':
		n += 2
	default:
		return 0, 0, false
	}
	if !validDelimiter(d) {
		return 0, 0, false
	}
	return d, n, true
}

func validDelimiter(d rune) bool {
	return d != 0 && d != '"' && d != '\r' && d != '\n' && d < utf8.RuneSelf
}

// sniffDelimiter picks ',', ';' or tab by counting them in the header line,
// outside quotes. Ties go to tab, then ';': a comma is the one most likely
// to appear inside an unquoted German header ("Telefon, privat").
func sniffDelimiter(head []byte) rune {
	var comma, semi, tab int
	quoted := false
scan:
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted // a doubled quote toggles twice: still right
		case quoted:
		case c == '\n':
			break scan
		case c == ',':
			comma++
		case c == ';':
			semi++
		case c == '\t':
			tab++
		}
	}
	switch {
	case tab > 0 && tab >= semi && tab >= comma:
		return '\t'
	case semi > 0 && semi >= comma:
		return ';'
	}
	return ','
}

func delimiterName(d rune) string {
	if d == '\t' {
		return "tab"
	}
	return fmt.Sprintf("%q", d)
}

// validUTF8 is utf8.Valid, several times quicker on what address books
// hold, text that is mostly ASCII with the odd umlaut: utf8.Valid checks
// eight bytes at a time only up to the first byte that is not ASCII and
// then one at a time, where this goes back to eight after each character.
func validUTF8(b []byte) bool {
	for {
		for len(b) >= 8 && binary.LittleEndian.Uint64(b)&0x8080808080808080 == 0 {
			b = b[8:]
		}
		i := 0
		for i < len(b) && b[i] < utf8.RuneSelf {
			i++
		}
		if i == len(b) {
			return true
		}
		// Two bytes, as umlauts and accents are, without DecodeRune.
		if c := b[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(b) && b[i+1]&0xC0 == 0x80 {
			b = b[i+2:]
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		b = b[i+size:]
	}
}
