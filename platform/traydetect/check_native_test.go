//go:build windows || darwin

package traydetect

import (
	"context"
	"testing"
)

func TestAlwaysAvailable(t *testing.T) {
	if r := Check(context.Background()); !r.Available || r.Code != CodeOK {
		t.Fatalf("%+v; want the tray available", r)
	}
}
