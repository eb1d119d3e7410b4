package firewall

import "strings"

// The nftables and iptables parsers both turn a rule set into chains of
// rules, judged only for what matters here: a new TCP connection from the
// phone, another host on the LAN, to one local port over IPv4. One evaluator
// then follows jumps the way the kernel does.

// action is what a rule does with a packet it matches.
type action int

const (
	actNone   action = iota // counter, log, mark: go on with the next rule
	actAccept               // accept
	actDrop                 // drop or reject
	actJump                 // jump to target, come back unless it decides
	actGoto                 // goto target, never come back
	actReturn               // back to the calling chain
	actQueue                // handed to a user-space program (OpenSnitch and the like): cannot know
)

// portMatch says how a rule's port condition relates to our port.
type portMatch int

const (
	portAny   portMatch = iota // the rule does not look at the port
	portYes                    // our port is in the rule's ports
	portNo                     // it is not
	portMaybe                  // a set or name we could not resolve
)

// rule is one rule, reduced to what decides our packet.
type rule struct {
	text string
	// skip: the rule cannot match a new TCP connection from another host
	// (loopback only, established/related only, UDP or ICMP, IPv6 only).
	skip bool
	// conds are the conditions we cannot evaluate, such as a source
	// address or an input interface. They are assumed to match for accept
	// rules (the user meant the LAN) and not to match for drop rules.
	conds  []string
	port   portMatch
	act    action
	target string
}

// chain is a list of rules; a base chain also has a hook and a policy.
type chain struct {
	family, table, name string
	base                bool   // hooked into input, or iptables' INPUT
	policy              action // actAccept or actDrop, base chains only
	rules               []rule
	iptablesManaged     bool // an iptables-nft table: fix it with iptables
}

// where names the chain the way the tool does ("inet filter input").
func (c *chain) where() string {
	return strings.TrimSpace(c.family + " " + c.table + " " + c.name)
}

// ruleset holds the chains of one tool's output.
type ruleset struct {
	chains map[string]*chain // by chain key
	bases  []*chain          // base chains on the input path, in order
}

func chainKey(family, table, name string) string { return family + "\x00" + table + "\x00" + name }

func (rs *ruleset) add(c *chain) {
	if rs.chains == nil {
		rs.chains = map[string]*chain{}
	}
	rs.chains[chainKey(c.family, c.table, c.name)] = c
}

// outcome is what one base chain does with our packet.
type outcome struct {
	act   action // actAccept, actDrop or actQueue
	rule  *rule  // the deciding rule; nil when the policy decided
	chain *chain // the chain of the deciding rule or policy
	conds []string
	maybe bool // decided by a rule whose port set was not understood
}

// maxDepth bounds jump chains; the kernel allows loops to be refused at
// load time, but a parser mistake must not recurse forever.
const maxDepth = 16

// eval follows base chain b for our packet.
func (rs *ruleset) eval(b *chain) outcome {
	if o, decided := rs.walk(b, 0); decided {
		return o
	}
	return outcome{act: b.policy, chain: b}
}

func (rs *ruleset) walk(c *chain, depth int) (outcome, bool) {
	if depth > maxDepth {
		return outcome{act: actQueue, chain: c}, true
	}
	for i := range c.rules {
		r := &c.rules[i]
		if r.skip || r.port == portNo || r.act == actNone {
			continue
		}
		conditional := len(r.conds) > 0 || r.port == portMaybe
		switch r.act {
		case actAccept, actQueue:
			return outcome{act: r.act, rule: r, chain: c, conds: r.conds, maybe: r.port == portMaybe}, true
		case actDrop:
			if conditional {
				continue
			}
			return outcome{act: actDrop, rule: r, chain: c}, true
		case actReturn:
			if conditional {
				continue
			}
			return outcome{}, false
		case actJump, actGoto:
			t := rs.chains[chainKey(c.family, c.table, r.target)]
			if t == nil {
				continue
			}
			o, decided := rs.walk(t, depth+1)
			if decided && !(conditional && o.act == actDrop) {
				o.conds = append(append([]string(nil), r.conds...), o.conds...)
				o.maybe = o.maybe || r.port == portMaybe
				return o, true
			}
			if r.act == actGoto && !decided {
				return outcome{}, false
			}
		}
	}
	return outcome{}, false
}

// judgement combines the outcomes of all base chains: the kernel accepts a
// packet only when every base chain on the hook accepts it.
type judgement struct {
	verdict  Verdict
	deciding outcome  // the dropping (or unknown) outcome, or the last accept
	blocking []*chain // every base chain that drops
	notes    []Note   // conditions of the accepting chains
}

func (rs *ruleset) judge() judgement {
	j := judgement{verdict: Open}
	for _, b := range rs.bases {
		o := rs.eval(b)
		switch o.act {
		case actDrop:
			j.blocking = append(j.blocking, b)
			if j.verdict != Blocked {
				j.verdict, j.deciding = Blocked, o
			}
		case actQueue:
			if j.verdict == Open {
				j.verdict, j.deciding = Unknown, o
			}
		default:
			if j.verdict == Open {
				j.deciding = o
			}
			if len(o.conds) > 0 {
				j.notes = append(j.notes, note(keyChainsOnlyWhen, strings.Join(o.conds, ", ")))
			}
			if o.maybe {
				j.notes = append(j.notes, note(keyChainsIfPortSet))
			}
		}
	}
	return j
}

// describe says what decided: a rule or a chain's policy.
func (o outcome) describe() Note {
	switch {
	case o.chain == nil:
		return Note{}
	case o.rule != nil:
		return note(keyChainsRule, o.rule.text, o.chain.where())
	case o.act == actDrop:
		return note(keyChainsPolicyDrop, o.chain.where())
	}
	return note(keyChainsPolicyAccept, o.chain.where())
}
