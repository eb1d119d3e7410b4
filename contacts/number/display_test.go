package number

import "testing"

func TestDisplayAndRegion(t *testing.T) {
	home := Home{Country: "DE", AreaCode: "221"}
	for raw, want := range map[string]string{
		"+49221471123":     "0221 471123",
		"0049 171 1234567": "0171 1234567",
		"+1 212 555 0199":  "+1 212-555-0199",
		"+41446681800":     "+41 44 668 18 00",
	} {
		n, err := Parse(raw, home)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.Display(home); got != want {
			t.Errorf("Display(%q) = %q, want %q", raw, got, want)
		}
	}
	n, _ := Parse("+49221471123", home)
	if got := n.RegionName("de"); got != "Köln" {
		t.Errorf("RegionName(de) = %q, want Köln", got)
	}
}
