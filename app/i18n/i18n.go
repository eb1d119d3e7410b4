// Package i18n picks the user's language (German or English) and translates
// message keys from assets/translations.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"deskcti/assets"
)

// Lang is a supported user-interface language.
type Lang string

// The languages deskcti speaks. English is the fallback for every key.
const (
	English Lang = "en"
	German  Lang = "de"
)

// Supported lists the languages in the order settings offer them.
var Supported = []Lang{German, English}

var (
	current   atomic.Value // Lang
	loadOnce  sync.Once
	catalogs  map[Lang]map[string]string
	loadError error
)

// load reads every catalog file: <lang>.json, plus parts named
// <part>.<lang>.json (one per UI package, so that they can grow apart).
// A key defined twice for a language is an error.
func load() {
	catalogs = map[Lang]map[string]string{}
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil {
		loadError = err
		return
	}
	for _, l := range Supported {
		catalogs[l] = map[string]string{}
	}
	for _, f := range files {
		name := path.Base(f)
		var l Lang
		for _, s := range Supported {
			if name == string(s)+".json" || strings.HasSuffix(name, "."+string(s)+".json") {
				l = s
			}
		}
		if l == "" {
			loadError = fmt.Errorf("translation file %s: name must end in .de.json or .en.json", name)
			return
		}
		data, err := fs.ReadFile(assets.Translations, f)
		if err != nil {
			loadError = fmt.Errorf("read %s translations: %w", name, err)
			return
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			loadError = fmt.Errorf("parse %s translations: %w", name, err)
			return
		}
		for k, v := range m {
			if _, dup := catalogs[l][k]; dup {
				loadError = fmt.Errorf("translation key %q defined twice for %s (in %s)", k, l, name)
				return
			}
			catalogs[l][k] = v
		}
	}
}

// Catalog returns the messages of one language; it fails only when the
// embedded files are broken, which the tests rule out.
func Catalog(l Lang) (map[string]string, error) {
	loadOnce.Do(load)
	if loadError != nil {
		return nil, loadError
	}
	return catalogs[l], nil
}

// Parse maps a language setting or locale name ("de", "de_AT.UTF-8",
// "en-GB") to a supported language; ok is false for anything else.
func Parse(s string) (l Lang, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "de":
		return German, true
	case "en":
		return English, true
	}
	return "", false
}

// Set chooses the language for all following translations.
func Set(l Lang) { current.Store(l) }

// Current is the language in use, English until Set is called.
func Current() Lang {
	if l, ok := current.Load().(Lang); ok {
		return l
	}
	return English
}

// T translates key into the current language and formats args into it with
// fmt verbs. A key missing from the current language falls back to English,
// and a key missing everywhere is returned as is, so a gap shows but never
// hides the message.
func T(key string, args ...any) string { return In(Current(), key, args...) }

// In is T for an explicit language.
func In(l Lang, key string, args ...any) string {
	msg := key
	if c, err := Catalog(l); err == nil {
		if s, ok := c[key]; ok {
			msg = s
		} else if en, _ := Catalog(English); en != nil {
			if s, ok := en[key]; ok {
				msg = s
			}
		}
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}
