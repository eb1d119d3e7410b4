package number

import (
	"math"
	"regexp/syntax"
	"slices"
	"unsafe"
)

// digitDFA decides whether a string of ASCII digits matches one of
// libphonenumber's national number patterns, as regexp does for
// "^(?:pattern)$" but without running a regular expression engine: the
// pattern is compiled once into a deterministic automaton over the ten
// digits, and a match is one table step per digit. libphonenumber's
// patterns describe finite sets of numbers of at most 17 digits, so the
// automata are small (under 300 states for the largest, Myanmar's).
//
// Membership in a regular language does not depend on the engine that
// decides it, so the answer is the one regexp gives; TestDFAAgreesWithRegexp
// checks every pattern of the metadata anyway.
type digitDFA struct {
	// next[s][d] is the state after digit d in state s; state 0 is dead
	// (no match possible any more), state 1 is the start.
	next   [][10]uint16
	accept []bool
	// pairs, when made (pairUp), steps two digits at a time:
	// pairs[100*s+10*a+b] is 100 times the state after digits a, b in
	// state s. A walk is a chain of loads, each waiting for the one
	// before; taking two digits a load halves its length, and the time
	// of the walk, for the automata every valid number goes through.
	pairs []uint16
}

// pairUp makes d.pairs, when 100 times the largest state fits a uint16
// (it does for every product automaton: the largest has some 450 states).
func (d *digitDFA) pairUp() {
	if (len(d.next)-1)*100 > math.MaxUint16 {
		return
	}
	d.pairs = make([]uint16, len(d.next)*100)
	for s := range d.next {
		for a := range 10 {
			for b := range 10 {
				d.pairs[100*s+10*a+b] = d.next[d.next[s][a]][b] * 100 // the dead state 0 stays dead
			}
		}
	}
}

// compileDFA builds the automaton of pattern, or reports false for a
// pattern it cannot handle (anchors or word boundaries inside it, more
// states than a uint16 counts); the caller then uses regexp.
func compileDFA(pattern string) (*digitDFA, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, false
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, false
	}
	for i := range prog.Inst {
		switch prog.Inst[i].Op {
		case syntax.InstAlt, syntax.InstAltMatch, syntax.InstCapture, syntax.InstNop, syntax.InstFail,
			syntax.InstMatch, syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		default:
			return nil, false // InstEmptyWidth: ^, $, \b inside the pattern
		}
	}
	c := dfaCompiler{prog: prog, ids: map[string]uint16{}}
	d := &digitDFA{next: [][10]uint16{{}}, accept: []bool{false}} // the dead state
	start := c.closure(nil, uint32(prog.Start))
	c.add(d, start)
	for s := 1; s < len(d.next); s++ {
		set := c.sets[s-1]
		for digit := range 10 {
			var next []uint32
			for _, pc := range set {
				in := &prog.Inst[pc]
				if in.Op != syntax.InstMatch && in.MatchRune('0'+rune(digit)) {
					next = c.closure(next, in.Out)
				}
			}
			if len(next) == 0 {
				continue // dead
			}
			id, ok := c.add(d, next)
			if !ok {
				return nil, false
			}
			d.next[s][digit] = id
		}
	}
	return d, true
}

type dfaCompiler struct {
	prog *syntax.Prog
	ids  map[string]uint16 // state set (as bytes) → state
	sets [][]uint32        // state - 1 → its set of instructions
}

// closure adds pc and every instruction reachable from it without
// consuming a digit to set, keeping only those that consume one or match.
func (c *dfaCompiler) closure(set []uint32, pc uint32) []uint32 {
	stack := []uint32{pc}
	seen := map[uint32]bool{}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &c.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Arg, in.Out)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, in.Out)
		case syntax.InstFail:
		default:
			if !slices.Contains(set, pc) {
				set = append(set, pc)
			}
		}
	}
	return set
}

// add returns the state of set, making it if it is new.
func (c *dfaCompiler) add(d *digitDFA, set []uint32) (uint16, bool) {
	slices.Sort(set)
	key := string(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(set))), len(set)*4))
	if id, ok := c.ids[key]; ok {
		return id, true
	}
	if len(d.next) > 1<<16-1 {
		return 0, false
	}
	id := uint16(len(d.next))
	c.ids[key] = id
	c.sets = append(c.sets, set)
	accept := false
	for _, pc := range set {
		accept = accept || c.prog.Inst[pc].Op == syntax.InstMatch
	}
	d.next = append(d.next, [10]uint16{})
	d.accept = append(d.accept, accept)
	return id, true
}

// full reports whether all of digits matches.
func (d *digitDFA) full(digits []byte) bool {
	s, next := uint(1), d.next
	if pairs := d.pairs; pairs != nil {
		off := uint(100) // the start state's row
		for len(digits) >= 2 {
			a, b := uint(digits[0]-'0'), uint(digits[1]-'0')
			i := off + 10*a + b
			if a > 9 || b > 9 || i >= uint(len(pairs)) {
				return false
			}
			if off = uint(pairs[i]); off == 0 {
				return false
			}
			digits = digits[2:]
		}
		s = off / 100 // one digit left, or none
	}
	for _, c := range digits {
		c -= '0'
		if c > 9 || s >= uint(len(next)) {
			return false
		}
		if s = uint(next[s][c]); s == 0 {
			return false
		}
	}
	return d.accept[s]
}

// prefix reports whether some start of digits (possibly empty) matches, as
// regexp does for "^(?:pattern)" without "$".
func (d *digitDFA) prefix(digits []byte) bool {
	s := uint16(1)
	for i := 0; ; i++ {
		if d.accept[s] {
			return true
		}
		if i == len(digits) {
			return false
		}
		c := digits[i] - '0'
		if c > 9 {
			return false
		}
		if s = d.next[s][c]; s == 0 {
			return false
		}
	}
}
