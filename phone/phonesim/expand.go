package phonesim

import (
	"net/url"
	"strconv"
	"strings"

	"deskcti/phone"
)

// expand replaces the $variables of an Action URL template. A name runs
// over letters, digits and '_' (snom also '-', for $call-id), so it ends at
// '&' or any other character that cannot be in a name. Unknown variables,
// and call variables on events without a call (DND, offhook), stay as they
// are, as real phones leave them. Values are inserted query-escaped, as
// snom does for display names with spaces or umlauts. Caller holds s.mu.
func (s *Sim) expand(tmpl string, c *Call) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); {
		if tmpl[i] != '$' {
			b.WriteByte(tmpl[i])
			i++
			continue
		}
		j := i + 1
		for j < len(tmpl) && s.isVarByte(tmpl[j]) {
			j++
		}
		if v, ok := s.variable(tmpl[i+1:j], c); ok {
			b.WriteString(url.QueryEscape(v))
		} else {
			b.WriteString(tmpl[i:j])
		}
		i = j
	}
	return b.String()
}

func (s *Sim) isVarByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
		return true
	case c == '-':
		return s.opts.Vendor != phone.Yealink
	}
	return false
}

// variable is the value of one $name. $local is always this phone and
// $remote the other party, whatever the direction: phones.md says the
// vendors' own pages contradict each other, so receivers must use the event
// type for the direction anyway.
func (s *Sim) variable(name string, c *Call) (string, bool) {
	user, host := accountParts(s.opts.Account)
	if c != nil {
		if v, ok := s.callVariable(name, c, user, host); ok {
			return v, true
		}
	}
	switch name {
	case "active_user":
		return user, true
	case "active_host":
		return host, true
	case "active_url":
		return "sip:" + user + "@" + host, true
	}
	if s.opts.Vendor == phone.Yealink {
		switch name {
		case "mac":
			return s.opts.MAC, true
		case "ip":
			return s.phoneIP(), true
		case "model":
			return s.opts.Model, true
		case "firmware":
			return s.opts.Firmware, true
		}
		return "", false
	}
	switch name {
	case "phone_ip":
		return s.phoneIP(), true
	case "nr_ongoing_calls":
		return strconv.Itoa(len(s.calls)), true
	}
	if v, ok := s.settings[name]; ok {
		if isSecret(name) {
			return "", true
		}
		return v, true
	}
	return "", false
}

func (s *Sim) callVariable(name string, c *Call, user, host string) (string, bool) {
	switch name {
	case "local":
		return "sip:" + user + "@" + host, true
	case "remote":
		return remoteURI(c.Remote, host), true
	case "display_local":
		return user, true
	case "display_remote":
		return c.Display, true
	}
	if s.opts.Vendor != phone.Yealink {
		if name == "call-id" {
			return c.ID, true
		}
		return "", false
	}
	switch name {
	case "call_id":
		return c.ID, true
	case "callerID":
		if !c.Incoming {
			return user, true
		}
		if c.Display != "" {
			return c.Display, true
		}
		return c.Remote, true
	case "calledNumber":
		if c.Incoming {
			return user, true
		}
		return c.Remote, true
	}
	return "", false
}

// remoteURI turns a number into the SIP URI phones report; a URI stays.
func remoteURI(remote, host string) string {
	switch {
	case strings.HasPrefix(remote, "sip:"), strings.HasPrefix(remote, "sips:"):
		return remote
	case strings.Contains(remote, "@"):
		return "sip:" + remote
	}
	return "sip:" + remote + "@" + host
}

// isSecret says which settings expand empty (phones.md: secrets do).
func isSecret(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "pass") || strings.Contains(n, "pwd") || strings.Contains(n, "secret")
}

// phoneIP is the address the phone would report as its own.
func (s *Sim) phoneIP() string {
	if s.listenIP == nil || s.listenIP.IsUnspecified() {
		return "127.0.0.1"
	}
	return s.listenIP.String()
}
