package app

import (
	"os"
	"testing"
)

// TestMain runs the tests without a session bus: StartLive looks the
// receiver's token up in the keyring (go-keyring, over DBus) when the
// environment does not set it, and without a bus address godbus
// autolaunches one with dbus-launch, a dbus-daemon that outlives the test
// run. Without a bus the keyring is unavailable at once, which StartLive
// handles (no token), as on a headless server.
func TestMain(m *testing.M) {
	os.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
	os.Exit(m.Run())
}
