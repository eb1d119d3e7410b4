package desktop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// glDriver names the OpenGL driver the running process p has loaded,
// read from its memory map (what glxinfo would print needs mesa-utils and
// a second GL client; the map shows what the app itself uses). Under Xvfb
// Mesa renders in software: swrast_dri.so, which is llvmpipe when it has
// LLVM loaded. A process with no DRI driver mapped draws without real GL,
// which would make the figure meaningless: the run is then invalid.
func glDriver(tb testing.TB, p *proc) string {
	tb.Helper()
	maps, err := os.ReadFile(fmt.Sprintf("/proc/%d/maps", p.cmd.Process.Pid))
	if err != nil {
		tb.Fatalf("memory map of the app: %v", err)
	}
	var dri, llvm string
	for _, line := range strings.Split(string(maps), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		switch base := filepath.Base(f[5]); {
		case strings.HasSuffix(base, "_dri.so"):
			dri = f[5]
		case strings.HasPrefix(base, "libLLVM"):
			llvm = base
		}
	}
	if dri == "" {
		tb.Fatal("the app has no Mesa DRI driver loaded: it does not draw with OpenGL")
	}
	if llvm != "" {
		return dri + " with " + llvm + " (llvmpipe)"
	}
	return dri + " without LLVM (softpipe)"
}
