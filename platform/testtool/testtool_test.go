package testtool

import "testing"

func TestFindShell(t *testing.T) {
	if p, ok := Find("sh"); !ok || p == "" {
		t.Fatalf("Find(sh) = %q, %v; want a path", p, ok)
	}
	if _, ok := Find("deskcti-no-such-program"); ok {
		t.Fatal("Find found a program that does not exist")
	}
}

func TestNeedMissingFailsWhenRequired(t *testing.T) {
	t.Setenv(RequireEnv, "1")
	ft := &fakeTB{TB: t}
	func() {
		defer func() { recover() }()
		Need(ft, "deskcti-no-such-program", "none")
	}()
	if !ft.failed || ft.skipped {
		t.Fatalf("failed=%v skipped=%v; want a failure when %s is set", ft.failed, ft.skipped, RequireEnv)
	}
}

func TestNeedMissingSkipsOtherwise(t *testing.T) {
	t.Setenv(RequireEnv, "")
	ft := &fakeTB{TB: t}
	func() {
		defer func() { recover() }()
		Need(ft, "deskcti-no-such-program", "none")
	}()
	if ft.failed || !ft.skipped {
		t.Fatalf("failed=%v skipped=%v; want a skip", ft.failed, ft.skipped)
	}
}

// fakeTB records Fatal and Skip instead of ending the real test; it panics
// to stop Need the way runtime.Goexit would.
type fakeTB struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Fatal(args ...any) { f.failed = true; panic("fatal") }
func (f *fakeTB) Skip(args ...any)  { f.skipped = true; panic("skip") }
