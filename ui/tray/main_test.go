package tray

import (
	"os"
	"testing"
)

// TestMain runs the test binary as the tray helper app when the
// integration test starts it with helperEnv set. That has to happen here,
// not in a test function: Fyne's driver locks the main goroutine to the
// main thread during init, and app.Run must be called from it, while test
// functions run on other goroutines.
func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(runHelperApp())
	}
	os.Exit(m.Run())
}
