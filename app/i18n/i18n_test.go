package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// Both languages must have the same keys with the same fmt verbs in the
// same order, or a translated message prints %!s(MISSING) or drops a value.
func TestCatalogsMatch(t *testing.T) {
	en, err := Catalog(English)
	if err != nil {
		t.Fatal(err)
	}
	de, err := Catalog(German)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range en {
		dv, ok := de[k]
		if !ok {
			t.Errorf("German lacks %q", k)
			continue
		}
		if a, b := verb.FindAllString(v, -1), verb.FindAllString(dv, -1); !slices.Equal(a, b) {
			t.Errorf("%q: English verbs %v, German %v", k, a, b)
		}
		if strings.TrimSpace(dv) == "" || (dv == v && len(v) > 12) {
			t.Errorf("%q looks untranslated: %q", k, dv)
		}
	}
	for k := range de {
		if _, ok := en[k]; !ok {
			t.Errorf("English lacks %q", k)
		}
	}
}

// Every key the code names literally must exist; dynamic keys (err.KIND,
// test.STEP) are checked by the packages that build them.
func TestEveryLiteralKeyExists(t *testing.T) {
	en, _ := Catalog(English)
	root := filepath.Join("..", "..")
	use := regexp.MustCompile(`(?:i18n\.T|i18n\.In\([^,]+,|\bT|summary:)\(?\s*"([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)"`)
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			found++
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s uses missing key %q", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 20 {
		t.Fatalf("only %d keys found in the source: the scanner is broken", found)
	}
}

func TestFallbacks(t *testing.T) {
	if got := In(German, "cli.dialled", "0221"); got != "Wähle 0221" {
		t.Errorf("German: %q", got)
	}
	if got := In(English, "cli.dialled", "0221"); got != "Dialling 0221" {
		t.Errorf("English: %q", got)
	}
	if got := In(German, "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key should show itself, got %q", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"de": German, "de_AT.UTF-8": German, "DE-ch": German, "en_GB": English, "en": English} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "fr_FR", "C", "deutsch"} {
		if _, ok := Parse(in); ok {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}
