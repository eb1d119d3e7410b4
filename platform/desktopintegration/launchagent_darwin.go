package desktopintegration

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNeedsBundle says why RegisterHandlers cannot work on macOS: Launch
// Services takes URL handlers only from an app bundle's Info.plist
// (CFBundleURLTypes), which the packaging has to provide (issue 7).
var ErrNeedsBundle = errors.New("on macOS, tel:, callto: and sip: handlers are declared in the app bundle (CFBundleURLTypes); install deskcti.app")

// RegisterHandlers returns ErrNeedsBundle (see there).
func RegisterHandlers(o Options) error {
	if _, err := o.check(); err != nil {
		return err
	}
	return fmt.Errorf("desktop integration: %w", ErrNeedsBundle)
}

// UnregisterHandlers has nothing to remove: the bundle's declaration goes
// with the bundle.
func UnregisterHandlers(o Options) error {
	_, err := o.check()
	return err
}

// HandlersRegistered reports false: deskcti does not register handlers
// on macOS itself (see ErrNeedsBundle).
func HandlersRegistered(o Options) (bool, error) {
	_, err := o.check()
	return false, err
}

// launchAgent is ~/Library/LaunchAgents/de.<name>.plist.
func launchAgent(o Options) (path, label string, err error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", "", fmt.Errorf("desktop integration: %w", err)
	}
	label = "de." + o.Name
	return filepath.Join(home, "Library", "LaunchAgents", label+".plist"), label, nil
}

// plist is the LaunchAgent that starts `deskcti app --hidden` at login.
func plist(label, exe string) string {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + esc(label) + `</string>
	<key>ProgramArguments</key>
	<array>
		<string>` + esc(exe) + `</string>
		<string>app</string>
		<string>--hidden</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>ProcessType</key>
	<string>Interactive</string>
</dict>
</plist>
`
}

// EnableAutostart writes the LaunchAgent; launchd reads it at the next
// login.
func EnableAutostart(o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	path, label, err := launchAgent(o)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("desktop integration: %w", err)
	}
	if err := os.WriteFile(path, []byte(plist(label, o.Exe)), 0o644); err != nil {
		return fmt.Errorf("desktop integration: %w", err)
	}
	return nil
}

// DisableAutostart removes the LaunchAgent.
func DisableAutostart(o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	path, _, err := launchAgent(o)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("desktop integration: %w", err)
	}
	return nil
}

// AutostartEnabled reports whether the LaunchAgent exists.
func AutostartEnabled(o Options) (bool, error) {
	o, err := o.check()
	if err != nil {
		return false, err
	}
	path, _, err := launchAgent(o)
	if err != nil {
		return false, err
	}
	_, err = os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("desktop integration: %w", err)
	}
	return true, nil
}
