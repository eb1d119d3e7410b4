// Package firewall finds the firewall of this computer and judges whether
// it lets the desk phone's call events in: a new TCP connection from the
// LAN to deskcti's Action-URL receiver (port 8080 by default). It is the
// firewall part of the Test button; the most common set-up failure is the
// PC's own firewall dropping the phone's requests.
//
// Check reads, Apply changes:
//
//	st, err := firewall.Check(ctx, 8080, exePath)
//	// st.Firewall "ufw", st.Open firewall.Blocked,
//	// st.Fix ["sudo ufw allow 8080/tcp comment deskcti"], st.NeedsAdmin true
//	line := st.Describe(i18n.T) // "ufw is active: no rule allows the port, ..."
//	err = firewall.Apply(ctx, st) // runs st.Commands when root/elevated, else ErrNeedsAdmin
//
// # What the user reads
//
// Status.Notes say what Check saw as message keys and the values that are
// shown as they are (names, ports, rule texts, paths, error texts of
// commands); a note may contain other notes. Status.Describe renders them
// with the caller's translator into one line. The texts are in
// assets/translations/firewall.en.json and firewall.de.json, since
// platform packages do not import app/i18n; Keys lists every key with the
// number of values its text takes, for the test of the catalogs.
//
// # What is consulted
//
// Linux: the highest-level manager that is on, because it owns the kernel
// rules underneath and is what the user changes: ufw (`ufw status
// verbose`, which needs root, else /etc/ufw/ufw.conf and /etc/default/ufw),
// then firewalld (`firewall-cmd --state`, `--list-all-zones`, the zone of
// the default-route interface from /proc/net/route, service definitions
// read from their XML files). Without an active manager: `nft list ruleset`
// (every input base chain must accept; jumps, named sets, vmaps and
// iptables-nft tables are followed), then `iptables -S` (the legacy back
// end). Rules the user may not read (not root) give Verdict Unknown and
// the fix for the most likely tool.
//
// Windows: Windows Defender Firewall through netsh: `show allprofiles`
// (state and inbound policy per profile), `show currentprofile` (which
// profile the networks are in) and `firewall show rule name=all dir=in
// verbose`. netsh prints in the display language and, to a pipe, in the
// OEM code page; English and German are understood, anything else is
// Unknown. Block rules beat allow rules, "block all incoming" beats both,
// and a rule for another program or a service does not open our port.
//
// macOS: the application firewall through socketfilterfw
// (--getglobalstate, --getblockall, --listapps, --getallowsigned). It
// filters per program; a program inside an .app bundle is listed as the
// bundle.
//
// # Guarantees
//
// Check runs no shell and only read-only commands, each bounded by
// System.Timeout (5 s) and killed on expiry, with the pipes closed a
// second later even if a child keeps them open. Missing programs and
// missing rights are not errors. Commands run in the C locale on Linux
// and macOS so that the English parsers apply; netsh runs without a
// console window. Apply runs the fix without a shell, one command after
// the other, and only when the process is root or elevated: deskcti never
// calls sudo, pkexec or UAC itself.
//
// Every parser is a pure function over captured output, tested on Linux
// for all three systems with samples in testdata (see testdata/README.md).
// The Windows and macOS runners are untested on those systems: they
// compile in the cross builds (go vet with GOOS=windows and GOOS=darwin).
//
// Not covered: ip6-only rules (the phone talks IPv4), third-party Windows
// firewalls (Windows turns its own firewall off when one registers, which
// Check reports as off), macOS pf, and rules that depend on who sends
// (source addresses, interfaces), which are assumed to match for allow
// rules and not to match for drop rules, and named in the Notes.
package firewall
