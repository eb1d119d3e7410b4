package hotkey

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in  string
		key Key
		mod Mod
	}{
		{"Pause", KeyPause, 0},
		{"pause", KeyPause, 0},
		{"Break", KeyPause, 0},
		{"F15", KeyF15, 0},
		{"f1", KeyF1, 0},
		{"F24", KeyF24, 0},
		{"Ctrl+Alt+D", KeyA + 3, ModCtrl | ModAlt},
		{"alt + ctrl + d", KeyA + 3, ModCtrl | ModAlt},
		{"Shift+Super+7", Key0 + 7, ModShift | ModSuper},
		{"Cmd+Option+Z", KeyZ, ModSuper | ModAlt},
		{"Strg+Scroll_Lock", KeyScrollLock, ModCtrl},
		{"Win+Insert", KeyInsert, ModSuper},
		{"0", Key0, 0},
	} {
		k, m, err := Parse(tc.in)
		if err != nil || k != tc.key || m != tc.mod {
			t.Errorf("Parse(%q) = %v, %v, %v; want %v, %v", tc.in, k, m, err, tc.key, tc.mod)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "empty"},
		{"  ", "empty"},
		{"Ctrl+", "no key after"},
		{"Ctrl++D", "empty part"},
		{"Ctrl+Alt", "only modifiers"},
		{"Hyper+D", `"Hyper" is not a modifier`},
		{"Ctrl+Control+D", "given twice"},
		{"F25", `unknown key "F25"`},
		{"F0", "unknown key"},
		{"F01", "unknown key"},
		{"Ctrl+Esc", `unknown key "Esc"`},
		{"DD", "unknown key"},
	} {
		_, _, err := Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestFormatRoundTrip(t *testing.T) {
	for k := KeyPause; k <= Key9; k++ {
		for _, m := range []Mod{0, ModCtrl, ModCtrl | ModAlt, ModShift | ModSuper, ModCtrl | ModShift | ModAlt | ModSuper} {
			s := Format(k, m)
			k2, m2, err := Parse(s)
			if err != nil || k2 != k || m2 != m {
				t.Fatalf("Parse(Format(%d, %d) = %q) = %v, %v, %v", k, m, s, k2, m2, err)
			}
		}
	}
	if got := Format(KeyA+3, ModAlt|ModCtrl); got != "Ctrl+Alt+D" {
		t.Errorf("Format = %q, want Ctrl+Alt+D", got)
	}
	if got := KeyF15.String(); got != "F15" {
		t.Errorf("KeyF15 = %q", got)
	}
	if got := Key(0).String(); got != "Key(0)" {
		t.Errorf("Key(0) = %q", got)
	}
}

func TestRegisterRejectsInvalid(t *testing.T) {
	if _, err := Register(0, 0); err == nil {
		t.Error("Register(0) succeeded")
	}
	if _, err := Register(KeyPause, 1<<7); err == nil {
		t.Error("Register with unknown modifier bits succeeded")
	}
	if _, err := Register(Key9+1, 0); err == nil || errors.Is(err, ErrTaken) {
		t.Errorf("Register(Key9+1) = %v", err)
	}
}
