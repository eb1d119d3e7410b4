//go:build darwin

package hotkey

// defaultKey is F15: Mac keyboards have no Pause key, and F13-F15 sit
// where a PC keyboard has PrintScreen, ScrollLock and Pause.
const defaultKey = KeyF15

// macFKeys are the kVK_F1..kVK_F20 virtual key codes (Carbon Events.h);
// macOS has no F21-F24.
var macFKeys = [20]uint32{0x7A, 0x78, 0x63, 0x76, 0x60, 0x61, 0x62, 0x64, 0x65, 0x6D,
	0x67, 0x6F, 0x69, 0x6B, 0x71, 0x6A, 0x40, 0x4F, 0x50, 0x5A}

// macLetters are kVK_ANSI_A..kVK_ANSI_Z.
var macLetters = [26]uint32{0x00, 0x0B, 0x08, 0x02, 0x0E, 0x03, 0x05, 0x04, 0x22, 0x26,
	0x28, 0x25, 0x2E, 0x2D, 0x1F, 0x23, 0x0C, 0x0F, 0x01, 0x11, 0x20, 0x09, 0x0D, 0x07, 0x10, 0x06}

// macDigits are kVK_ANSI_0..kVK_ANSI_9.
var macDigits = [10]uint32{0x1D, 0x12, 0x13, 0x14, 0x15, 0x17, 0x16, 0x1A, 0x1C, 0x19}

// macKey returns k's virtual key code; ok is false for keys a Mac does not
// have (Pause, ScrollLock, F21-F24).
func macKey(k Key) (code uint32, ok bool) {
	switch {
	case k == KeyInsert:
		return 0x72, true // kVK_Help, where Insert is on a PC keyboard
	case k >= KeyF1 && k < KeyF1+Key(len(macFKeys)):
		return macFKeys[k-KeyF1], true
	case k >= KeyA && k <= KeyZ:
		return macLetters[k-KeyA], true
	case k >= Key0 && k <= Key9:
		return macDigits[k-Key0], true
	}
	return 0, false
}
