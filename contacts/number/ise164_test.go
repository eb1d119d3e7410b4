package number

import "testing"

func TestIsE164(t *testing.T) {
	for s, want := range map[string]bool{
		"+0221":             false,
		"+0492214711":       false,
		"+123456":           false,
		"+1234567":          true,
		"+49 221 4711":      false,
		"+4915112345678":    true,
		"+4917012345678":    true,
		"+4922":             false,
		"+492214711":        true,
		"+4922147110000000": false,
		"+4922147111234567": false,
		"+49221471a":        false,
		"02214711":          false,
	} {
		if got := IsE164(s); got != want {
			t.Errorf("IsE164(%q) = %v, want %v", s, got, want)
		}
	}
}
