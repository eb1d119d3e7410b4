package vcard

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
)

// Encodings the pre-pass tells apart; 7BIT and 8BIT are no encoding.
const (
	encQP     = "QUOTED-PRINTABLE"
	encBase64 = "BASE64"
)

// androidLabel is the parameter that carries Android's custom TEL label
// from the pre-pass to FromCard.
const androidLabel = "X-CUSTOM"

var (
	errNoColon  = errors.New("line is not a vCard property (no ':')")
	errBadName  = errors.New("line is not a vCard property (bad property name)")
	errBadQuote = errors.New("unterminated quoted parameter value")
	errBadEnd   = errors.New("END of something else than the card")
)

// property collects one content line's parameters; its slices are reused
// from line to line.
type property struct {
	types   []string
	params  []param
	enc     string // encQP, encBase64 or "" for plain text
	rawEnc  string // ENCODING as written, kept for base64
	charset string
	label   string // Android's X-CUSTOM(…) label, decoded
}

type param struct {
	key    string
	values []string
}

func (pr *property) reset() {
	pr.types, pr.params = pr.types[:0], pr.params[:0]
	pr.enc, pr.rawEnc, pr.charset, pr.label = "", "", "", ""
}

// property rewrites one content line of a card into p.out: bare 2.1
// parameters become TYPE or ENCODING, quoted-printable and CHARSET are
// decoded away, and the value is UTF-8 on one line.
func (p *prepass) property(l []byte) error {
	colon, err := valueColon(l)
	if err != nil {
		return err
	}
	head, value := l[:colon], l[colon+1:]
	if !utf8.Valid(head) {
		head = []byte(windows1252(head))
	}
	pr := &p.prop
	pr.reset()
	var group, name []byte
	first := true
	splitHead(head, ';', func(tok []byte) {
		tok = bytes.TrimSpace(tok)
		if first {
			first = false
			name = tok
			if i := bytes.IndexByte(tok, '.'); i >= 0 {
				group, name = tok[:i], tok[i+1:]
			}
			return
		}
		p.param(tok)
	})
	if !validName(name) || (group != nil && !validName(group)) {
		return errBadName
	}
	if bytes.EqualFold(name, []byte("END")) {
		// go-vcard takes any END as the card's end and fails on it.
		return errBadEnd
	}

	out := p.out
	if group != nil {
		out = append(out, group...)
		out = append(out, '.')
	}
	start := len(out)
	out = appendUpper(out, name)
	upperName := out[start:]
	if len(pr.types) > 0 {
		out = append(out, ";TYPE="...)
		for i, t := range pr.types {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendParamValue(out, t)
		}
	}
	for _, pa := range pr.params {
		out = append(out, ';')
		out = append(out, pa.key...)
		out = append(out, '=')
		for i, v := range pa.values {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendParamValue(out, v)
		}
	}
	if pr.enc != "" && pr.enc != encQP {
		out = append(out, ";ENCODING="...)
		out = appendParamValue(out, pr.rawEnc)
	}
	if pr.label != "" {
		out = append(out, ";"+androidLabel+"="...)
		out = appendParamValue(out, pr.label)
	}
	out = append(out, ':')
	if string(upperName) == "VERSION" {
		p.v21 = string(bytes.TrimSpace(value)) == "2.1"
	}
	switch {
	case pr.enc == encQP:
		p.qp = decodeQP(p.qp[:0], value)
		out = appendOneLine(out, decodeText(p.qp, pr.charset, p.fileUTF8))
	case isASCII(value):
		out = append(out, value...)
	default:
		out = appendOneLine(out, decodeText(value, pr.charset, p.fileUTF8))
	}
	p.out = append(out, '\r', '\n')
	return nil
}

// param sorts one parameter into p.prop.
func (p *prepass) param(tok []byte) {
	pr := &p.prop
	if len(tok) == 0 {
		return
	}
	if len(tok) > 9 && bytes.EqualFold(tok[:9], []byte("X-CUSTOM(")) && tok[len(tok)-1] == ')' {
		pr.label = p.customLabel(tok[9 : len(tok)-1])
		return
	}
	k, v, hasValue := bytes.Cut(tok, []byte("="))
	if !hasValue {
		// vCard 2.1 names types and encodings bare: TEL;WORK;FAX.
		up := strings.ToUpper(string(tok))
		if enc, ok := bareEncoding(up); ok {
			pr.enc, pr.rawEnc = enc, up
			return
		}
		pr.types = append(pr.types, strings.ToLower(string(tok)))
		return
	}
	key := paramKey(k)
	if key == "" {
		return
	}
	var values []string
	splitHead(v, ',', func(val []byte) {
		values = append(values, string(unquote(bytes.TrimSpace(val))))
	})
	switch key {
	case "TYPE":
		for _, val := range values {
			// TYPE="work,voice" (vCard 4) is a list in one quoted value.
			for t := range strings.SplitSeq(val, ",") {
				if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
					pr.types = append(pr.types, t)
				}
			}
		}
	case "ENCODING":
		if len(values) > 0 {
			pr.rawEnc = values[0]
			pr.enc = normEncoding(strings.ToUpper(values[0]))
		}
	case "CHARSET":
		if len(values) > 0 {
			pr.charset = values[0]
		}
	default:
		pr.params = append(pr.params, param{key, values})
	}
}

// customLabel reads the inside of Android's X-CUSTOM(CHARSET=UTF-8,
// ENCODING=QUOTED-PRINTABLE,=42=C3=BC=72=6F): the last item is the label,
// the ones before say how it is encoded.
func (p *prepass) customLabel(inner []byte) string {
	items := bytes.Split(inner, []byte(","))
	label := items[len(items)-1]
	charset, qp := "", false
	for _, it := range items[:len(items)-1] {
		k, v, _ := bytes.Cut(it, []byte("="))
		switch paramKey(k) {
		case "CHARSET":
			charset = string(v)
		case "ENCODING":
			qp = normEncoding(strings.ToUpper(string(v))) == encQP
		}
	}
	if qp {
		label = decodeQP(nil, label)
	}
	return strings.TrimSpace(decodeText(label, charset, p.fileUTF8))
}

// encodingOf tells, from a line's parameters only, whether the lines after
// it may continue it as quoted-printable or base64.
func encodingOf(l []byte) string {
	colon, err := valueColon(l)
	if err != nil {
		return ""
	}
	enc := ""
	first := true
	splitHead(l[:colon], ';', func(tok []byte) {
		if first {
			first = false
			return
		}
		tok = bytes.TrimSpace(tok)
		k, v, ok := bytes.Cut(tok, []byte("="))
		switch {
		case !ok:
			if e, ok := bareEncoding(strings.ToUpper(string(tok))); ok {
				enc = e
			}
		case paramKey(k) == "ENCODING":
			enc = normEncoding(strings.ToUpper(string(unquote(v))))
		}
	})
	return enc
}

// normEncoding maps an upper-case ENCODING value onto encQP or encBase64;
// anything else (7BIT, 8BIT, unknown) means the value is plain text.
func normEncoding(up string) string {
	switch up {
	case "QUOTED-PRINTABLE", "QP":
		return encQP
	case "BASE64", "B":
		return encBase64
	}
	return ""
}

// bareEncoding is normEncoding for vCard 2.1's bare parameters, which
// name encodings in full; ok is false for a word that is a type.
func bareEncoding(up string) (enc string, ok bool) {
	switch up {
	case "QUOTED-PRINTABLE":
		return encQP, true
	case "BASE64":
		return encBase64, true
	case "7BIT", "8BIT":
		return "", true
	}
	return "", false
}
