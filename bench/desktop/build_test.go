package desktop

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"deskcti/platform/testtool"
)

// binDir holds the programs built by this test process; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// built is one program built once per test process.
type built struct {
	pkg  string
	once sync.Once
	path string
	err  error
}

var (
	buildMu    sync.Mutex
	deskctiBin = &built{pkg: "deskcti/cmd/deskcti"}
	helloBin   = &built{pkg: "deskcti/bench/desktop/testdata/hello"}
)

// binary builds p (once per process; later calls and later processes hit
// Go's build cache) and returns the program's path.
func binary(tb testing.TB, p *built) string {
	tb.Helper()
	goTool := testtool.Need(tb, "go", "golang-go")
	p.once.Do(func() {
		buildMu.Lock()
		defer buildMu.Unlock()
		if binDir == "" {
			if binDir, p.err = os.MkdirTemp("", "deskcti-bench"); p.err != nil {
				return
			}
		}
		p.path = filepath.Join(binDir, filepath.Base(p.pkg))
		cmd := exec.Command(goTool, "build", "-o", p.path, p.pkg)
		if out, err := cmd.CombinedOutput(); err != nil {
			p.err = fmt.Errorf("go build %s: %w\n%s", p.pkg, err, out)
		}
	})
	if p.err != nil {
		tb.Fatal(p.err)
	}
	return p.path
}
