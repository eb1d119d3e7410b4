package phonesim

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"deskcti/phone"
)

// The Yealink remote-control settings (phones.md), kept in the settings
// like any other so that LoadConfig changes them as provisioning would.
const (
	featActionURIEnable     = "features.action_uri.enable"      // "1": Action URI on
	featActionURILimitIP    = "features.action_uri_limit_ip"    // the allow list
	featShowActionURIOption = "features.show_action_uri_option" // "1": "Allow remote control?"
)

// yealinkBoolFeatures must be 0 or 1.
var yealinkBoolFeatures = []string{featActionURIEnable, featShowActionURIOption}

func boolSetting(on bool) string {
	if on {
		return "1"
	}
	return "0"
}

// provisioned is one setting of a provisioning text.
type provisioned struct {
	name, value string
	readOnly    bool // snom perm="R" (or the text format's & / no flag)
}

// LoadConfig applies provisioning text as if the phone's provisioning
// server had sent it, so that tests can paste what deskcti tells a user to
// paste. One setting a line; blank lines and lines starting with '#' are
// skipped; CRLF is fine. The forms:
//
//	key = value                      Yealink .cfg (both vendors)
//	<name perm="RW">value</name>     snom XML; idx="N" appends N to the name
//	name!: value                     snom text setting file (flag ! $ & or none)
//
// A snom setting becomes read-only with perm "R", "&" or " " (XML) or the
// flag '&' or no flag (text format), as snom's provisioning documentation
// says; otherwise it becomes writable. snom XML declaration, comment and
// container lines (<settings>, <phone-settings>) are skipped. On a Yealink
// the features.* remote-control settings take effect at once: Action URI
// on or off, the allow list, and the "Allow remote control?" prompt
// (switching it on asks again). Unknown keys are stored; the model,
// firmware and MAC of a snom are not changed; web credentials are stored
// but do not change the sim's authentication. A malformed line fails the
// whole text with its line number, and then nothing is applied.
func (s *Sim) LoadConfig(text string) error {
	var all []provisioned
	for i, line := range strings.Split(text, "\n") {
		p, ok, err := s.parseConfigLine(strings.TrimSpace(line))
		if err != nil {
			return fmt.Errorf("phonesim load config: line %d: %w", i+1, err)
		}
		if ok {
			all = append(all, p)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range all {
		s.provision(p)
	}
	return nil
}

// provision stores one setting. Caller holds s.mu.
func (s *Sim) provision(p provisioned) {
	if s.opts.Vendor == phone.Snom {
		if slices.Contains(snomFixed, p.name) {
			return
		}
		if p.readOnly {
			s.readOnly[p.name] = true
		} else {
			delete(s.readOnly, p.name)
		}
	}
	if p.name == featShowActionURIOption && s.opts.Vendor == phone.Yealink {
		if p.value == "1" && s.settings[p.name] != "1" {
			s.promptAccepted = false // switched on: the phone asks again
		}
		if p.value != "1" {
			s.promptShowing = false
		}
	}
	s.settings[p.name] = p.value
}

// parseConfigLine reads one trimmed line; ok is false for a line that
// holds no setting.
func (s *Sim) parseConfigLine(line string) (p provisioned, ok bool, err error) {
	snom := s.opts.Vendor == phone.Snom
	switch {
	case line == "" || strings.HasPrefix(line, "#"):
		return p, false, nil
	case strings.HasPrefix(line, "<"):
		if !snom {
			return p, false, errors.New("XML setting lines are snom provisioning; a Yealink .cfg line is key = value")
		}
		return parseXMLSetting(line)
	}
	eq, colon := strings.IndexByte(line, '='), strings.IndexByte(line, ':')
	switch {
	case eq > 0 && (colon < 0 || eq < colon):
		p = provisioned{name: strings.TrimSpace(line[:eq]), value: strings.TrimSpace(line[eq+1:])}
	case colon > 0 && snom:
		// snom's text setting file: name, an optional flag, ':', value.
		name, flag := strings.TrimSpace(line[:colon]), ""
		if name != "" && strings.ContainsRune("!$&", rune(name[len(name)-1])) {
			name, flag = name[:len(name)-1], name[len(name)-1:]
		}
		p = provisioned{name: strings.TrimSpace(name), value: strings.TrimSpace(line[colon+1:]),
			readOnly: flag == "" || flag == "&"}
	default:
		want := "key = value"
		if snom {
			want += ", name: value or <name perm=\"RW\">value</name>"
		}
		return p, false, fmt.Errorf("%q is not a setting line (want %s)", line, want)
	}
	if !settingName.MatchString(p.name) {
		return p, false, fmt.Errorf("%q is not a setting name", p.name)
	}
	if !snom && slices.Contains(yealinkBoolFeatures, p.name) && p.value != "0" && p.value != "1" {
		return p, false, fmt.Errorf("%s = %q: want 0 or 1", p.name, p.value)
	}
	return p, true, nil
}

// snomContainers are the elements around the settings of a snom XML file.
var snomContainers = []string{"settings", "phone-settings"}

var trailingDigits = regexp.MustCompile(`[0-9]+$`)

// containerEnds matches a line of container end tags only.
var containerEnds = regexp.MustCompile(`^(</\s*(settings|phone-settings)\s*>\s*)+$`)

// parseXMLSetting reads one snom XML line: a setting element, perhaps
// followed by a comment, or a line of its own that holds no setting (the
// XML declaration, a comment, a container's start or end tag).
func parseXMLSetting(line string) (p provisioned, ok bool, err error) {
	switch {
	case strings.HasPrefix(line, "<?"), strings.HasPrefix(line, "<!--") && strings.HasSuffix(line, "-->"):
		return p, false, nil
	case containerEnds.MatchString(line):
		return p, false, nil
	}
	dec := xml.NewDecoder(strings.NewReader(line))
	start, err := nextStart(dec)
	if err != nil {
		return p, false, err
	}
	if slices.Contains(snomContainers, start.Name.Local) {
		return p, false, nil // the start tag of a container; its end is on a later line
	}
	var value strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return p, false, fmt.Errorf("<%s> is not closed on its line: %w", start.Name.Local, err)
		}
		if cd, isText := tok.(xml.CharData); isText {
			value.Write(cd)
			continue
		}
		end, isEnd := tok.(xml.EndElement)
		if !isEnd {
			return p, false, fmt.Errorf("<%s> holds more than text", start.Name.Local)
		}
		if end.Name.Local != start.Name.Local {
			return p, false, fmt.Errorf("<%s> closed by </%s>", start.Name.Local, end.Name.Local)
		}
		break
	}
	if err := onlyCommentsLeft(dec); err != nil {
		return p, false, err
	}
	name, perm := start.Name.Local, ""
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "idx":
			// <user_name idx="1"> and <user_name1 idx="1"> are the same
			// setting, as in settings.xml.
			if trailingDigits.FindString(name) != a.Value {
				name += a.Value
			}
		case "perm":
			perm = a.Value
		}
	}
	p = provisioned{name: name, value: strings.TrimSpace(value.String()),
		readOnly: perm == "R" || perm == "&" || (perm != "" && strings.TrimSpace(perm) == "")}
	if !settingName.MatchString(p.name) {
		return p, false, fmt.Errorf("%q is not a setting name", p.name)
	}
	return p, true, nil
}

// nextStart is the first start element; only blanks and comments may come
// before it.
func nextStart(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("not an XML setting: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.Comment:
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return xml.StartElement{}, errors.New("text outside an element")
			}
		default:
			return xml.StartElement{}, errors.New("not an XML setting")
		}
	}
}

// onlyCommentsLeft checks that the rest of the line is blanks and comments.
func onlyCommentsLeft(dec *xml.Decoder) error {
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("after the setting: %w", err)
		}
		switch t := tok.(type) {
		case xml.Comment:
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return errors.New("text after the setting")
			}
		default:
			return errors.New("one setting a line")
		}
	}
}
