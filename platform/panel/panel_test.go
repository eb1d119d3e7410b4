package panel

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Shade
		ok   bool
	}{
		{"", Unknown, true}, {"light", Light, true}, {"Dark", Dark, true}, {"LIGHT", Light, true},
		{"auto", Unknown, false}, {"dunkel", Unknown, false}, {" dark", Unknown, false},
	} {
		if got, ok := Parse(c.in); got != c.want || ok != c.ok {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, s := range []Shade{Unknown, Light, Dark} {
		if got, ok := Parse(s.String()); got != s || !ok {
			t.Errorf("Parse(%v.String()) = %v, %v", s, got, ok)
		}
	}
}
