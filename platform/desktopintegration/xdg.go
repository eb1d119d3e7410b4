//go:build unix && !darwin

package desktopintegration

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// xdgDir is $env when it is an absolute path (the spec says to ignore a
// relative one), else fallback under the home directory.
func xdgDir(env, fallback string) (string, error) {
	if d := os.Getenv(env); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("desktop integration: %w", err)
	}
	return filepath.Join(home, fallback), nil
}

func dataHome() (string, error)   { return xdgDir("XDG_DATA_HOME", ".local/share") }
func configHome() (string, error) { return xdgDir("XDG_CONFIG_HOME", ".config") }

func schemeTypes() []string {
	t := make([]string, len(Schemes))
	for i, s := range Schemes {
		t[i] = "x-scheme-handler/" + s
	}
	return t
}

// xdgPaths are the files deskcti writes.
type xdgPaths struct{ entry, mimeapps, autostart string }

// resolve checks o and finds its files.
func resolve(o Options) (Options, xdgPaths, error) {
	o, err := o.check()
	if err != nil {
		return o, xdgPaths{}, err
	}
	data, err := dataHome()
	if err != nil {
		return o, xdgPaths{}, err
	}
	conf, err := configHome()
	if err != nil {
		return o, xdgPaths{}, err
	}
	return o, xdgPaths{
		entry:     filepath.Join(data, "applications", o.Name+".desktop"),
		mimeapps:  filepath.Join(conf, "mimeapps.list"),
		autostart: filepath.Join(conf, "autostart", o.Name+".desktop"),
	}, nil
}

// RegisterHandlers writes the .desktop entry and makes it the default for
// tel:, callto: and sip:. It edits mimeapps.list itself, so it works
// without xdg-utils, and also runs xdg-mime and update-desktop-database
// when present so that desktops with their own caches notice.
func RegisterHandlers(o Options) error {
	o, f, err := resolve(o)
	if err != nil {
		return err
	}
	if err := writeFile(f.entry, handlerEntry(o)); err != nil {
		return err
	}
	id := o.Name + ".desktop"
	if err := editFile(f.mimeapps, func(s string) string { return setDefaults(s, id, schemeTypes()) }); err != nil {
		return err
	}
	if p, err := exec.LookPath("update-desktop-database"); err == nil {
		if err := run(p, filepath.Dir(f.entry)); err != nil {
			return err
		}
	}
	if p, err := exec.LookPath("xdg-mime"); err == nil {
		args := append([]string{"default", id}, schemeTypes()...)
		if err := run(p, args...); err != nil {
			return err
		}
	}
	return nil
}

// UnregisterHandlers removes our entry and takes our id out of
// mimeapps.list; other applications' associations are kept.
func UnregisterHandlers(o Options) error {
	o, f, err := resolve(o)
	if err != nil {
		return err
	}
	if err := removeFile(f.entry); err != nil {
		return err
	}
	id := o.Name + ".desktop"
	if err := editFile(f.mimeapps, func(s string) string { return removeID(s, id, schemeTypes()) }); err != nil {
		return err
	}
	if p, err := exec.LookPath("update-desktop-database"); err == nil {
		return run(p, filepath.Dir(f.entry))
	}
	return nil
}

// HandlersRegistered reports whether our entry exists with this Exe and is
// the default for all three schemes.
func HandlersRegistered(o Options) (bool, error) {
	o, f, err := resolve(o)
	if err != nil {
		return false, err
	}
	if ok, err := sameContent(f.entry, handlerEntry(o)); !ok || err != nil {
		return false, err
	}
	b, err := os.ReadFile(f.mimeapps)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("desktop integration: %w", err)
	}
	for _, t := range schemeTypes() {
		if defaultFor(string(b), t) != o.Name+".desktop" {
			return false, nil
		}
	}
	return true, nil
}

// EnableAutostart writes $XDG_CONFIG_HOME/autostart/<name>.desktop, which
// starts `deskcti app --hidden` at login.
func EnableAutostart(o Options) error {
	o, f, err := resolve(o)
	if err != nil {
		return err
	}
	return writeFile(f.autostart, autostartEntry(o))
}

// DisableAutostart removes the autostart entry.
func DisableAutostart(o Options) error {
	o, f, err := resolve(o)
	if err != nil {
		return err
	}
	return removeFile(f.autostart)
}

// AutostartEnabled reports whether the autostart entry exists and is not
// switched off (Hidden=true, or GNOME's X-GNOME-Autostart-enabled=false,
// which desktop settings write instead of deleting the file).
func AutostartEnabled(o Options) (bool, error) {
	o, f, err := resolve(o)
	if err != nil {
		return false, err
	}
	b, err := os.ReadFile(f.autostart)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("desktop integration: %w", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		switch strings.ReplaceAll(strings.TrimSpace(l), " ", "") {
		case "Hidden=true", "X-GNOME-Autostart-enabled=false":
			return false, nil
		}
	}
	return true, nil
}

func sameContent(path, want string) (bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("desktop integration: %w", err)
	}
	return string(b) == want, nil
}

// writeFile replaces path atomically (temp file and rename), so a desktop
// that reads it meanwhile never sees half an entry.
func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("desktop integration: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("desktop integration: %w", err)
	}
	_, werr := f.WriteString(content)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("desktop integration: write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("desktop integration: write %s: %w", path, err)
	}
	return nil
}

// editFile rewrites path through edit; a missing file reads as empty, and
// an unchanged result is not written.
func editFile(path string, edit func(string) string) error {
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("desktop integration: %w", err)
	}
	out := edit(string(b))
	if out == string(b) {
		return nil
	}
	return writeFile(path, out)
}

func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("desktop integration: %w", err)
	}
	return nil
}

// run starts a helper program; its output goes into the error so the
// user sees why, e.g., xdg-mime failed.
func run(prog string, args ...string) error {
	var out bytes.Buffer
	cmd := exec.Command(prog, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("desktop integration: %s %s: %w: %s", filepath.Base(prog), strings.Join(args, " "), err, bytes.TrimSpace(out.Bytes()))
	}
	return nil
}
