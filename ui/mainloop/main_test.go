package mainloop

import (
	"os"
	"testing"
)

// TestMain runs the test binary as the helper app when
// TestRealLoopNaps starts it: Fyne's driver needs the main goroutine,
// which test functions do not run on.
func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(runHelperApp())
	}
	os.Exit(m.Run())
}
