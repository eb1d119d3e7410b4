package app

import (
	"context"
	"errors"
	"testing"
)

func TestLocalAddrForLoopbackPhone(t *testing.T) {
	a, err := LocalAddrFor("http://127.0.0.1:8000")
	if err != nil || !a.IsLoopback() {
		t.Fatalf("LocalAddrFor(loopback phone) = %v, %v; want a loopback address", a, err)
	}
	if _, err := LocalAddrFor(""); !errors.Is(err, ErrNoPhone) {
		t.Fatalf("no phone: err = %v", err)
	}
	p, err := PhoneAddr(context.Background(), "https://[::1]:443")
	if err != nil || p.String() != "::1" {
		t.Fatalf("PhoneAddr = %v, %v", p, err)
	}
}
