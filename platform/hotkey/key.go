package hotkey

import (
	"fmt"
	"strconv"
	"strings"
)

// Key names one physical key, independent of the operating system; each
// platform file translates it (X keysym, Windows virtual-key code, macOS
// virtual key code). The zero Key is no key.
type Key uint32

// The named keys. Letters and digits have no constants of their own:
// Parse("D") and Parse("7") return them (KeyA+n, Key0+n).
const (
	KeyPause Key = iota + 1
	KeyScrollLock
	KeyInsert
	// The function keys are consecutive: KeyF1+n-1 is Fn.
	KeyF1
	KeyF2
	KeyF3
	KeyF4
	KeyF5
	KeyF6
	KeyF7
	KeyF8
	KeyF9
	KeyF10
	KeyF11
	KeyF12
	KeyF13
	KeyF14
	KeyF15
	KeyF16
	KeyF17
	KeyF18
	KeyF19
	KeyF20
	KeyF21
	KeyF22
	KeyF23
	KeyF24
	// KeyA..KeyZ and Key0..Key9 are consecutive ranges.
	KeyA
	KeyZ = KeyA + 25
	Key0 = KeyZ + 1
	Key9 = Key0 + 9
)

// Mod is a set of modifier keys held together with a Key.
type Mod uint32

// The modifiers. ModSuper is the Windows key on Windows and Linux and
// Command on macOS.
const (
	ModCtrl Mod = 1 << iota
	ModShift
	ModAlt
	ModSuper
)

// modNames lists the modifiers in the order Format writes them.
var modNames = []struct {
	m    Mod
	name string
}{{ModCtrl, "Ctrl"}, {ModShift, "Shift"}, {ModAlt, "Alt"}, {ModSuper, "Super"}}

// modAliases are the spellings Parse accepts besides modNames (lower case).
var modAliases = map[string]Mod{
	"ctrl": ModCtrl, "control": ModCtrl, "strg": ModCtrl,
	"shift": ModShift,
	"alt":   ModAlt, "option": ModAlt, "opt": ModAlt,
	"super": ModSuper, "win": ModSuper, "windows": ModSuper, "meta": ModSuper,
	"cmd": ModSuper, "command": ModSuper,
}

// keyNames are the non-generated key names, canonical spelling first.
var keyNames = map[Key][]string{
	KeyPause:      {"Pause", "Break"},
	KeyScrollLock: {"ScrollLock", "Scroll_Lock", "Scroll"},
	KeyInsert:     {"Insert", "Ins"},
}

// valid reports whether k is one of the defined keys.
func (k Key) valid() bool { return k >= KeyPause && k <= Key9 }

// String returns the key's canonical name ("Pause", "F15", "D", "7"), the
// spelling Parse accepts back.
func (k Key) String() string {
	switch {
	case k >= KeyF1 && k <= KeyF24:
		return "F" + strconv.Itoa(int(k-KeyF1)+1)
	case k >= KeyA && k <= KeyZ:
		return string(rune('A' + (k - KeyA)))
	case k >= Key0 && k <= Key9:
		return string(rune('0' + (k - Key0)))
	}
	if names, ok := keyNames[k]; ok {
		return names[0]
	}
	return fmt.Sprintf("Key(%d)", uint32(k))
}

// String returns the modifiers joined by "+" in a fixed order
// ("Ctrl+Alt"), or "" for none.
func (m Mod) String() string {
	var parts []string
	for _, n := range modNames {
		if m&n.m != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "+")
}

// Format returns the combination as Parse reads it: "Ctrl+Alt+D", "Pause".
func Format(k Key, m Mod) string {
	if m == 0 {
		return k.String()
	}
	return m.String() + "+" + k.String()
}

// Parse reads a combination such as "Pause", "Ctrl+Alt+D" or "F15":
// modifiers and one key joined by "+", case-insensitive, spaces ignored.
// The errors name the part that is wrong, for the settings dialog.
func Parse(s string) (Key, Mod, error) {
	fields := strings.Split(strings.ReplaceAll(s, " ", ""), "+")
	if strings.TrimSpace(s) == "" {
		return 0, 0, fmt.Errorf("hotkey %q: empty; write a key such as Pause, F15 or Ctrl+Alt+D", s)
	}
	var m Mod
	for _, f := range fields[:len(fields)-1] {
		mod, ok := modAliases[strings.ToLower(f)]
		switch {
		case f == "":
			return 0, 0, fmt.Errorf("hotkey %q: empty part between '+' signs", s)
		case !ok:
			return 0, 0, fmt.Errorf("hotkey %q: %q is not a modifier (Ctrl, Shift, Alt, Super)", s, f)
		case m&mod != 0:
			return 0, 0, fmt.Errorf("hotkey %q: modifier %s given twice", s, mod)
		}
		m |= mod
	}
	last := fields[len(fields)-1]
	if last == "" {
		return 0, 0, fmt.Errorf("hotkey %q: no key after the last '+'", s)
	}
	if _, isMod := modAliases[strings.ToLower(last)]; isMod {
		return 0, 0, fmt.Errorf("hotkey %q: only modifiers; add a key, e.g. %s+D", s, s)
	}
	k, ok := parseKey(last)
	if !ok {
		return 0, 0, fmt.Errorf("hotkey %q: unknown key %q (use Pause, ScrollLock, Insert, F1-F24, A-Z or 0-9)", s, last)
	}
	return k, m, nil
}

// parseKey reads one key name.
func parseKey(name string) (Key, bool) {
	if len(name) == 1 {
		c := strings.ToUpper(name)[0]
		switch {
		case c >= 'A' && c <= 'Z':
			return KeyA + Key(c-'A'), true
		case c >= '0' && c <= '9':
			return Key0 + Key(c-'0'), true
		}
	}
	if len(name) > 1 && (name[0] == 'F' || name[0] == 'f') {
		if n, err := strconv.Atoi(name[1:]); err == nil && n >= 1 && n <= 24 && name[1] != '0' && name[1] != '+' {
			return KeyF1 + Key(n-1), true
		}
	}
	for k, names := range keyNames {
		for _, n := range names {
			if strings.EqualFold(n, name) {
				return k, true
			}
		}
	}
	return 0, false
}
