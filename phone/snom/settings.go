package snom

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// settings are the values of /settings.xml by name. An indexed setting
// (<user_name idx="1">, or the form <user_name1 idx="1">) is stored under
// its name with the index appended: "user_name1".
type settings map[string]string

// maxIdentities bounds the identities Probe reports; snom phones have at
// most 12.
const maxIdentities = 12

// parseSettings reads a snom settings.xml: every element inside
// <phone-settings> (wherever that sits: some firmware wraps it in
// <settings>) is one setting. It is tolerant of unknown elements, missing
// perm attributes and Latin-1 documents; it fails only when the document
// has no <phone-settings> at all or is not XML.
func parseSettings(doc []byte) (settings, error) {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = false
	dec.CharsetReader = charsetReader
	out := settings{}
	found := false
	depth := 0 // depth below <phone-settings>, 0 = outside
	var name string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if found {
				break // keep what came before a broken tail
			}
			return nil, fmt.Errorf("settings.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case depth == 0 && t.Name.Local == "phone-settings":
				found, depth = true, 1
			case depth == 1:
				name = settingKey(t)
				text.Reset()
				depth = 2
			case depth > 1:
				depth++
			}
		case xml.CharData:
			if depth == 2 {
				text.Write(t)
			}
		case xml.EndElement:
			switch depth {
			case 0:
			case 1:
				depth = 0
			case 2:
				if _, dup := out[name]; !dup && name != "" {
					out[name] = strings.TrimSpace(text.String())
				}
				depth = 1
			default:
				depth--
			}
		}
	}
	if !found {
		return nil, errors.New("settings.xml: no <phone-settings> element")
	}
	return out, nil
}

var trailingDigits = regexp.MustCompile(`[0-9]+$`)

// settingKey names an element, appending idx unless the name already ends
// in it.
func settingKey(t xml.StartElement) string {
	name := t.Name.Local
	for _, a := range t.Attr {
		if a.Name.Local == "idx" && a.Value != "" {
			if trailingDigits.FindString(name) != a.Value {
				name += a.Value
			}
		}
	}
	return name
}

// charsetReader accepts the Latin-1 documents older firmware sends;
// anything else is read as it is.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		b, err := io.ReadAll(input)
		if err != nil {
			return nil, err
		}
		var u []byte
		for _, c := range b {
			u = utf8.AppendRune(u, rune(c))
		}
		return bytes.NewReader(u), nil
	}
	return input, nil
}

// model is phone_type, e.g. "snomD785".
func (s settings) model() string { return s["phone_type"] }

// firmware is firmware_version, e.g. "10.1.54.13".
func (s settings) firmware() string { return s["firmware_version"] }

// identities are the registered identities user@host, in index order.
func (s settings) identities() []string {
	var out []string
	for i := 1; i <= maxIdentities; i++ {
		n := strconv.Itoa(i)
		user := s["user_name"+n]
		if user == "" {
			continue
		}
		if host := s["user_host"+n]; host != "" {
			user += "@" + host
		}
		out = append(out, user)
	}
	return out
}

// dnd reports the DND state: known is false when the phone does not list
// dnd_mode. Since firmware 8.7.3 dnd_mode is per identity; the first
// identity's counts, as the DND key switches all of them.
func (s settings) dnd() (on, known bool) {
	v, ok := s["dnd_mode"]
	if !ok {
		v, ok = s["dnd_mode1"]
	}
	if !ok {
		return false, false
	}
	switch strings.ToLower(v) {
	case "on", "true", "1":
		return true, true
	case "off", "false", "0":
		return false, true
	}
	return false, false
}

var firmwareVersion = regexp.MustCompile(`([0-9]+)\.[0-9]+`)

// firmwareMajor is the major version of a firmware string such as
// "10.1.54.13" or "snom360-SIP 7.3.30"; ok is false when there is none.
func firmwareMajor(fw string) (int, bool) {
	m := firmwareVersion.FindStringSubmatch(fw)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, false
	}
	return n, true
}

var d8xxModel = regexp.MustCompile(`(?i)D8[0-9][0-9]`)

// isD8xx reports whether a model name is one of the D8xx family, which has
// no command.htm.
func isD8xx(model string) bool { return d8xxModel.MatchString(model) }

var phoneManagerTitle = regexp.MustCompile(`(?is)<title>\s*Phone Manager\s*</title>`)

// isPhoneManager reports whether a web page is a D8xx's start page.
func isPhoneManager(page []byte) bool { return phoneManagerTitle.Match(page) }
