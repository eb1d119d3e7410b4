package phonesim

import (
	"encoding/xml"
	"regexp"
	"slices"
	"strings"

	"deskcti/phone"
)

// snomFixed are the settings settings.xml lists first, in this order; the
// phone reports them and never lets HTTP change them.
var snomFixed = []string{"phone_type", "firmware_version", "mac"}

// defaultSettings is what a freshly provisioned phone holds. Caller holds
// s.mu or owns s.
func (s *Sim) defaultSettings() map[string]string {
	m := map[string]string{}
	if s.opts.Vendor == phone.Yealink {
		m[featActionURIEnable] = boolSetting(!s.opts.ActionURIDisabled)
		m[featActionURILimitIP] = s.opts.AllowIPs
		m[featShowActionURIOption] = boolSetting(s.opts.Prompt)
		return m
	}
	user, host := accountParts(s.opts.Account)
	scheme := "on"
	if s.opts.Auth == AuthBasic {
		scheme = "off"
	}
	m["phone_type"] = s.opts.Model
	m["firmware_version"] = s.opts.Firmware
	m["mac"] = s.opts.MAC
	m["user_name1"] = user
	m["user_host1"] = host
	m["http_scheme"] = scheme
	m["http_user"] = s.opts.User
	m["http_pass"] = s.opts.Password
	for _, name := range SnomActionSettings {
		m[name] = ""
	}
	for _, name := range snomFixed {
		s.readOnly[name] = true
	}
	return m
}

// SetReadOnly marks a setting as made read-only by provisioning: saving it
// over HTTP is silently ignored (the save still answers 200), and
// settings.xml shows it with perm="R".
func (s *Sim) SetReadOnly(setting string) {
	s.mu.Lock()
	s.readOnly[setting] = true
	s.mu.Unlock()
}

// Setting returns a stored setting: a snom's settings; a Yealink's Action
// URLs, features.* remote-control settings and whatever LoadConfig stored.
func (s *Sim) Setting(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.settings[name]
	return v, ok
}

var settingName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)

// saveSettings stores the settings of a dummy.htm / settings.htm save.
// "settings=save" must be present; "store_settings=save" (persist to flash)
// is accepted and has no further effect here. Read-only settings and names
// no phone would have are skipped without complaint, which is why clients
// must read settings.xml back. Web credentials and http_scheme are stored
// but do not change the sim's authentication. Caller holds s.mu.
func (s *Sim) saveSettings(ps []param) bool {
	if v, _ := lookup(ps, "settings"); v != "save" {
		return false
	}
	for _, p := range ps {
		switch {
		case p.Name == "settings", p.Name == "store_settings":
		case !settingName.MatchString(p.Name), s.readOnly[p.Name]:
		default:
			s.settings[p.Name] = p.Value
		}
	}
	return true
}

var indexed = regexp.MustCompile(`^user_[a-z_]*?([0-9]+)$`)

// settingsXML renders /settings.xml. Secrets are left out. Caller holds s.mu.
func (s *Sim) settingsXML() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<phone-settings>\n")
	names := make([]string, 0, len(s.settings))
	for name := range s.settings {
		if !slices.Contains(snomFixed, name) && !isSecret(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range append(slices.Clone(snomFixed), names...) {
		b.WriteString(" <" + name)
		if m := indexed.FindStringSubmatch(name); m != nil {
			b.WriteString(` idx="` + m[1] + `"`)
		}
		perm := ""
		if s.readOnly[name] {
			perm = "R"
		}
		b.WriteString(` perm="` + perm + `">`)
		_ = xml.EscapeText(&b, []byte(s.settings[name])) // strings.Builder never fails
		b.WriteString("</" + name + ">\n")
	}
	b.WriteString("</phone-settings>\n")
	return b.String()
}
