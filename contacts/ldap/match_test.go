package ldap

import (
	"strings"
	"testing"

	goldap "github.com/go-ldap/ldap/v3"
)

func TestSignificant(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+49 221 4711-23", "49221471123"},
		{"0049 221 4711-23", "49221471123"},
		{"0221/471123", "221471123"},
		{"0221 / 4711 23", "221471123"},
		{"4711-23", "471123"},
		{"+49 (0)221 4711-23", "49221471123"},
		{"+49 (0) 221 4711-23", "49221471123"}, // "(0) " leaves a space: no digit
		{"(0221) 4711-23", "221471123"},        // area code in brackets is dialled
		{"tel:+49-221-471123", "49221471123"},
		{"", ""},
		{"anonymous", ""},
		{"000", ""},
		{"23", "23"},
	}
	for _, tt := range tests {
		if got := significant(tt.in); got != tt.want {
			t.Errorf("significant(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	m := matcher{matchDigits: 7, exactDigits: 4}
	tests := []struct {
		caller, stored string
		want           bool
	}{
		{"+49 221 4711-23", "+49 221 4711-23", true},
		{"+4922147112 3", "0221/471123", true},             // international vs national
		{"0221 471123", "+49 221 4711-23", true},           // national vs international
		{"0049221471123", "+49 (0)221 4711-23", true},      // "(0)"
		{"+49 221 9876543", "9876543", true},               // stored local, 7 digits
		{"9876543", "+49-221-9876543", true},               // caller local, 7 digits
		{"471123", "+49 221 4711-23", true},                // caller shorter than 7: all its digits
		{"+49 221 4711-25", "4711-25", false},              // stored has only 6 of the 7 digits
		{"+49 221 5566778", "+49 30 5566778", false},       // 7 agree, different area
		{"+49 221 4711-23", "+49 6221 4071123", false},     // only 5 agree
		{"+49 221 4711-23", "+49 221 4711-24", false},      //
		{"+49 221 4711-23", "+49 221 4711-230", false},     // longer extension
		{"23", "23", true},                                 // internal extension
		{"23", "+49 221 4711-23", false},                   // short: exact only
		{"+49 221 4711-23", "23", false},                   //
		{"4723", "+49 89 123 4723", false},                 // 4 digits: exact only
		{"47123", "+49 89 1 47123", true},                  // 5 digits: suffix with all of them
		{"", "+49 221 4711-23", false},                     //
		{"+49 221 4711-23", "", false},                     //
		{"+43 1 234567", "+49 1 234567", false},            // other country
		{"+49 221 4711-0", "+49 221 4711-0", true},         // head number
		{"+49 221 4711-0", "+49 221 4711-99", false},       //
		{"+49 171 2345678", "0171/2345678", true},          // mobile
		{"+49 171 2345678", "+49 (0)171 2345678", true},    //
		{"+49 2203 98765", "+49 (0)2203 98765", true},      //
		{"+49 2203 98765", "02203/98765", true},            //
		{"+49 2203 98765", "+49 2203 198765", false},       //
		{"+49 2203 98765", "+49 2203 98765 ext. 2", false}, // trailing extension is other digits
	}
	for _, tt := range tests {
		if got := m.match(significant(tt.caller), significant(tt.stored)); got != tt.want {
			t.Errorf("match(%q, %q) = %v, want %v", tt.caller, tt.stored, got, tt.want)
		}
	}
	// MatchDigits lowered to 6 lets the extension-only entry match.
	six := matcher{matchDigits: 6, exactDigits: 4}
	if !six.match(significant("+49 221 4711-25"), significant("4711-25")) {
		t.Error("matchDigits 6: +49 221 4711-25 should match 4711-25")
	}
	// ExactDigits disabled: an extension matches as a suffix.
	noExact := matcher{matchDigits: 7, exactDigits: -1}
	if !noExact.match(significant("23"), significant("+49 221 4711-23")) {
		t.Error("exactDigits -1: 23 should match +49 221 4711-23")
	}
}

func TestDigitPattern(t *testing.T) {
	tests := []struct {
		a    string
		n    int
		want string
	}{
		{"49221471123", 7, "1*4*7*1*1*2*3"},
		{"471123", 7, "4*7*1*1*2*3"},
		{"23", 7, "2*3"},
		{"5", 7, "5"},
		{"49221471123", 15, "4*9*2*2*1*4*7*1*1*2*3"},
	}
	for _, tt := range tests {
		got := digitPattern(tt.a, tt.n)
		if got != tt.want {
			t.Errorf("digitPattern(%q, %d) = %q, want %q", tt.a, tt.n, got, tt.want)
		}
		if _, err := goldap.CompileFilter(fill(DefaultNumberFilter, got)); err != nil {
			t.Errorf("filter for %q does not compile: %v", tt.a, err)
		}
	}
}

func TestSearchFilter(t *testing.T) {
	tmpl := "(|(cn=*%s*)(sn=%s*))"
	tests := []struct{ query, want string }{
		{"Mül", `(|(cn=*M\c3\bcl*)(sn=M\c3\bcl*))`},
		{"  Hans   Mül ", `(&(|(cn=*Hans*)(sn=Hans*))(|(cn=*M\c3\bcl*)(sn=M\c3\bcl*)))`},
		{"*)(uid=*", `(|(cn=*\2a\29\28uid=\2a*)(sn=\2a\29\28uid=\2a*))`},
		{`a\b`, `(|(cn=*a\5cb*)(sn=a\5cb*))`},
		{"%s", `(|(cn=*%s*)(sn=%s*))`}, // filled once, not again
		{"", ""},
		{" \t", ""},
	}
	for _, tt := range tests {
		got := searchFilter(tmpl, tt.query)
		if got != tt.want {
			t.Errorf("searchFilter(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

// FuzzSearchFilter: whatever the user types, the filter is valid and the
// query's words reach it only escaped, so they cannot add filter terms.
func FuzzSearchFilter(f *testing.F) {
	f.Add("Müller")
	f.Add("*)(uid=*")
	f.Add(")(|(objectClass=*")
	f.Fuzz(func(t *testing.T, q string) {
		filter := searchFilter(DefaultSearchFilter, q)
		if strings.TrimSpace(q) == "" || len(strings.Fields(q)) == 0 {
			if filter != "" {
				t.Fatalf("empty query gave filter %q", filter)
			}
			return
		}
		if _, err := goldap.CompileFilter(filter); err != nil {
			t.Fatalf("query %q: filter %q: %v", q, filter, err)
		}
		// Structure comes from the template only: as many brackets as the
		// template has, per word (the words' own brackets are escaped).
		words := min(len(strings.Fields(q)), 8)
		perWord := strings.Count(DefaultSearchFilter, "(")
		want := perWord * words
		if words > 1 {
			want++
		}
		if got := strings.Count(filter, "("); got != want {
			t.Fatalf("query %q: filter %q has %d '(', want %d", q, filter, got, want)
		}
	})
}

// FuzzMatch: every number matches itself; a match is always the shorter
// number ending the longer one, with at least the trailing digits the
// server was asked for; and between two numbers long enough to carry an
// area code, matching does not depend on which one is the caller's.
func FuzzMatch(f *testing.F) {
	f.Add("+49 221 4711-23", "0221/471123")
	f.Add("23", "+49 221 4711-23")
	f.Add("+49 (0)89 1234567", "089 1234567")
	f.Fuzz(func(t *testing.T, x, y string) {
		m := matcher{matchDigits: 7, exactDigits: 4}
		a, b := significant(x), significant(y)
		if a != "" && !m.match(a, a) {
			t.Fatalf("%q does not match itself", x)
		}
		if len(a) >= 7 && len(b) >= 7 && m.match(a, b) != m.match(b, a) {
			t.Fatalf("match(%q, %q) not symmetric", x, y)
		}
		if !m.match(a, b) {
			return
		}
		short, long := a, b
		if len(short) > len(long) {
			short, long = long, short
		}
		if !strings.HasSuffix(long, short) {
			t.Fatalf("match(%q, %q) but %q does not end in %q", x, y, long, short)
		}
		suffix := a[len(a)-min(len(a), 7):]
		if !strings.HasSuffix(b, suffix) {
			t.Fatalf("match(%q, %q) but %q does not end in %q", x, y, b, suffix)
		}
		if pattern := digitPattern(a, 7); strings.ReplaceAll(pattern, "*", "") != suffix {
			t.Fatalf("pattern %q is not %q", pattern, suffix)
		}
	})
}
