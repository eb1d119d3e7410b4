package contacts

import (
	"runtime/debug"
	"testing"
)

// TestHoldGC holds collections off with overlapping holders and wants
// GOGC back as it was only when the last one releases, once however often
// a release is called.
func TestHoldGC(t *testing.T) {
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	percent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	a := HoldGC()
	if got := percent(); got != -1 {
		t.Fatalf("held: GOGC %d, want off", got)
	}
	b := HoldGC()
	a()
	a() // twice: must not release b's hold
	if got := percent(); got != -1 {
		t.Fatalf("one holder left: GOGC %d, want off", got)
	}
	b()
	if got := percent(); got != 150 {
		t.Fatalf("released: GOGC %d, want 150 back", got)
	}
	b()
	if got := percent(); got != 150 {
		t.Fatalf("released twice: GOGC %d, want 150", got)
	}
}
