package phonesim

import (
	"encoding/json"
	"html"
	"net/http"
	"slices"
	"strings"
)

const forbiddenPage = "<html><head><title>403 Forbidden</title></head><body>Forbidden</body></html>\n"

// serveYealink answers one request the way a Yealink phone does. Caller
// holds s.mu.
func (s *Sim) serveYealink(r *http.Request, remote string, body []byte) reply {
	now := s.now()
	if now.Before(s.lockedUntil) {
		return newReply(http.StatusForbidden, htmlType, forbiddenPage)
	}
	if r.URL.Path == "/api/common/info" {
		rep := s.yealinkInfo(r, body)
		rep.authorized = true // answered without login
		return rep
	}
	switch s.checkAuth(r) {
	case authOK:
		s.failedLogins = 0
	case authWrong:
		// The failed login that reaches the limit is still answered 401;
		// the lock-out starts with the next request.
		s.failedLogins++
		if s.opts.LockoutAfter > 0 && s.failedLogins >= s.opts.LockoutAfter {
			s.lockedUntil = now.Add(s.opts.LockoutFor)
			s.failedLogins = 0
		}
		fallthrough
	default:
		rep := newReply(http.StatusUnauthorized, htmlType, unauthorizedPage)
		s.challenge(rep.header, false)
		return rep
	}
	rep := s.yealinkRoute(r, remote)
	rep.authorized = true
	return rep
}

func (s *Sim) yealinkRoute(r *http.Request, remote string) reply {
	switch r.URL.Path {
	case "/":
		title := html.EscapeString("Yealink " + s.opts.Model)
		return newReply(http.StatusOK, htmlType, "<html><head><title>"+title+"</title></head><body></body></html>\n")
	case "/servlet", "/cgi-bin/ConfigManApp.com":
		if !s.yealinkAccess(remote) {
			return newReply(http.StatusForbidden, htmlType, forbiddenPage)
		}
		return s.servlet(r.URL.RawQuery)
	}
	return newReply(http.StatusNotFound, htmlType, notFoundPage)
}

// yealinkAccess applies the phone's Action URI conditions in the order the
// phone's settings suggest: enabled, peer in the allow list, prompt
// accepted. While "Allow remote control?" shows, the emulator answers 403
// without acting; what the real phone answers meanwhile is unconfirmed
// (403 fits phones.md's "403 is ambiguous").
func (s *Sim) yealinkAccess(remote string) bool {
	if s.settings[featActionURIEnable] != "1" || !allowedIP(s.settings[featActionURILimitIP], remote) {
		return false
	}
	if s.settings[featShowActionURIOption] == "1" && !s.promptAccepted {
		s.promptShowing = true
		return false
	}
	return true
}

// allowedIP applies features.action_uri_limit_ip: blank rejects everything,
// "any" allows everything, else a comma list of IPv4 addresses whose
// octets may be "*". Host names never match.
func allowedIP(list, ip string) bool {
	for entry := range strings.SplitSeq(list, ",") {
		e := strings.TrimSpace(entry)
		if strings.EqualFold(e, "any") || e == ip {
			return true
		}
		ps, qs := strings.Split(e, "."), strings.Split(ip, ".")
		if len(ps) != 4 || len(qs) != 4 {
			continue
		}
		match := true
		for i := range ps {
			if ps[i] != "*" && ps[i] != qs[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// servlet runs one Action URI request. key= must be the first parameter and
// the query must not end in '&': otherwise the phone ignores the request
// and still answers 200. That is the quirk phones.md reports, emulated as
// "answers 200, does nothing" (what the phone answers is unconfirmed).
// servlet?number=N (some firmware) and servlet?phonecfg=get work too.
func (s *Sim) servlet(raw string) reply {
	rep := newReply(http.StatusOK, htmlType, "<html><body>OK</body></html>\n")
	if raw == "" || strings.HasSuffix(raw, "&") {
		return rep
	}
	ps, err := parseRawQuery(raw, false)
	if err != nil || len(ps) == 0 {
		return rep
	}
	uri, _ := lookup(ps, "outgoing_uri")
	first := ps[0]
	switch first.Name {
	case "key":
		if strings.HasPrefix(first.Value, "phonecfg=") {
			return s.phonecfg(ps)
		}
		keys, err := ParseKeyChain(first.Value)
		if err != nil {
			return rep
		}
		if isTouch(s.opts.Model) {
			keys = keys[:1] // touch models act on the first key of a chain only
		}
		for _, k := range keys {
			if s.yealinkKey(k.Name, uri) {
				rep.acted = true
			}
		}
	case "number":
		if first.Value != "" {
			s.dial(first.Value, uri)
			rep.acted = true
		}
	case "phonecfg":
		return s.phonecfg(ps)
	}
	return rep
}

// phonecfg answers key=phonecfg=get&accounts=1&dnd=1&fw=1. The real answer's
// format is not in phones.md; this emulator's assumption is plain text, one
// Name=value per line:
//
//	Model=SIP-T46U
//	MAC=805EC0AABBCC
//	Firmware=108.86.0.45              (fw=1)
//	DND=0                             (dnd=1; 1 when on)
//	Account1=201@pbx.example Registered   (accounts=1)
//
// Model and MAC always come; with none of fw, dnd, accounts set to 1 all
// lines come.
func (s *Sim) phonecfg(ps []param) reply {
	want := func(name string) bool {
		v, _ := lookup(ps, name)
		return v == "1"
	}
	all := !want("fw") && !want("dnd") && !want("accounts")
	var b strings.Builder
	b.WriteString("Model=" + s.opts.Model + "\n")
	b.WriteString("MAC=" + s.opts.MAC + "\n")
	if all || want("fw") {
		b.WriteString("Firmware=" + s.opts.Firmware + "\n")
	}
	if all || want("dnd") {
		dnd := "0"
		if s.dnd {
			dnd = "1"
		}
		b.WriteString("DND=" + dnd + "\n")
	}
	if all || want("accounts") {
		b.WriteString("Account1=" + s.opts.Account + " Registered\n")
	}
	rep := newReply(http.StatusOK, "text/plain; charset=utf-8", b.String())
	rep.acted = true
	return rep
}

// yealinkInfo answers POST /api/common/info?p=Login with
// {"idlist":["wui"]}, which newer firmware serves without login. The
// emulator serves it whatever the firmware version.
func (s *Sim) yealinkInfo(r *http.Request, body []byte) reply {
	if r.Method != http.MethodPost || r.URL.Query().Get("p") != "Login" {
		return newReply(http.StatusNotFound, htmlType, notFoundPage)
	}
	var req struct {
		IDList []string `json:"idlist"`
	}
	data := map[string]string{}
	if json.Unmarshal(body, &req) == nil && slices.Contains(req.IDList, "wui") {
		data["wui.device.phoneName"] = s.opts.Model
		data["firmware"] = s.opts.Firmware
		data["mac"] = s.opts.MAC
	}
	out, _ := json.Marshal(map[string]any{"ret": "ok", "data": data}) // maps of strings always marshal
	rep := newReply(http.StatusOK, "application/json", string(out))
	rep.acted = true
	return rep
}

// SetAllowIPs changes features.action_uri_limit_ip while running. The list
// is taken literally: "" is the blank list, which rejects everything.
func (s *Sim) SetAllowIPs(list string) {
	s.mu.Lock()
	s.settings[featActionURILimitIP] = list
	s.mu.Unlock()
}

// AcceptPrompt is someone pressing OK on "Allow remote control?".
func (s *Sim) AcceptPrompt() {
	s.mu.Lock()
	s.promptAccepted = true
	s.promptShowing = false
	s.mu.Unlock()
}

// PromptShowing reports whether "Allow remote control?" is on the screen.
func (s *Sim) PromptShowing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.promptShowing
}
