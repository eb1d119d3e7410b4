package phonesim

import (
	"slices"
	"testing"
)

func TestParseKeyChain(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Key
		ok   bool
	}{
		{"CANCEL", []Key{{Name: "CANCEL"}}, true},
		{"TRANSFER;0;2;2;1;ENTER", []Key{{Name: "TRANSFER"}, {Name: "0"}, {Name: "2"}, {Name: "2"}, {Name: "1"}, {Name: "ENTER"}}, true},
		{"1,200,100;#,50", []Key{{Name: "1", HoldMs: 200, PauseMs: 100}, {Name: "#", HoldMs: 50}}, true},
		{"*;;#;", []Key{{Name: "*"}, {Name: "#"}}, true},
		{"number=+49221", []Key{{Name: "number=+49221"}}, true},
		{"NoAnswFwdOn=0221=20", []Key{{Name: "NoAnswFwdOn=0221=20"}}, true},
		{"ASW:12", []Key{{Name: "ASW:12"}}, true},
		{"ENTER,0,0", []Key{{Name: "ENTER"}}, true},
		{"", nil, false},
		{";;", nil, false},
		{",100", nil, false},
		{"ENTER,abc", nil, false},
		{"ENTER,-1", nil, false},
		{"ENTER,+1", nil, false},
		{"ENTER,1,2,3", nil, false},
		{"ENTER,", nil, false},
		{"ENTER,9999999", nil, false},
		{"ENTER,600001", nil, false},
		{"EN TER", nil, false},
		{"ENTER&X", nil, false},
		{"KEY\x00", nil, false},
	} {
		got, err := ParseKeyChain(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseKeyChain(%q) error %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ParseKeyChain(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestFormatKeyChain(t *testing.T) {
	keys := []Key{{Name: "1", HoldMs: 200, PauseMs: 100}, {Name: "#", HoldMs: 50}, {Name: "ENTER"}, {Name: "2", PauseMs: 30}}
	if got := FormatKeyChain(keys); got != "1,200,100;#,50;ENTER;2,0,30" {
		t.Errorf("FormatKeyChain = %q", got)
	}
}

// FuzzParseKeyChain checks that the parser never panics, that what it
// accepts is well-formed, and that formatting and parsing again gives the
// same keys.
func FuzzParseKeyChain(f *testing.F) {
	for _, s := range []string{"CANCEL", "TRANSFER;0;2;ENTER", "1,200,100;#,50", "ENTER,", "number=0221", ";;", "A,1,2,3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		keys, err := ParseKeyChain(s)
		if err != nil {
			return
		}
		if len(keys) == 0 {
			t.Fatalf("%q: no keys and no error", s)
		}
		for _, k := range keys {
			if k.Name == "" || k.HoldMs < 0 || k.HoldMs > maxKeyMs || k.PauseMs < 0 || k.PauseMs > maxKeyMs {
				t.Fatalf("%q: bad key %+v", s, k)
			}
		}
		again, err := ParseKeyChain(FormatKeyChain(keys))
		if err != nil || !slices.Equal(again, keys) {
			t.Fatalf("%q: round trip %+v -> %q -> %+v, %v", s, keys, FormatKeyChain(keys), again, err)
		}
	})
}
