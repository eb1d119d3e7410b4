package phonesim

import (
	"slices"
	"strings"
	"testing"
)

func TestParseRawQuery(t *testing.T) {
	for _, tc := range []struct {
		in    string
		plus  bool
		want  []param
		wantE bool
	}{
		{"number=%2A21%23&outgoing_uri=201%40pbx", false, []param{{"number", "*21#", true}, {"outgoing_uri", "201@pbx", true}}, false},
		{"key=TRANSFER;0;ENTER", false, []param{{"key", "TRANSFER;0;ENTER", true}}, false},
		{"key=number=0221", false, []param{{"key", "number=0221", true}}, false},
		{"RELEASE_ALL_CALLS", false, []param{{"RELEASE_ALL_CALLS", "", false}}, false},
		{"a=&&b=1&", false, []param{{"a", "", true}, {"b", "1", true}}, false},
		{"n=+49", false, []param{{"n", "+49", true}}, false},
		{"n=a+b%2B", true, []param{{"n", "a b+", true}}, false},
		{"", false, nil, false},
		{"n=%zz", false, nil, true},
		{"%=1", false, nil, true},
	} {
		got, err := parseRawQuery(tc.in, tc.plus)
		if (err != nil) != tc.wantE {
			t.Errorf("parseRawQuery(%q) error %v", tc.in, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("parseRawQuery(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// FuzzParseRawQuery: no panics, and nothing accepted is lost: every
// non-empty piece between '&' gives exactly one parameter.
func FuzzParseRawQuery(f *testing.F) {
	for _, s := range []string{"number=%2A21%23", "key=A;B&x", "a&&b=", "%zz", "RELEASE_ALL_CALLS"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, plus bool) {
		ps, err := parseRawQuery(s, plus)
		if err != nil {
			return
		}
		n := 0
		for piece := range strings.SplitSeq(s, "&") {
			if piece != "" {
				n++
			}
		}
		if len(ps) != n {
			t.Fatalf("%q: %d params from %d pieces", s, len(ps), n)
		}
	})
}
