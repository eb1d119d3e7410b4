//go:build unix

package ipc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSocketAndDirModes(t *testing.T) {
	s := startServer(t, echo)
	fi, err := os.Lstat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Type() != os.ModeSocket || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket mode %v; want a socket with 0600", fi.Mode())
	}
	di, err := os.Stat(filepath.Dir(s.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if di.Mode().Perm() != 0o700 {
		t.Fatalf("directory mode %04o; want 0700", di.Mode().Perm())
	}
	// Only the socket is left in the directory: the temporary name is gone.
	ents, _ := os.ReadDir(filepath.Dir(s.Path()))
	if len(ents) != 1 {
		t.Fatalf("directory holds %d entries; want only the socket", len(ents))
	}
}

func TestOpenDirectoryRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "open")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	s, err := Listen(filepath.Join(dir, "deskcti.sock"), echo)
	if err == nil {
		s.Close()
		t.Fatal("Listen accepted a directory other users can enter")
	}
	if !strings.Contains(err.Error(), "0755") {
		t.Fatalf("err = %v; want it to name the mode", err)
	}
}

func TestNonSocketNotRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	os.Mkdir(dir, 0o700)
	path := filepath.Join(dir, "deskcti.sock")
	os.WriteFile(path, []byte("precious"), 0o600)
	if s, err := Listen(path, echo); err == nil {
		s.Close()
		t.Fatal("Listen replaced a regular file")
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Fatal("the regular file was touched")
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/4242")
	if p, _ := DefaultPath(); p != "/run/user/4242/deskcti.sock" {
		t.Fatalf("with XDG_RUNTIME_DIR: %q", p)
	}
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("TMPDIR", "/tmp/x")
	p, _ := DefaultPath()
	if !strings.HasPrefix(p, "/tmp/x/deskcti-") || filepath.Base(p) != "deskcti.sock" {
		t.Fatalf("without XDG_RUNTIME_DIR: %q", p)
	}
}
