//go:build windows

package locale

import "golang.org/x/sys/windows"

// osPreferred asks Windows for the user's display languages; GUI programs
// there get no LANG variable.
func osPreferred() []string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil {
		return nil
	}
	return langs
}
