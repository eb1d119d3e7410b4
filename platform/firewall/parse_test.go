package firewall

import (
	"reflect"
	"strings"
	"testing"
)

func TestParsePorts(t *testing.T) {
	cases := []struct {
		s, list, rng string
		in, out      []int
		ok           bool
	}{
		{"8080", ",", "-", []int{8080}, []int{8081}, true},
		{"80,443,8000-8100", ",", "-", []int{80, 443, 8000, 8080, 8100}, []int{81, 8101}, true},
		{"8000:8100", ",", ":", []int{8000, 8100}, []int{7999}, true},
		{":1024", ",", ":", []int{0, 1024}, []int{1025}, true},
		{"1025:", ",", ":", []int{1025, 65535}, []int{1024}, true},
		{"http-alt", ",", "-", []int{8080}, []int{80}, true},
		{"RPC-EPMap", ",", "-", nil, nil, false},
		{"70000", ",", "-", nil, nil, false},
		{"", ",", "-", nil, nil, false},
	}
	for _, c := range cases {
		ps, ok := parsePorts(c.s, c.list, c.rng)
		if ok != c.ok {
			t.Errorf("parsePorts(%q) ok = %v", c.s, ok)
		}
		for _, p := range c.in {
			if !ps.contains(p) {
				t.Errorf("parsePorts(%q) lacks %d", c.s, p)
			}
		}
		for _, p := range c.out {
			if ps.contains(p) {
				t.Errorf("parsePorts(%q) contains %d", c.s, p)
			}
		}
	}
}

func TestNftRuleJudgement(t *testing.T) {
	noSets := func(string) (portSet, bool) { return nil, false }
	cases := []struct {
		line  string
		skip  bool
		port  portMatch
		act   action
		conds int
	}{
		{`tcp dport 8080 accept`, false, portYes, actAccept, 0},
		{`tcp dport != 8080 drop`, false, portNo, actDrop, 0},
		{`tcp dport != { 22, 80 } drop`, false, portYes, actDrop, 0},
		{`meta l4proto tcp th dport 8000-9000 counter packets 3 bytes 180 accept`, false, portYes, actAccept, 0},
		{`meta l4proto udp th dport 8080 accept`, true, portYes, actNone, 0},
		{`meta l4proto { tcp, udp } th dport 8080 accept`, false, portYes, actAccept, 0},
		{`ip protocol tcp tcp dport 8080 accept`, false, portYes, actAccept, 0},
		{`udp dport 8080 accept`, true, portAny, actNone, 0},
		{`ip6 saddr fe80::/10 tcp dport 8080 accept`, true, portAny, actNone, 0},
		{`meta nfproto ipv6 tcp dport 8080 accept`, true, portAny, actNone, 0},
		{`ct state established,related accept`, true, portAny, actNone, 0},
		{`ct state new tcp dport 8080 accept`, false, portYes, actAccept, 0},
		{`ct state != new drop`, true, portAny, actNone, 0},
		{`ct state vmap { invalid : drop, established : accept, related : accept }`, true, portAny, actNone, 0},
		{`iifname "lo" accept`, true, portAny, actNone, 0},
		{`iifname != "lo" ip daddr 127.0.0.0/8 drop`, false, portAny, actDrop, 1},
		{`iifname "enp3s0" tcp dport 8080 accept`, false, portYes, actAccept, 1},
		{`ip saddr 192.168.0.0/16 tcp dport 8080 log prefix "lan: " level info accept`, false, portYes, actAccept, 1},
		{`tcp dport vmap { 22 : accept, 8080 : jump phone }`, false, portYes, actJump, 0},
		{`tcp dport vmap { 22 : accept, 8081 : drop }`, false, portNo, actNone, 0},
		{`tcp dport @unknown_set accept`, false, portMaybe, actAccept, 0},
		{`limit rate over 10/second drop`, false, portAny, actDrop, 1},
		{`tcp dport 8080 limit rate 10/second burst 5 packets accept`, false, portYes, actAccept, 0},
		{`meta mark set 0x1 jump marked`, false, portAny, actJump, 0},
		{`reject with icmpx admin-prohibited`, false, portAny, actDrop, 0},
		{`goto zone_public`, false, portAny, actGoto, 0},
	}
	for _, c := range cases {
		r := nftRule(c.line, 8080, noSets)
		if r.skip != c.skip || (!c.skip && (r.port != c.port || r.act != c.act || len(r.conds) != c.conds)) {
			t.Errorf("%s:\n got skip=%v port=%v act=%v conds=%q\nwant skip=%v port=%v act=%v conds=%d",
				c.line, r.skip, r.port, r.act, r.conds, c.skip, c.port, c.act, c.conds)
		}
	}
}

func TestNftLinesJoinsWrappedSets(t *testing.T) {
	rs := parseNft(string(readTestdata(t, "nftables/named-set.txt")), 10007)
	if o := rs.judge(); o.verdict != Open {
		t.Fatalf("port 10007 from the wrapped element list: %v", o.verdict)
	}
	lines := nftLines("set s {\n\telements = {\n\t\t1, 2,\n\t\t3 }\n}\n")
	if want := []string{"set s {", "elements = { 1, 2, 3 }", "}"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("nftLines = %q, want %q", lines, want)
	}
}

func TestSplitArgs(t *testing.T) {
	got := splitArgs(`-A INPUT -m comment --comment "deskcti phone \"events\"" -j ACCEPT`)
	want := []string{"-A", "INPUT", "-m", "comment", "--comment", `deskcti phone "events"`, "-j", "ACCEPT"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitArgs = %q", got)
	}
}

func TestIptablesRuleJudgement(t *testing.T) {
	cases := []struct {
		line string
		skip bool
		port portMatch
		act  action
	}{
		{"-p tcp -m tcp --dport 8080 -j ACCEPT", false, portYes, actAccept},
		{"-p tcp -m tcp ! --dport 8080 -j DROP", false, portNo, actDrop},
		{"-p udp -m udp --dport 8080 -j ACCEPT", true, portYes, actNone},
		{"! -p udp -j ACCEPT", false, portAny, actAccept},
		{"-i lo -j ACCEPT", true, portAny, actNone},
		{"-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", true, portAny, actNone},
		{"-p tcp -m state --state NEW -m tcp --dport 8080 -j ACCEPT", false, portYes, actAccept},
		{"-p icmp -m icmp --icmp-type 8 -j ACCEPT", true, portAny, actNone},
		{"-j LOG --log-prefix \"drop: \"", false, portAny, actNone},
		{"-p tcp -m tcp --dport 8080 -j NFQUEUE --queue-num 0", false, portYes, actQueue},
		{"-j ufw-before-input", false, portAny, actJump},
	}
	for _, c := range cases {
		r := iptablesRule(splitArgs(c.line), 8080)
		if r.skip != c.skip || (!c.skip && (r.port != c.port || r.act != c.act)) {
			t.Errorf("%s: got skip=%v port=%v act=%v", c.line, r.skip, r.port, r.act)
		}
	}
}

func TestUFWStatusParse(t *testing.T) {
	u := parseUFWStatus(string(readTestdata(t, "ufw/status-verbose-lan.txt")))
	if !u.known || !u.active || u.defaultIn != "reject" {
		t.Fatalf("status = %+v", u)
	}
	want := []ufwRule{
		{"Anywhere", "ALLOW IN", "192.168.178.0/24"},
		{"8000:8100/tcp on enp3s0", "ALLOW IN", "Anywhere"},
		{"192.168.178.20 9000:9100/tcp on enp3s0", "ALLOW IN", "Anywhere"},
		{"22/tcp", "ALLOW OUT", "Anywhere (out)"},
	}
	if !reflect.DeepEqual(u.rules, want) {
		t.Errorf("rules = %q", u.rules)
	}
	// The rule with the long To column and the interface condition.
	u.rules = u.rules[2:]
	v, why, _ := u.judge(9050)
	if v != Open {
		t.Errorf("judge(9050) = %v", v)
	}
	wantNotes(t, why, note(keyUFWRuleAllows, "192.168.178.20 9000:9100/tcp on enp3s0 ALLOW IN Anywhere"), note(keyOnlyOn, "enp3s0"))
	if v, _, _ := u.judge(22); v != Blocked {
		t.Errorf("an outgoing rule opened port 22: %v", v)
	}
	if parseUFWStatus("ERROR: You need to be root to run this script\n").known {
		t.Error("an error message parsed as a status")
	}
}

func TestFirewalldParse(t *testing.T) {
	zones := parseFirewalldZones(string(readTestdata(t, "firewalld/list-all-zones-rich.txt")))
	var names []string
	for _, z := range zones {
		names = append(names, z.name)
	}
	if want := "block dmz drop external home internal nm-shared office public"; strings.Join(names, " ") != want {
		t.Fatalf("zones %q", names)
	}
	pub := zones[len(zones)-1]
	if !pub.isDefault || !pub.active || len(pub.list("rich rules")) != 2 || pub.value("target") != "default" {
		t.Errorf("public = %+v", pub)
	}
	if nm := zones[6]; len(nm.list("rich rules")) != 1 || nm.value("target") != "ACCEPT" {
		t.Errorf("nm-shared = %+v", nm)
	}
	if got := defaultRouteInterface(string(readTestdata(t, "firewalld/proc-net-route-enp1s0"))); got != "enp1s0" {
		t.Errorf("default route interface %q", got)
	}
	noSvc := func(string) (portSet, bool) { return nil, false }
	act, matches, conds := richRule(`rule family="ipv4" source address="203.0.113.0/24" drop`, 8080, noSvc)
	if act != actDrop || matches || len(conds) != 1 {
		t.Errorf("drop rule without a port: %v %v %q", act, matches, conds)
	}
	if _, matches, _ := richRule(`rule family="ipv6" port port="8080" protocol="tcp" accept`, 8080, noSvc); matches {
		t.Error("an IPv6 rich rule matched")
	}
	v, why := judgeZone(fwdZone{name: "public", fields: map[string][]string{"services": {"unreadable", "gone"}}}, 8080, noSvc)
	if v != Unknown {
		t.Errorf("unreadable service: %v", v)
	}
	wantNotes(t, why, note(keyZoneNotOpenUnless, "public", "unreadable, gone"))
}

func TestNetshProfiles(t *testing.T) {
	de := parseNetshProfiles(decodeConsole(readTestdata(t, "netsh/de/allprofiles.txt")), true)
	if len(de) != 3 {
		t.Fatalf("%d German profiles", len(de))
	}
	for i, want := range []string{profDomain, profPrivate, profPublic} {
		if de[i].name != want || !de[i].on || !de[i].known || de[i].policy != "BlockInbound,AllowOutbound" {
			t.Errorf("German profile %d = %+v", i, de[i])
		}
	}
	if de[2].heading != "Öffentliches Profil-Einstellungen:" {
		t.Errorf("heading %q: code page 850 not decoded", de[2].heading)
	}
	// Headings in an unknown language: the order of allprofiles names them,
	// but "ACTIVER" is no state deskcti knows.
	fr := parseNetshProfiles(decodeConsole(readTestdata(t, "netsh/fr/allprofiles.txt")), true)
	if len(fr) != 3 || fr[1].name != profPrivate || fr[1].known {
		t.Errorf("French profiles = %+v", fr)
	}
	if cur := parseNetshProfiles("\nUnbekannt:\n"+strings.Repeat("-", 70)+"\nStatus    EIN\n", false); cur[0].name != "" {
		t.Errorf("a currentprofile heading was guessed: %+v", cur)
	}
}

func TestNetshRules(t *testing.T) {
	rules, ok := parseNetshRules(decodeConsole(readTestdata(t, "netsh/de/rules-allowed.txt")))
	if !ok || len(rules) != 4 {
		t.Fatalf("%d rules, understood %v", len(rules), ok)
	}
	want := winRule{name: "deskcti", enabled: true, inbound: true, profiles: "Domäne,Privat,Öffentlich",
		protocol: "tcp", localPort: "8080", program: winExeDE, service: "beliebig", remoteIP: "Beliebig", action: "allow"}
	if rules[3] != want {
		t.Errorf("rule = %+v\nwant   %+v", rules[3], want)
	}
	if rules[1].enabled || rules[2].protocol != "icmpv4" {
		t.Errorf("rules 1, 2 = %+v, %+v", rules[1], rules[2])
	}
	if _, ok := parseNetshRules(decodeConsole(readTestdata(t, "netsh/fr/rules.txt"))); ok {
		t.Error("French rules understood")
	}
	if rules, ok := parseNetshRules(string(readTestdata(t, "netsh/en/rules-nomatch.txt"))); !ok || len(rules) != 0 {
		t.Errorf("no rules: %v %v", rules, ok)
	}
}

func TestExpandWinEnv(t *testing.T) {
	env := map[string]string{"LOCALAPPDATA": `C:\Users\anna\AppData\Local`}
	got := expandWinEnv(`%LOCALAPPDATA%\deskcti\%UNSET%\x.exe%`, func(k string) string { return env[k] })
	if want := `C:\Users\anna\AppData\Local\deskcti\%UNSET%\x.exe%`; got != want {
		t.Errorf("expandWinEnv = %q, want %q", got, want)
	}
}

func TestDecodeConsole(t *testing.T) {
	if got := decodeConsole([]byte{'D', 'o', 'm', 0x84, 'n', 'e'}); got != "Domäne" {
		t.Errorf("code page 850: %q", got)
	}
	if got := decodeConsole([]byte("\ufeffDomäne")); got != "Domäne" {
		t.Errorf("UTF-8 with BOM: %q", got)
	}
}

func TestALFParsers(t *testing.T) {
	for file, want := range map[string]int{"globalstate-on.txt": 1, "globalstate-off.txt": 0, "globalstate-essential.txt": 2} {
		if got, ok := parseALFGlobalState(string(readTestdata(t, "socketfilterfw/"+file))); !ok || got != want {
			t.Errorf("%s: state %d %v, want %d", file, got, ok, want)
		}
	}
	for file, want := range map[string]bool{"blockall-disabled-macos13.txt": false, "blockall-disabled-macos14.txt": false,
		"blockall-enabled-macos13.txt": true, "blockall-enabled-macos14.txt": true} {
		if got, ok := parseALFBlockAll(string(readTestdata(t, "socketfilterfw/"+file))); !ok || got != want {
			t.Errorf("%s: block all %v %v, want %v", file, got, ok, want)
		}
	}
	if _, ok := parseALFBlockAll("usage: socketfilterfw ..."); ok {
		t.Error("usage text understood as block-all state")
	}
	apps := parseALFApps(string(readTestdata(t, "socketfilterfw/listapps-allowed.txt")))
	want := []alfApp{{"/Applications/Spotify.app", true}, {"/Applications/deskcti.app", true},
		{"/opt/homebrew/Cellar/python@3.12/3.12.4/Frameworks/Python.framework/Versions/3.12/Resources/Python.app", false},
		{"/Users/anna/Applications/Visual Studio Code.app", true}}
	if !reflect.DeepEqual(apps, want) {
		t.Errorf("apps = %+v", apps)
	}
	if got := parseALFApps("1 : /Applications/Foo (beta).app (Block incoming connections)\n"); len(got) != 1 ||
		got[0].path != "/Applications/Foo (beta).app" || got[0].allow {
		t.Errorf("parenthesis in the path: %+v", got)
	}
	if alfTarget("/usr/local/bin/deskcti") != "/usr/local/bin/deskcti" || alfTarget(macExe) != macBundle {
		t.Error("alfTarget")
	}
}

func TestDisplayLines(t *testing.T) {
	argv := []string{"netsh", "advfirewall", "firewall", "add", "rule", "name=deskcti", "dir=in",
		"program=C:\\Program Files\\deskcti\\deskcti.exe", "description=Desk phone events"}
	want := `netsh advfirewall firewall add rule name="deskcti" dir=in program="C:\Program Files\deskcti\deskcti.exe" description="Desk phone events"`
	if got := displayLine("windows", argv, false); got != want {
		t.Errorf("windows:\n%s\nwant\n%s", got, want)
	}
	if got := windowsCmdLine([]string{`C:\Windows\System 32\netsh.exe`, "x"}); got != `"C:\Windows\System 32\netsh.exe" x` {
		t.Errorf("program path: %s", got)
	}
	got := displayLine("linux", []string{"nft", "insert", "rule", "inet", "filter", "input", "iifname", `"it's"`, "accept"}, true)
	if want := `sudo nft insert rule inet filter input iifname '"it'\''s"' accept`; got != want {
		t.Errorf("linux:\n%s\nwant\n%s", got, want)
	}
}

func TestVerdictString(t *testing.T) {
	if Unknown.String() != "unknown" || Open.String() != "open" || Blocked.String() != "blocked" || Verdict(9).String() != "unknown" {
		t.Error("Verdict.String")
	}
}
