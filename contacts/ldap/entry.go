package ldap

import (
	"sort"
	"strings"

	goldap "github.com/go-ldap/ldap/v3"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"deskcti/contacts"
)

// numberAttr is one attribute holding phone numbers.
type numberAttr struct {
	name string
	kind contacts.Kind
}

// attrOrder lists the well-known number attributes in the order a person
// expects to see them; others follow by name.
var attrOrder = []string{"telephonenumber", "ipphone", "mobile", "homephone",
	"facsimiletelephonenumber", "othertelephone"}

// orderNumberAttrs fixes the order numbers are listed in, which a map
// does not have.
func orderNumberAttrs(m map[string]contacts.Kind) []numberAttr {
	rank := func(name string) int {
		for i, a := range attrOrder {
			if strings.EqualFold(a, name) {
				return i
			}
		}
		return len(attrOrder)
	}
	out := make([]numberAttr, 0, len(m))
	for name, kind := range m {
		out = append(out, numberAttr{name: name, kind: kind})
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank(out[i].name), rank(out[j].name)
		if ri != rj {
			return ri < rj
		}
		return strings.ToLower(out[i].name) < strings.ToLower(out[j].name)
	})
	return out
}

// wantedAttrs lists the attributes to request, each once.
func wantedAttrs(cfg Config, nums []numberAttr) []string {
	var out []string
	seen := map[string]bool{}
	add := func(a string) {
		if k := strings.ToLower(a); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	for _, a := range cfg.NameAttrs {
		add(a)
	}
	add("givenName")
	add("sn")
	for _, a := range cfg.CompanyAttrs {
		add(a)
	}
	for _, n := range nums {
		add(n.name)
	}
	return out
}

// contact turns an entry into a Contact with every number it has.
func (s *Source) contact(e *goldap.Entry) contacts.Contact {
	c := contacts.Contact{Source: s.name, ID: e.DN}
	c.Name = firstValue(e, s.cfg.NameAttrs)
	if c.Name == "" {
		c.Name = strings.TrimSpace(firstValue(e, []string{"givenName"}) + " " + firstValue(e, []string{"sn"}))
	}
	c.Company = firstValue(e, s.cfg.CompanyAttrs)
	for _, n := range s.nums {
		for _, v := range e.GetEqualFoldAttributeValues(n.name) {
			if strings.TrimSpace(v) == "" {
				continue
			}
			c.Numbers = append(c.Numbers, contacts.Number{Kind: n.kind, Raw: v, E164: plainE164(v)})
		}
	}
	return c
}

// firstValue returns the first non-blank value of the first attribute
// in attrs that has one.
func firstValue(e *goldap.Entry, attrs []string) string {
	for _, a := range attrs {
		for _, v := range e.GetEqualFoldAttributeValues(a) {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// plainE164 returns v when it is written as E.164 already ("+492214711"),
// the only form a source may vouch for; the index normalises the rest.
func plainE164(v string) string {
	if len(v) < 8 || len(v) > 16 || v[0] != '+' || v[1] == '0' {
		return ""
	}
	for i := 1; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return ""
		}
	}
	return v
}

// matching keeps the entries having a number that is the caller's
// (significant digits a), best matches first: the longer the part of the
// number both sides have, the surer the match.
func (s *Source) matching(entries []*goldap.Entry, a string) []contacts.Contact {
	type hit struct {
		c     contacts.Contact
		score int
	}
	var hits []hit
	for _, e := range entries {
		c := s.contact(e)
		best := 0
		for _, n := range c.Numbers {
			b := significant(n.Raw)
			if s.match.match(a, b) {
				best = max(best, min(len(a), len(b)))
			}
		}
		if best > 0 {
			hits = append(hits, hit{c, best})
		}
	}
	col := collate.New(language.German) // not safe for concurrent use
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return lessByName(col, hits[i].c, hits[j].c)
	})
	var out []contacts.Contact
	for _, h := range hits {
		out = append(out, h.c)
	}
	return out
}

// sortByName orders contacts as a German reader expects: "Müller" next to
// "Muller", not after "Zander"; the DN breaks ties so the order is stable.
func sortByName(cs []contacts.Contact) {
	col := collate.New(language.German)
	sort.SliceStable(cs, func(i, j int) bool { return lessByName(col, cs[i], cs[j]) })
}

func lessByName(col *collate.Collator, a, b contacts.Contact) bool {
	if c := col.CompareString(a.Name, b.Name); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}
