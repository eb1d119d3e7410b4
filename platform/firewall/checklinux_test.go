package firewall

import "testing"

const (
	ufwAllow     = "sudo ufw allow 8080/tcp comment deskcti"
	fwdReload    = "sudo firewall-cmd --reload"
	iptInsert    = "sudo iptables -I INPUT -p tcp --dport 8080 -j ACCEPT"
	rootRequired = "Operation not permitted (you must be root)"
)

func linux(t *testing.T, cmds map[string]reply, files map[string]string) *fakeOS {
	return &fakeOS{t: t, goos: "linux", cmds: cmds, files: files}
}

func TestLinuxUFWAsRoot(t *testing.T) {
	cases := []struct {
		file, detail string
		v            Verdict
		fix          []string
	}{
		{"ufw/status-verbose-blocked.txt", "default incoming policy deny", Blocked, []string{ufwAllow}},
		{"ufw/status-verbose-open.txt", `rule "8080/tcp ALLOW IN Anywhere" allows it`, Open, nil},
		{"ufw/status-verbose-lan.txt", "(only from 192.168.178.0/24)", Open, nil},
		{"ufw/status-verbose-deny-first.txt", `rule "8000:9000/tcp DENY IN Anywhere" blocks it`, Blocked,
			[]string{"sudo ufw prepend allow 8080/tcp comment deskcti"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f := linux(t, map[string]reply{"ufw status verbose": {file: c.file}}, nil)
			wantStatus(t, check(t, f, 8080, ""), UFW, true, c.v, c.detail, c.fix...)
		})
	}
}

func TestLinuxUFWInactiveFallsThroughToNftables(t *testing.T) {
	f := linux(t, map[string]reply{
		"ufw status verbose": {file: "ufw/status-inactive.txt"},
		"nft list ruleset":   {file: "nftables/workstation-blocked.txt"},
	}, nil)
	wantStatus(t, check(t, f, 8080, ""), NFTables, true, Blocked, `rule "reject with icmpx admin-prohibited" in inet filter input`,
		"sudo nft insert rule inet filter input tcp dport 8080 accept")
}

// A normal user: ufw status needs root, ufw.conf and /etc/default/ufw do not.
func TestLinuxUFWWithoutRoot(t *testing.T) {
	denied := reply{code: 1, stderr: "ERROR: You need to be root to run this script"}
	t.Run("enabled", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": denied},
			map[string]string{"/etc/ufw/ufw.conf": "ufw/ufw.conf-enabled", "/etc/default/ufw": "ufw/default-ufw"})
		wantStatus(t, check(t, f, 8080, ""), UFW, true, Unknown, "ufw is enabled, but its rules cannot be read (needs root)", ufwAllow)
	})
	t.Run("enabled, default accept", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": denied},
			map[string]string{"/etc/ufw/ufw.conf": "ufw/ufw.conf-enabled", "/etc/default/ufw": "ufw/default-ufw-accept"})
		wantStatus(t, check(t, f, 8080, ""), UFW, true, Open, "default incoming policy ACCEPT")
	})
	t.Run("disabled, rest unreadable", func(t *testing.T) {
		f := linux(t, map[string]reply{
			"ufw status verbose": denied,
			"nft list ruleset":   {code: 1, stderr: "netlink: Error: cache initialization failed: Operation not permitted"},
			"iptables -S":        {code: 4, stderr: "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)"},
		}, map[string]string{"/etc/ufw/ufw.conf": "ufw/ufw.conf-disabled"})
		wantStatus(t, check(t, f, 8080, ""), IPTables, false, Unknown,
			"ufw installed but not active; the firewall rules cannot be read: nftables (needs root), iptables (needs root)", iptInsert)
	})
}

// fwdServiceFiles are firewalld's service definitions in testdata.
var fwdServiceFiles = map[string]string{
	"/usr/lib/firewalld/services/ssh.xml":           "firewalld/usr-lib-services/ssh.xml",
	"/usr/lib/firewalld/services/cockpit.xml":       "firewalld/usr-lib-services/cockpit.xml",
	"/usr/lib/firewalld/services/dhcpv6-client.xml": "firewalld/usr-lib-services/dhcpv6-client.xml",
	"/usr/lib/firewalld/services/mdns.xml":          "firewalld/usr-lib-services/mdns.xml",
	"/usr/lib/firewalld/services/samba-client.xml":  "firewalld/usr-lib-services/samba-client.xml",
	"/usr/lib/firewalld/services/http.xml":          "firewalld/usr-lib-services/http.xml",
	"/etc/firewalld/services/deskcti.xml":           "firewalld/etc-services/deskcti.xml",
}

func TestLinuxFirewalld(t *testing.T) {
	run := func(zones string, route string) *fakeOS {
		fs := map[string]string{}
		for k, v := range fwdServiceFiles {
			fs[k] = v
		}
		if route != "" {
			fs["/proc/net/route"] = route
		}
		return linux(t, map[string]reply{
			"firewall-cmd --state":          {out: "running\n"},
			"firewall-cmd --list-all-zones": {file: zones},
		}, fs)
	}
	const route = "firewalld/proc-net-route-enp1s0"
	cases := []struct {
		name, zones, route string
		port               int
		v                  Verdict
		detail             string
		fix                []string
	}{
		{"Fedora Workstation opens 1025-65535", "firewalld/list-all-zones-fedora-workstation.txt", "", 8080,
			Open, "zone FedoraWorkstation opens port 1025-65535/tcp", nil},
		{"public blocks, docker zone irrelevant", "firewalld/list-all-zones-public.txt", "", 8080,
			Blocked, "zone public does not open it", []string{"sudo firewall-cmd --permanent --add-port=8080/tcp", fwdReload}},
		{"public opens cockpit's port", "firewalld/list-all-zones-public.txt", "", 9090,
			Open, "service cockpit in zone public opens it", nil},
		{"zone of the default route: office, through a custom service", "firewalld/list-all-zones-rich.txt", route, 8080,
			Open, "service deskcti in zone office opens it (interface enp1s0)", nil},
		{"custom service includes http", "firewalld/list-all-zones-rich.txt", route, 80,
			Open, "service deskcti in zone office opens it", nil},
		{"office zone, other port: fix names the zone", "firewalld/list-all-zones-rich.txt", route, 8081,
			Blocked, "zone office does not open it", []string{"sudo firewall-cmd --permanent --zone=office --add-port=8081/tcp", fwdReload}},
		{"default zone with a rich rule", "firewalld/list-all-zones-rich.txt", "", 8080,
			Open, `port port="8080" protocol="tcp" accept' in zone public allows it (only source 192.168.10.0/24)`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantStatus(t, check(t, run(c.zones, c.route), c.port, ""), Firewalld, true, c.v, c.detail, c.fix...)
		})
	}
	t.Run("not running", func(t *testing.T) {
		f := linux(t, map[string]reply{"firewall-cmd --state": {out: "not running\n", code: 252}}, nil)
		wantStatus(t, check(t, f, 8080, ""), Firewalld, false, Open, "firewalld installed but not active; no other firewall rules found")
	})
	t.Run("zones unreadable", func(t *testing.T) {
		f := linux(t, map[string]reply{
			"firewall-cmd --state":          {out: "running\n"},
			"firewall-cmd --list-all-zones": {code: 252, stderr: "Authorization failed."},
		}, nil)
		wantStatus(t, check(t, f, 8080, ""), Firewalld, true, Unknown, "its zones cannot be read (needs root)",
			"sudo firewall-cmd --permanent --add-port=8080/tcp", fwdReload)
	})
}

func TestLinuxNftables(t *testing.T) {
	cases := []struct {
		file     string
		port     int
		name     string
		v        Verdict
		detail   string
		fix      []string
		noFilter bool
	}{
		{file: "nftables/workstation-open.txt", port: 8080, name: NFTables, v: Open, detail: `rule "tcp dport 8080 accept" in inet filter input`},
		{file: "nftables/workstation-blocked.txt", port: 22, name: NFTables, v: Open, detail: `"tcp dport 22 accept"`},
		{file: "nftables/workstation-blocked.txt", port: 5353, name: NFTables, v: Blocked, detail: "reject",
			fix: []string{"sudo nft insert rule inet filter input tcp dport 5353 accept"}},
		{file: "nftables/named-set.txt", port: 8080, name: NFTables, v: Open,
			detail: `rule "tcp dport @lan_ports accept" in inet firewall lan_in), only when ip saddr @lan_nets`},
		{file: "nftables/named-set.txt", port: 10010, name: NFTables, v: Open, detail: "@lan_ports"},
		{file: "nftables/named-set.txt", port: 9999, name: NFTables, v: Blocked, detail: "policy drop of inet firewall inbound",
			fix: []string{"sudo nft insert rule inet firewall inbound tcp dport 9999 accept"}},
		{file: "nftables/two-tables.txt", port: 8080, name: NFTables, v: Blocked, detail: "policy drop of ip hardening input",
			fix: []string{"sudo nft insert rule ip hardening input tcp dport 8080 accept"}},
		{file: "nftables/iptables-nft.txt", port: 8080, name: IPTables, v: Open, detail: "only when ip saddr 192.168.0.0/16"},
		{file: "nftables/iptables-nft.txt", port: 9999, name: IPTables, v: Blocked, detail: "policy drop of ip filter INPUT",
			fix: []string{"sudo iptables -I INPUT -p tcp --dport 9999 -j ACCEPT"}},
		{file: "nftables/queue.txt", port: 8080, name: NFTables, v: Unknown, detail: "user-space program"},
		{file: "nftables/debian-default.txt", port: 8080, noFilter: true},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f := linux(t, map[string]reply{"nft list ruleset": {file: c.file}}, nil)
			st := check(t, f, c.port, "")
			if c.noFilter {
				wantStatus(t, st, "", false, Open, "no active firewall found")
				return
			}
			wantStatus(t, st, c.name, true, c.v, c.detail, c.fix...)
		})
	}
}

func TestLinuxIptables(t *testing.T) {
	cases := []struct {
		file   string
		port   int
		v      Verdict
		detail string
		fix    []string
	}{
		{"iptables/lan-chain.txt", 8080, Open, `rule "-p tcp -m tcp --dport 8000:8100 -m comment --comment lan web tools -j ACCEPT" in LAN), only when -s 192.168.0.0/16`, nil},
		{"iptables/lan-chain.txt", 443, Open, "--dports 22,80,443", nil},
		{"iptables/lan-chain.txt", 9999, Blocked, "policy drop of INPUT", []string{"sudo iptables -I INPUT -p tcp --dport 9999 -j ACCEPT"}},
		{"iptables/rhel-classic.txt", 8080, Blocked, `rule "-j REJECT --reject-with icmp-host-prohibited" in INPUT`, []string{iptInsert}},
		{"iptables/rhel-classic.txt", 22, Open, "--dport 22", nil},
		{"iptables/rhel-classic-open.txt", 8080, Open, "--dport 8080 -j ACCEPT", nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			// nft shows no input chain: the rules live in legacy iptables.
			f := linux(t, map[string]reply{
				"nft list ruleset": {file: "nftables/debian-default.txt"},
				"iptables -S":      {file: c.file},
			}, nil)
			wantStatus(t, check(t, f, c.port, ""), IPTables, true, c.v, c.detail, c.fix...)
		})
	}
	t.Run("empty", func(t *testing.T) {
		f := linux(t, map[string]reply{"iptables -S": {file: "iptables/empty.txt"}}, nil)
		wantStatus(t, check(t, f, 8080, ""), "", false, Open, "no active firewall found")
	})
}

func TestLinuxNothingInstalled(t *testing.T) {
	f := linux(t, map[string]reply{}, nil)
	wantStatus(t, check(t, f, 8080, ""), "", false, Open, "no active firewall found")
}

func TestLinuxNftUnreadableOnly(t *testing.T) {
	f := linux(t, map[string]reply{"nft list ruleset": {code: 1, stderr: rootRequired}}, nil)
	wantStatus(t, check(t, f, 8080, ""), NFTables, false, Unknown, "nftables (needs root)",
		"sudo nft insert rule inet filter input tcp dport 8080 accept")
}

// The notes behind the details: keys and verbatim values, nesting
// included, for the paths a user meets most.
func TestLinuxNotes(t *testing.T) {
	t.Run("ufw rule blocks", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": {file: "ufw/status-verbose-deny-first.txt"}}, nil)
		wantNotes(t, check(t, f, 8080, "").Notes,
			note(keyUFWActive), note(keyUFWRuleBlocks, "8000:9000/tcp DENY IN Anywhere"))
	})
	t.Run("ufw rule allows from the LAN", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": {file: "ufw/status-verbose-lan.txt"}}, nil)
		wantNotes(t, check(t, f, 8080, "").Notes,
			note(keyUFWActive), note(keyUFWRuleAllows, "Anywhere ALLOW IN 192.168.178.0/24"), note(keyOnlyFrom, "192.168.178.0/24"))
	})
	t.Run("ufw default policy", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": {file: "ufw/status-verbose-blocked.txt"}}, nil)
		wantNotes(t, check(t, f, 8080, "").Notes, note(keyUFWActive), note(keyUFWDefaultDeny, "deny"))
	})
	t.Run("ufw inactive, nothing else", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": {file: "ufw/status-inactive.txt"}}, nil)
		st := check(t, f, 8080, "")
		wantStatus(t, st, UFW, false, Open, "ufw installed but not active; no other firewall rules found")
		wantNotes(t, st.Notes, note(keyInactive, UFW), note(keyNoOtherRules))
	})
	t.Run("ufw rules unreadable without root", func(t *testing.T) {
		f := linux(t, map[string]reply{"ufw status verbose": {code: 1, stderr: "ERROR: You need to be root to run this script"}},
			map[string]string{"/etc/ufw/ufw.conf": "ufw/ufw.conf-enabled"})
		wantNotes(t, check(t, f, 8080, "").Notes, note(keyUFWRulesUnreadable), note(keyBecauseRoot))
	})
	t.Run("firewalld zone of the interface does not open it", func(t *testing.T) {
		fs := map[string]string{"/proc/net/route": "firewalld/proc-net-route-enp1s0"}
		for k, v := range fwdServiceFiles {
			fs[k] = v
		}
		f := linux(t, map[string]reply{
			"firewall-cmd --state":          {out: "running\n"},
			"firewall-cmd --list-all-zones": {file: "firewalld/list-all-zones-rich.txt"},
		}, fs)
		st := check(t, f, 8081, "")
		wantStatus(t, st, Firewalld, true, Blocked, "firewalld is running: zone office does not open it (interface enp1s0)",
			"sudo firewall-cmd --permanent --zone=office --add-port=8081/tcp", fwdReload)
		wantNotes(t, st.Notes, note(keyFirewalldRunning), note(keyZoneNotOpen, "office"), note(keyFirewalldInterface, "enp1s0"))
	})
	t.Run("firewalld rich rule with a source", func(t *testing.T) {
		f := linux(t, map[string]reply{
			"firewall-cmd --state":          {out: "running\n"},
			"firewall-cmd --list-all-zones": {file: "firewalld/list-all-zones-rich.txt"},
		}, fwdServiceFiles)
		wantNotes(t, check(t, f, 8080, "").Notes, note(keyFirewalldRunning),
			note(keyZoneRichAllows, `rule family="ipv4" source address="192.168.10.0/24" port port="8080" protocol="tcp" accept`, "public"),
			note(keyOnly, "source 192.168.10.0/24"))
	})
	nft := func(t *testing.T, file string, port int) Status {
		return check(t, linux(t, map[string]reply{"nft list ruleset": {file: file}}, nil), port, "")
	}
	t.Run("nftables drops by a rule", func(t *testing.T) {
		wantNotes(t, nft(t, "nftables/workstation-blocked.txt", 5353).Notes, Note{Key: keyChainsDrop,
			Args:  []string{NFTables, "5353/tcp"},
			Notes: []Note{note(keyChainsRule, "reject with icmpx admin-prohibited", "inet filter input")}})
	})
	t.Run("nftables drops by policy", func(t *testing.T) {
		wantNotes(t, nft(t, "nftables/named-set.txt", 9999).Notes, Note{Key: keyChainsDrop,
			Args:  []string{NFTables, "9999/tcp"},
			Notes: []Note{note(keyChainsPolicyDrop, "inet firewall inbound")}})
	})
	t.Run("nftables accepts only when", func(t *testing.T) {
		wantNotes(t, nft(t, "nftables/named-set.txt", 8080).Notes, Note{Key: keyChainsAcceptWhen,
			Args: []string{NFTables, "8080/tcp"},
			Notes: []Note{note(keyChainsRule, "tcp dport @lan_ports accept", "inet firewall lan_in"),
				note(keyChainsOnlyWhen, "ip saddr @lan_nets")}})
	})
	t.Run("iptables unreadable without root", func(t *testing.T) {
		f := linux(t, map[string]reply{
			"nft list ruleset": {code: 1, stderr: "netlink: Error: cache initialization failed: Operation not permitted"},
			"iptables -S":      {code: 4, stderr: "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)"},
		}, nil)
		wantNotes(t, check(t, f, 8080, "").Notes, Note{Key: keyUnreadableTwo,
			Notes: []Note{note(keyToolNeedsRoot, NFTables), note(keyToolNeedsRoot, IPTables)}})
	})
	t.Run("iptables fails otherwise", func(t *testing.T) {
		f := linux(t, map[string]reply{"iptables -S": {code: 3, stderr: "iptables: bad built-in chain"}}, nil)
		st := check(t, f, 8080, "")
		wantStatus(t, st, IPTables, false, Unknown,
			"the firewall rules cannot be read: iptables (iptables exited with status 3: iptables: bad built-in chain)", iptInsert)
		wantNotes(t, st.Notes, Note{Key: keyUnreadable,
			Notes: []Note{note(keyToolError, IPTables, "iptables exited with status 3: iptables: bad built-in chain")}})
	})
}

// An accepting rule with an interface condition and a set that is not in
// the output: both become conditions of the verdict.
func TestLinuxNftablesConditionsAndUnknownSet(t *testing.T) {
	const ruleset = `table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		iifname "eth0" tcp dport @web accept
	}
}
`
	f := linux(t, map[string]reply{"nft list ruleset": {out: ruleset}}, nil)
	st := check(t, f, 8080, "")
	wantStatus(t, st, NFTables, true, Open,
		`nftables lets port 8080/tcp in (rule "iifname "eth0" tcp dport @web accept" in inet filter input), only when iifname "eth0"; if the port set includes it`)
	wantNotes(t, st.Notes, Note{Key: keyChainsAcceptWhen, Args: []string{NFTables, "8080/tcp"}, Notes: []Note{
		note(keyChainsRule, `iifname "eth0" tcp dport @web accept`, "inet filter input"),
		{Key: keyJoinSemicolon, Notes: []Note{note(keyChainsOnlyWhen, `iifname "eth0"`), note(keyChainsIfPortSet)}},
	}})
}
