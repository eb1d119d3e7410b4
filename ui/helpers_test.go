package ui

import (
	"os"
	"testing"

	"deskcti/assets"
)

func writeDemoBook(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, assets.DemoContacts, 0o600); err != nil {
		t.Fatal(err)
	}
}
