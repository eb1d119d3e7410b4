package firewall

import "slices"

// The message keys of the notes Check writes into Status.Notes. Their texts
// are in assets/translations/firewall.en.json and firewall.de.json; the
// comments name what a note takes: Args (verbatim values), then Notes
// (nested notes), each filling one %s in that order.
const (
	keyUnsupported = "firewall.unsupported" // GOOS

	// Linux without an active manager, and the reasons a command gave
	// no answer.
	keyNone            = "firewall.none"
	keyInactive        = "firewall.inactive"     // manager
	keyInactiveTwo     = "firewall.inactive.two" // manager, manager
	keyNoOtherRules    = "firewall.no-other-rules"
	keyUnreadable      = "firewall.unreadable"      // note: a tool item
	keyUnreadableTwo   = "firewall.unreadable.two"  // notes: two tool items
	keyToolNeedsRoot   = "firewall.tool.needs-root" // tool
	keyToolMissing     = "firewall.tool.missing"    // tool
	keyToolError       = "firewall.tool.error"      // tool, error text
	keyBecauseRoot     = "firewall.because.needs-root"
	keyBecauseMissing  = "firewall.because.missing"
	keyBecauseError    = "firewall.because.error" // error text
	keyStateUnreadable = "firewall.state-unreadable"

	// ufw.
	keyUFWInactive         = "firewall.ufw.inactive"
	keyUFWActive           = "firewall.ufw.active"
	keyUFWNotEnabled       = "firewall.ufw.not-enabled" // ufw.conf path
	keyUFWRulesUnreadable  = "firewall.ufw.rules-unreadable"
	keyUFWStatusUnreadable = "firewall.ufw.status-unreadable"
	keyUFWDefaultAccept    = "firewall.ufw.default-accept" // /etc/default/ufw path
	keyUFWRuleAllows       = "firewall.ufw.rule-allows"    // rule text
	keyUFWRuleBlocks       = "firewall.ufw.rule-blocks"    // rule text
	keyUFWDefaultAllow     = "firewall.ufw.default-allow"
	keyUFWDefaultDeny      = "firewall.ufw.default-deny" // "deny" or "reject"
	keyUFWNoDefault        = "firewall.ufw.no-default"
	keyOnly                = "firewall.only"         // conditions in the firewall's syntax
	keyOnlyOn              = "firewall.only.on"      // interface
	keyOnlyFrom            = "firewall.only.from"    // address
	keyOnlyOnFrom          = "firewall.only.on-from" // interface, address

	// firewalld.
	keyFirewalldNotRunning  = "firewall.firewalld.not-running"
	keyFirewalldRunning     = "firewall.firewalld.running"
	keyFirewalldZonesUnread = "firewall.firewalld.zones-unreadable"
	keyFirewalldInterface   = "firewall.firewalld.interface" // interface

	// firewalld zones.
	keyZoneAcceptsAll    = "firewall.zone.accepts-all"     // zone
	keyZoneRichBlocks    = "firewall.zone.rich-blocks"     // rich rule, zone
	keyZoneRichAllows    = "firewall.zone.rich-allows"     // rich rule, zone
	keyZoneOpensPort     = "firewall.zone.opens-port"      // zone, ports
	keyZoneServiceOpens  = "firewall.zone.service-opens"   // service, zone
	keyZoneNotOpen       = "firewall.zone.not-open"        // zone
	keyZoneNotOpenUnless = "firewall.zone.not-open-unless" // zone, services
	keyZoneTarget        = "firewall.zone.target"          // zone, target

	// nftables and iptables chains.
	keyChainsDrop         = "firewall.chains.drop"          // firewall, port; note: what decided
	keyChainsQueue        = "firewall.chains.queue"         // firewall, port; note: what decided
	keyChainsAccept       = "firewall.chains.accept"        // firewall, port; note: what decided
	keyChainsAcceptWhen   = "firewall.chains.accept-when"   // firewall, port; notes: what decided, conditions
	keyChainsRule         = "firewall.chains.rule"          // rule text, chain
	keyChainsPolicyAccept = "firewall.chains.policy-accept" // chain
	keyChainsPolicyDrop   = "firewall.chains.policy-drop"   // chain
	keyChainsOnlyWhen     = "firewall.chains.only-when"     // conditions in the rules' syntax
	keyChainsIfPortSet    = "firewall.chains.if-port-set"
	keyJoinSemicolon      = "firewall.join.semicolon" // notes: two items of a list

	// Windows Defender Firewall.
	keyWinNetshMissing  = "firewall.windows.netsh-missing"
	keyWinOff           = "firewall.windows.off" // profiles
	keyWinRulesUnread   = "firewall.windows.rules-unreadable"
	keyWinRulesLanguage = "firewall.windows.rules-language"
	keyWinRulesPartly   = "firewall.windows.rules-partly"
	keyWinBlockAll      = "firewall.windows.block-all"      // profile
	keyWinRuleAllows    = "firewall.windows.rule-allows"    // rule name, profile
	keyWinRuleBlocks    = "firewall.windows.rule-blocks"    // rule name, profile
	keyWinDefaultAllows = "firewall.windows.default-allows" // profile
	keyWinNoRuleForPort = "firewall.windows.no-rule"        // port, profile

	// The macOS application firewall.
	keyMacToolMissing    = "firewall.macos.tool-missing" // program path
	keyMacOff            = "firewall.macos.off"
	keyMacBlockAll       = "firewall.macos.block-all"
	keyMacPathUnknown    = "firewall.macos.path-unknown"
	keyMacListUnreadable = "firewall.macos.list-unreadable"
	keyMacAllows         = "firewall.macos.allows"          // program path
	keyMacBlocks         = "firewall.macos.blocks"          // program path
	keyMacUnlistedSigned = "firewall.macos.unlisted-signed" // program path
	keyMacUnlisted       = "firewall.macos.unlisted"        // program path
)

// keySpecs is every key with the values its text takes.
var keySpecs = []KeySpec{
	{keyUnsupported, 1, 0},

	{keyNone, 0, 0},
	{keyInactive, 1, 0},
	{keyInactiveTwo, 2, 0},
	{keyNoOtherRules, 0, 0},
	{keyUnreadable, 0, 1},
	{keyUnreadableTwo, 0, 2},
	{keyToolNeedsRoot, 1, 0},
	{keyToolMissing, 1, 0},
	{keyToolError, 2, 0},
	{keyBecauseRoot, 0, 0},
	{keyBecauseMissing, 0, 0},
	{keyBecauseError, 1, 0},
	{keyStateUnreadable, 0, 0},

	{keyUFWInactive, 0, 0},
	{keyUFWActive, 0, 0},
	{keyUFWNotEnabled, 1, 0},
	{keyUFWRulesUnreadable, 0, 0},
	{keyUFWStatusUnreadable, 0, 0},
	{keyUFWDefaultAccept, 1, 0},
	{keyUFWRuleAllows, 1, 0},
	{keyUFWRuleBlocks, 1, 0},
	{keyUFWDefaultAllow, 0, 0},
	{keyUFWDefaultDeny, 1, 0},
	{keyUFWNoDefault, 0, 0},
	{keyOnly, 1, 0},
	{keyOnlyOn, 1, 0},
	{keyOnlyFrom, 1, 0},
	{keyOnlyOnFrom, 2, 0},
	{keyFirewalldNotRunning, 0, 0},
	{keyFirewalldRunning, 0, 0},
	{keyFirewalldZonesUnread, 0, 0},
	{keyFirewalldInterface, 1, 0},

	{keyZoneAcceptsAll, 1, 0},
	{keyZoneRichBlocks, 2, 0},
	{keyZoneRichAllows, 2, 0},
	{keyZoneOpensPort, 2, 0},
	{keyZoneServiceOpens, 2, 0},
	{keyZoneNotOpen, 1, 0},
	{keyZoneNotOpenUnless, 2, 0},
	{keyZoneTarget, 2, 0},

	{keyChainsDrop, 2, 1},
	{keyChainsQueue, 2, 1},
	{keyChainsAccept, 2, 1},
	{keyChainsAcceptWhen, 2, 2},
	{keyChainsRule, 2, 0},
	{keyChainsPolicyAccept, 1, 0},
	{keyChainsPolicyDrop, 1, 0},
	{keyChainsOnlyWhen, 1, 0},
	{keyChainsIfPortSet, 0, 0},
	{keyJoinSemicolon, 0, 2},

	{keyWinNetshMissing, 0, 0},
	{keyWinOff, 1, 0},
	{keyWinRulesUnread, 0, 0},
	{keyWinRulesLanguage, 0, 0},
	{keyWinRulesPartly, 0, 0},
	{keyWinBlockAll, 1, 0},
	{keyWinRuleAllows, 2, 0},
	{keyWinRuleBlocks, 2, 0},
	{keyWinDefaultAllows, 1, 0},
	{keyWinNoRuleForPort, 2, 0},
	{keyMacToolMissing, 1, 0},
	{keyMacOff, 0, 0},
	{keyMacBlockAll, 0, 0},
	{keyMacPathUnknown, 0, 0},
	{keyMacListUnreadable, 0, 0},
	{keyMacAllows, 1, 0},
	{keyMacBlocks, 1, 0},
	{keyMacUnlistedSigned, 1, 0},
	{keyMacUnlisted, 1, 0},
}

// KeySpec is one message key a Note can carry and the values its text
// takes: first Args strings, then Notes nested notes, one %s each.
type KeySpec struct {
	Key   string
	Args  int
	Notes int
}

// Verbs is the number of fmt verbs the key's text has in every language.
func (k KeySpec) Verbs() int { return k.Args + k.Notes }

// Keys lists every message key of Status.Notes, so that a test of the
// catalogs can check that each has a text in every language with the
// right number of verbs.
func Keys() []KeySpec { return slices.Clone(keySpecs) }
