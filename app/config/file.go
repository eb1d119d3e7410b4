package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// FileName is the settings file's name inside the configuration directory.
const FileName = "config.toml"

// DefaultPath is where the settings live: os.UserConfigDir()/deskcti/config.toml
// (~/.config/deskcti on Linux, %AppData%\deskcti on Windows,
// ~/Library/Application Support/deskcti on macOS).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find configuration directory: %w", err)
	}
	return filepath.Join(dir, "deskcti", FileName), nil
}

// BrokenError reports a settings file that could not be read. The file was
// copied to Backup before anything else happened, so the user's edits are
// never lost; Load's caller continues with defaults and shows this error.
type BrokenError struct {
	Path, Backup string
	Err          error
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("settings file %s is broken (kept as %s): %v", e.Path, e.Backup, e.Err)
}

func (e *BrokenError) Unwrap() error { return e.Err }

// Load reads the settings at path on top of Default. A missing file is not
// an error (first start). A broken file is kept as path+".bak" and reported
// as *BrokenError together with the defaults.
func Load(path string) (Config, error) {
	cfg := Default()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read settings %s: %w", path, err)
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&cfg)
	if err == nil {
		if undec := md.Undecoded(); len(undec) > 0 {
			err = fmt.Errorf("unknown setting %q", undec[0].String())
		}
	}
	if err != nil {
		backup := path + ".bak"
		if werr := writeAtomic(backup, data); werr != nil {
			return Default(), fmt.Errorf("settings file %s is broken (%v) and could not be backed up: %w", path, err, werr)
		}
		return Default(), &BrokenError{Path: path, Backup: backup, Err: err}
	}
	return cfg, nil
}

// Save writes cfg to path atomically: a crash leaves either the old or the
// new file, never half of one.
func Save(path string, cfg Config) error {
	var buf bytes.Buffer
	buf.WriteString("# deskcti settings. Passwords are not stored here but in the system keyring\n# or the DESKCTI_PHONE_PASSWORD environment variable.\n\n")
	if err := toml.NewEncoder(&buf).Encode(cfg); err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create settings directory: %w", err)
	}
	return writeAtomic(path, buf.Bytes())
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Sync before rename so that the new name never points at data still
	// in the page cache when the machine loses power.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
