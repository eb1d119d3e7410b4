//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegisterHandlersCommand(t *testing.T) {
	englishEnv(t)
	data, conf := t.TempDir(), t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	t.Setenv("XDG_CONFIG_HOME", conf)
	cfg := filepath.Join(t.TempDir(), "c.toml")
	out, errOut, code := cli(t, cfg, "register-handlers")
	if code != 0 || !strings.Contains(out, "links now open") {
		t.Fatalf("register-handlers: exit %d %q %q", code, out, errOut)
	}
	mime, err := os.ReadFile(filepath.Join(conf, "mimeapps.list"))
	if err != nil || !strings.Contains(string(mime), "x-scheme-handler/tel=deskcti.desktop") {
		t.Fatalf("mimeapps.list: %v\n%s", err, mime)
	}
	desktop, err := os.ReadFile(filepath.Join(data, "applications", "deskcti.desktop"))
	if err != nil || !strings.Contains(string(desktop), "x-scheme-handler/sip;") {
		t.Fatalf("desktop entry: %v\n%s", err, desktop)
	}
	if _, _, code := cli(t, cfg, "unregister-handlers"); code != 0 {
		t.Fatal("unregister-handlers failed")
	}
	mime, _ = os.ReadFile(filepath.Join(conf, "mimeapps.list"))
	if strings.Contains(string(mime), "deskcti.desktop") {
		t.Fatalf("still registered:\n%s", mime)
	}
}
