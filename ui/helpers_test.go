package ui

import (
	"os"
	"testing"

	"deskcti/app/i18n"

	"deskcti/assets"
	"deskcti/platform/traydetect"
)

func writeDemoBook(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, assets.DemoContacts, 0o600); err != nil {
		t.Fatal(err)
	}
}

func trayCodes() []string { return traydetect.Codes }

func TestEveryTrayReasonIsTranslated(t *testing.T) {
	for _, l := range i18n.Supported {
		cat, err := i18n.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range trayCodes() {
			if cat["ui.notray."+code] == "" {
				t.Errorf("%s lacks ui.notray.%s", l, code)
			}
		}
	}
}
