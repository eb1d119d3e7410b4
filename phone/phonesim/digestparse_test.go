package phonesim

import (
	"maps"
	"testing"
)

func TestParseAuthParams(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]string
		ok   bool
	}{
		{`username="admin", realm="snom", nc=00000001, qop=auth`, map[string]string{"username": "admin", "realm": "snom", "nc": "00000001", "qop": "auth"}, true},
		{`Username="a\"b" ,URI="/x?a=1&b=2"`, map[string]string{"username": `a"b`, "uri": "/x?a=1&b=2"}, true},
		{`a="", b=c,`, map[string]string{"a": "", "b": "c"}, true},
		{``, map[string]string{}, true},
		{`a="unterminated`, nil, false},
		{`a`, nil, false},
		{`a=1, a=2`, nil, false},
		{`a=1 b=2`, nil, false},
		{`=1`, nil, false},
		{`a="x\`, nil, false},
	} {
		got, err := parseAuthParams(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("parseAuthParams(%q) error %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok && !maps.Equal(got, tc.want) {
			t.Errorf("parseAuthParams(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzParseAuthParams: the header parser must never panic on what a
// client sends, and accepted names are lower-case tokens.
func FuzzParseAuthParams(f *testing.F) {
	for _, s := range []string{`username="admin", nc=00000001`, `a="x\"y"`, `a=`, `a="`, `,,,`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseAuthParams(s)
		if err != nil {
			return
		}
		for k := range p {
			if k == "" {
				t.Fatalf("%q: empty name", s)
			}
			for i := 0; i < len(k); i++ {
				if !isTokenByte(k[i]) || (k[i] >= 'A' && k[i] <= 'Z') {
					t.Fatalf("%q: bad name %q", s, k)
				}
			}
		}
	})
}
