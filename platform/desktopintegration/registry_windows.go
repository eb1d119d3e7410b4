package desktopintegration

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

// command is the shell\open\command value for a URL scheme.
func (o Options) command() string { return `"` + o.Exe + `" "%1"` }

// RegisterHandlers writes HKCU\Software\Classes\<scheme> for tel, callto
// and sip: per user, no administrator rights. Windows 10+ still asks the
// user once (Settings, default apps) before a browser uses it.
func RegisterHandlers(o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	for _, s := range Schemes {
		if err := registerScheme(o, s); err != nil {
			return fmt.Errorf("desktop integration: register %s: %w", s, err)
		}
	}
	return nil
}

func registerScheme(o Options, scheme string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, `Software\Classes\`+scheme, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer k.Close()
	if err := k.SetStringValue("", "URL:"+scheme); err != nil {
		return err
	}
	if err := k.SetStringValue("URL Protocol", ""); err != nil {
		return err
	}
	c, _, err := registry.CreateKey(registry.CURRENT_USER, `Software\Classes\`+scheme+`\shell\open\command`, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.SetStringValue("", o.command())
}

// UnregisterHandlers removes a scheme's keys only when they still point
// at this Exe, so another program that took the scheme over keeps it.
func UnregisterHandlers(o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	for _, s := range Schemes {
		if cmd, _ := readCommand(s); cmd != o.command() {
			continue
		}
		base := `Software\Classes\` + s
		// DeleteKey removes only keys without subkeys: deepest first.
		for _, sub := range []string{`\shell\open\command`, `\shell\open`, `\shell`, ``} {
			if err := registry.DeleteKey(registry.CURRENT_USER, base+sub); err != nil && !errors.Is(err, registry.ErrNotExist) {
				return fmt.Errorf("desktop integration: unregister %s: %w", s, err)
			}
		}
	}
	return nil
}

func readCommand(scheme string) (string, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Software\Classes\`+scheme+`\shell\open\command`, registry.QUERY_VALUE)
	if err != nil {
		return "", err
	}
	defer k.Close()
	v, _, err := k.GetStringValue("")
	return v, err
}

// HandlersRegistered reports whether all three schemes open this Exe.
func HandlersRegistered(o Options) (bool, error) {
	o, err := o.check()
	if err != nil {
		return false, err
	}
	for _, s := range Schemes {
		v, err := readCommand(s)
		if errors.Is(err, registry.ErrNotExist) || (err == nil && v != o.command()) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("desktop integration: %s: %w", s, err)
		}
	}
	return true, nil
}

// autostartValue is the Run value: the app, hidden in the tray.
func (o Options) autostartValue() string { return `"` + o.Exe + `" app --hidden` }

// EnableAutostart sets HKCU\...\Run\<name>.
func EnableAutostart(o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("desktop integration: autostart: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(o.Name, o.autostartValue()); err != nil {
		return fmt.Errorf("desktop integration: autostart: %w", err)
	}
	return nil
}

// DisableAutostart deletes the Run value.
func DisableAutostart(o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("desktop integration: autostart: %w", err)
	}
	defer k.Close()
	if err := k.DeleteValue(o.Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("desktop integration: autostart: %w", err)
	}
	return nil
}

// AutostartEnabled reports whether the Run value starts this Exe.
func AutostartEnabled(o Options) (bool, error) {
	o, err := o.check()
	if err != nil {
		return false, err
	}
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("desktop integration: autostart: %w", err)
	}
	defer k.Close()
	v, _, err := k.GetStringValue(o.Name)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("desktop integration: autostart: %w", err)
	}
	return v == o.autostartValue(), nil
}
