package receiver

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

const incoming = "/event/incoming?v=snom&call_id=c1&remote=sip%3A0221123%40pbx&display=Anna"

func TestRefusedPeerIsCountedNeverParsed(t *testing.T) {
	r := start(t, Config{Allow: prefixes(t, "127.0.0.1")})
	base := r.BaseURL("127.0.0.1")
	other := clientFrom(t, "127.0.0.2")

	body := mustStatus(t, other, base+incoming, http.StatusForbidden)
	if !strings.Contains(body, "allow list") {
		t.Errorf("403 body %q does not say why", body)
	}
	noEvent(t, r)
	mustStatus(t, other, base+"/", http.StatusForbidden) // the test page too
	ps := peerStats(t, r, "127.0.0.2")
	if ps.Refused != 2 || ps.Received != 0 || ps.Errors != 0 || ps.Requests != 2 {
		t.Errorf("127.0.0.2 stats %+v, want 2 refused", ps)
	}
	if !strings.Contains(ps.LastError, "not in the allow list") || ps.LastErrorAt.IsZero() || ps.LastSeen.IsZero() {
		t.Errorf("127.0.0.2 last error %q at %v, seen %v", ps.LastError, ps.LastErrorAt, ps.LastSeen)
	}

	mustStatus(t, clientFrom(t, "127.0.0.1"), base+incoming, http.StatusOK)
	if ev := nextEvent(t, r); ev.CallID != "c1" || ev.Peer != netip.MustParseAddr("127.0.0.1") {
		t.Errorf("event %+v", ev)
	}
	if tot := r.Stats().Totals; tot.Refused != 2 || tot.Received != 1 || tot.Requests != 3 {
		t.Errorf("totals %+v", tot)
	}
}

func TestDenyWinsOverAllow(t *testing.T) {
	r := start(t, Config{Allow: prefixes(t, "127.0.0.0/8"), Deny: prefixes(t, "127.0.0.2")})
	base := r.BaseURL("127.0.0.1")
	body := mustStatus(t, clientFrom(t, "127.0.0.2"), base+incoming, http.StatusForbidden)
	if !strings.Contains(body, "deny list") {
		t.Errorf("403 body %q does not name the deny list", body)
	}
	noEvent(t, r)
	mustStatus(t, clientFrom(t, "127.0.0.3"), base+incoming, http.StatusOK)
	nextEvent(t, r)
}

func TestSubnets(t *testing.T) {
	// 127.0.0.0/30 holds .0-.3; the netmask form means the same.
	for _, entry := range []string{"127.0.0.0/30", "127.0.0.0/255.255.255.252", "127.0.0.3/30"} {
		t.Run(entry, func(t *testing.T) {
			r := start(t, Config{Allow: prefixes(t, entry)})
			base := r.BaseURL("127.0.0.1")
			mustStatus(t, clientFrom(t, "127.0.0.2"), base+incoming, http.StatusOK)
			nextEvent(t, r)
			mustStatus(t, clientFrom(t, "127.0.0.5"), base+incoming, http.StatusForbidden)
			noEvent(t, r)
		})
	}
}

func TestSetAccessAtRunTime(t *testing.T) {
	r := start(t, Config{}) // empty Allow: loopback, so 127.0.0.2 too
	base := r.BaseURL("127.0.0.1")
	one, two := clientFrom(t, "127.0.0.1"), clientFrom(t, "127.0.0.2")
	mustStatus(t, two, base+incoming, http.StatusOK)
	nextEvent(t, r)

	allow := prefixes(t, "127.0.0.1")
	r.SetAccess(allow, nil)
	allow[0] = netip.MustParsePrefix("127.0.0.2/32") // the receiver keeps its own copy
	mustStatus(t, two, base+incoming, http.StatusForbidden)
	mustStatus(t, one, base+incoming, http.StatusOK)
	nextEvent(t, r)

	r.SetAccess(nil, prefixes(t, "127.0.0.1"))
	mustStatus(t, one, base+incoming, http.StatusForbidden)
	mustStatus(t, two, base+incoming, http.StatusOK)
	nextEvent(t, r)
	noEvent(t, r)
}

func TestIPv4MappedPeerMatchesIPv4Lists(t *testing.T) {
	// A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
	r, err := Listen(Config{Listen: "[::]:0", FallbackPorts: -1, Allow: prefixes(t, "127.0.0.1")})
	if err != nil {
		t.Skipf("no IPv6 here: %v", err)
	}
	defer r.Close()
	if !r.Addr().Addr().IsUnspecified() {
		t.Fatalf("Addr %v, want the unspecified address", r.Addr())
	}
	mustStatus(t, clientFrom(t, "127.0.0.1"), r.BaseURL("127.0.0.1")+incoming, http.StatusOK)
	if ev := nextEvent(t, r); ev.Peer != netip.MustParseAddr("127.0.0.1") {
		t.Errorf("peer %v, want 127.0.0.1 unmapped", ev.Peer)
	}
	mustStatus(t, clientFrom(t, "127.0.0.2"), r.BaseURL("127.0.0.1")+incoming, http.StatusForbidden)
	peerStats(t, r, "127.0.0.2")
}

func TestTokenRequired(t *testing.T) {
	const token = "s3cret-Tok3n"
	logs := &logBuffer{}
	r := start(t, Config{Token: token, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	c := clientFrom(t, "127.0.0.1")
	host := "http://" + r.Addr().String()
	if got, want := r.BaseURL("127.0.0.1"), host+"/"+token; got != want {
		t.Fatalf("BaseURL = %q, want %q", got, want)
	}
	for _, path := range []string{incoming, "/wrong/event/incoming?call_id=x", "/" + token + "x/event/incoming",
		"/probe/abc", "/" + strings.ToUpper(token) + "/event/incoming"} {
		mustStatus(t, c, host+path, http.StatusForbidden)
	}
	noEvent(t, r)
	if ps := peerStats(t, r, "127.0.0.1"); ps.Refused != 5 || !strings.Contains(ps.LastError, "token") {
		t.Errorf("stats %+v, want 5 refusals for the token", ps)
	}
	mustStatus(t, c, host+"/"+token+incoming, http.StatusOK)
	nextEvent(t, r)
	for _, path := range []string{"/", "/" + token + "/", "/" + token} {
		if body := mustStatus(t, c, host+path, http.StatusOK); !strings.Contains(body, "<TAPI>Receive OK</TAPI>") {
			t.Errorf("GET %s: %q", path, body)
		}
	}
	mustStatus(t, c, host+"/favicon.ico", http.StatusNotFound)
	mustStatus(t, c, host+"/"+token+"/nothing", http.StatusNotFound)

	status := mustStatus(t, c, host+"/status", http.StatusOK)
	if strings.Contains(status, token) || strings.Contains(logs.String(), token) {
		t.Errorf("token leaked into /status or the log:\n%s\n%s", status, logs.String())
	}
	if !strings.Contains(logs.String(), "token") {
		t.Errorf("log does not mention the token refusal: %s", logs.String())
	}
}

func TestBadTokenConfig(t *testing.T) {
	for _, tok := range []string{"a/b", "with space", "ü", "..", strings.Repeat("a", 129)} {
		if _, err := Listen(Config{Listen: "127.0.0.1:0", Token: tok}); err == nil {
			t.Errorf("token %q accepted", tok)
		} else if len(tok) > 3 && strings.Contains(err.Error(), tok) {
			t.Errorf("error %q repeats the token", err)
		}
	}
	if tok := NewToken(); checkToken(tok) != nil || len(tok) != 32 || tok == NewToken() {
		t.Errorf("NewToken() = %q", tok)
	}
}

func TestCrossSiteBrowserRequestRefused(t *testing.T) {
	r := start(t, Config{})
	c := clientFrom(t, "127.0.0.1")
	for site, want := range map[string]int{"cross-site": 403, "same-site": 403, "none": 200, "same-origin": 200} {
		req, _ := http.NewRequest(http.MethodGet, r.BaseURL("")+incoming, nil)
		req.Header.Set("Sec-Fetch-Site", site)
		if code, body := do(t, c, req); code != want {
			t.Errorf("Sec-Fetch-Site %s: %d %q, want %d", site, code, body, want)
		}
	}
	for range 2 {
		nextEvent(t, r)
	}
	noEvent(t, r)
	// The test page stays reachable for a link from elsewhere.
	req, _ := http.NewRequest(http.MethodGet, r.BaseURL("")+"/", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if code, _ := do(t, c, req); code != http.StatusOK {
		t.Errorf("test page cross-site: %d", code)
	}
}

func TestStatusLocalOnly(t *testing.T) {
	r := start(t, Config{Allow: prefixes(t, "127.0.0.0/8")})
	base := r.BaseURL("127.0.0.1")
	mustStatus(t, clientFrom(t, "127.0.0.2"), base+incoming, http.StatusOK)
	nextEvent(t, r)

	body := mustStatus(t, clientFrom(t, "127.0.0.1"), base+"/status", http.StatusOK)
	var st Stats
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatalf("status is not JSON: %v\n%s", err, body)
	}
	if st.Listen != r.Addr().String() || st.Totals.Received != 1 || len(st.Peers) != 1 ||
		st.Peers[0].Addr != netip.MustParseAddr("127.0.0.2") || st.Peers[0].Received != 1 {
		t.Errorf("status %+v", st)
	}
	// 127.0.0.2 may send events, but /status answers 127.0.0.1 and ::1 only.
	mustStatus(t, clientFrom(t, "127.0.0.2"), base+"/status", http.StatusForbidden)
	// DNS rebinding: the right peer, but a foreign Host.
	req, _ := http.NewRequest(http.MethodGet, base+"/status", nil)
	req.Host = "attacker.example:" + strconv.Itoa(int(r.Addr().Port()))
	if code, _ := do(t, clientFrom(t, "127.0.0.1"), req); code != http.StatusForbidden {
		t.Errorf("/status with Host %s: %d, want 403", req.Host, code)
	}
	req, _ = http.NewRequest(http.MethodPost, base+"/status", nil)
	if code, _ := do(t, clientFrom(t, "127.0.0.1"), req); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /status: %d, want 405", code)
	}
}

func TestStatusIgnoresLists(t *testing.T) {
	// The diagnostics must work when the lists are wrong.
	r := start(t, Config{Allow: prefixes(t, "192.168.1.20"), Deny: prefixes(t, "127.0.0.0/8")})
	mustStatus(t, clientFrom(t, "127.0.0.1"), r.BaseURL("")+"/status", http.StatusOK)
}

func TestParsePrefix(t *testing.T) {
	for in, want := range map[string]string{
		"192.168.1.20":                "192.168.1.20/32",
		" 192.168.1.0/24 ":            "192.168.1.0/24",
		"192.168.1.20/24":             "192.168.1.0/24",
		"10.0.0.0/255.0.0.0":          "10.0.0.0/8",
		"::1":                         "::1/128",
		"fe80::/10":                   "fe80::/10",
		"fe80::1%eth0":                "fe80::1/128",
		"::ffff:192.168.1.20":         "192.168.1.20/32",
		"0.0.0.0/0":                   "0.0.0.0/0",
		"2001:db8::/32":               "2001:db8::/32",
		"192.168.1.0/255.255.255.255": "192.168.1.0/32",
	} {
		got, err := ParsePrefix(in)
		if err != nil || got.String() != want {
			t.Errorf("ParsePrefix(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for in, hint := range map[string]string{
		"":                        "empty",
		"pbx.example":             "not an IP address",
		"10.10.*.*":               "wildcards",
		"192.168.001.020":         "leading zeros",
		"192.168.1.0/33":          "larger than 32",
		"192.168.1.0/x":           "not a number",
		"192.168.1.0/":            "not a number",
		"192.168.1.0/255.0.255.0": "not contiguous",
		"fe80::/255.255.0.0":      "IPv4",
	} {
		_, err := ParsePrefix(in)
		if err == nil || !strings.Contains(err.Error(), hint) {
			t.Errorf("ParsePrefix(%q) error %v, want one mentioning %q", in, err, hint)
		}
	}
}

func TestAccessNormalizesLists(t *testing.T) {
	mapped := netip.PrefixFrom(netip.MustParseAddr("::ffff:10.0.0.0"), 104) // 10.0.0.0/8
	a := newAccess([]netip.Prefix{mapped, {}}, nil)
	if a.verdict(netip.MustParseAddr("10.1.2.3")) != "" || a.verdict(netip.MustParseAddr("11.0.0.1")) == "" {
		t.Errorf("mapped allow list %v", a.allow)
	}
	if a.verdict(peerAddr(netip.MustParseAddr("::ffff:10.9.9.9"))) != "" {
		t.Error("mapped peer not matched")
	}
	if a := newAccess(nil, nil); a.verdict(netip.MustParseAddr("::1")) != "" || a.verdict(netip.MustParseAddr("192.168.1.2")) == "" {
		t.Error("empty allow list is not loopback only")
	}
	zoned := netip.MustParseAddr("fe80::1%eth0")
	if newAccess(prefixes(t, "fe80::/10"), nil).verdict(peerAddr(zoned)) != "" {
		t.Error("zoned link-local peer not matched")
	}
}
