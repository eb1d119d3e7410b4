//go:build windows

package selection

import (
	"testing"
	"unsafe"
)

// TestInputSize pins the INPUT layout SendInput checks its cbSize against.
func TestInputSize(t *testing.T) {
	want := uintptr(28)
	if unsafe.Sizeof(uintptr(0)) == 8 {
		want = 40
	}
	if got := unsafe.Sizeof(keyboardInput{}); got != want {
		t.Fatalf("sizeof(INPUT) = %d, want %d", got, want)
	}
	if got := unsafe.Offsetof(keyboardInput{}.ki); got != unsafe.Sizeof(uintptr(0)) {
		t.Fatalf("offsetof(INPUT.ki) = %d, want %d", got, unsafe.Sizeof(uintptr(0)))
	}
}
