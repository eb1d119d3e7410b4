package app

import (
	"context"
	"fmt"
	"io/fs"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"deskcti/app/i18n"
	"deskcti/phone"
	"deskcti/phone/phonesim"
	"deskcti/platform/firewall"
)

// fmtVerb finds the verbs of a message that take a value (not %%).
var fmtVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// The firewall package names its notes by key; every key must have a text
// in every language, taking exactly the values the package passes, and the
// catalogs must not keep texts for keys the package no longer has.
func TestFirewallKeysInCatalogs(t *testing.T) {
	keys := map[string]bool{}
	for _, k := range firewall.Keys() {
		keys[k.Key] = true
	}
	if len(keys) < 60 {
		t.Fatalf("only %d firewall keys", len(keys))
	}
	for _, l := range i18n.Supported {
		cat, err := i18n.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range firewall.Keys() {
			text, ok := cat[k.Key]
			if !ok {
				t.Errorf("%s: no text for %q", l, k.Key)
				continue
			}
			if n := len(fmtVerb.FindAllString(strings.ReplaceAll(text, "%%", ""), -1)); n != k.Verbs() {
				t.Errorf("%s: %q has %d verbs, the key takes %d values: %q", l, k.Key, n, k.Verbs(), text)
			}
		}
		for key := range cat {
			if strings.HasPrefix(key, "firewall.") && !keys[key] {
				t.Errorf("%s: %q is not a key of package firewall", l, key)
			}
		}
	}
}

// nftOnly is a Linux computer with nothing but nft, which prints ruleset.
func nftOnly(ruleset string) *firewall.System {
	return &firewall.System{
		GOOS: "linux",
		Run: func(_ context.Context, name string, args ...string) ([]byte, error) {
			if name == "/usr/sbin/nft" && strings.Join(args, " ") == "list ruleset" {
				return []byte(ruleset), nil
			}
			return nil, fmt.Errorf("%s: %w", name, exec.ErrNotFound)
		},
		ReadFile: func(string) ([]byte, error) { return nil, fs.ErrNotExist },
		LookPath: func(name string) (string, error) {
			if name == "nft" {
				return "/usr/sbin/nft", nil
			}
			return "", fmt.Errorf("%s: %w", name, exec.ErrNotFound)
		},
		IsAdmin:      func() bool { return false },
		Getenv:       func(string) string { return "" },
		Timeout:      time.Second,
		ApplyTimeout: time.Second,
	}
}

const nftDropsByPolicy = `table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		iif "lo" accept
		tcp dport 22 accept
	}
}
`

// A real check, rendered in German: nothing of the English texts, no key
// shown in place of a missing text, the verbatim values kept.
func TestFirewallDetailInGerman(t *testing.T) {
	st, err := nftOnly(nftDropsByPolicy).Check(context.Background(), 8080, "")
	if err != nil || st.Open != firewall.Blocked {
		t.Fatalf("Check: %v %v", st.Open, err)
	}
	de := st.Describe(func(key string, args ...any) string { return i18n.In(i18n.German, key, args...) })
	en := st.Describe(func(key string, args ...any) string { return i18n.In(i18n.English, key, args...) })
	if want := "nftables drops new connections to port 8080/tcp (policy drop of inet filter input); the fix lasts until reboot unless the rule is saved"; en != want {
		t.Errorf("English:\n%s\nwant:\n%s", en, want)
	}
	for _, want := range []string{"nftables", "Port 8080/tcp", "Policy drop", "inet filter input", "Neustart"} {
		if !strings.Contains(de, want) {
			t.Errorf("German %q lacks %q", de, want)
		}
	}
	if strings.Contains(de, "firewall.") {
		t.Errorf("German %q shows a key", de)
	}
	enCat, _ := i18n.Catalog(i18n.English)
	var walk func([]firewall.Note)
	walk = func(ns []firewall.Note) {
		for _, n := range ns {
			for _, part := range strings.Split(enCat[n.Key], "%s") {
				if p := strings.TrimSpace(part); len(p) > 3 && strings.Contains(de, p) {
					t.Errorf("German %q contains the English %q", de, p)
				}
			}
			walk(n.Notes)
		}
	}
	walk(st.Notes)
}

// The connection test shows the firewall's notes in the user's language.
func TestReachFirewallDetailTranslated(t *testing.T) {
	sys := nftOnly(nftDropsByPolicy)
	FirewallCheck = sys.Check
	t.Cleanup(func() { FirewallCheck = firewall.Check })
	i18n.Set(i18n.German)
	defer i18n.Set(i18n.English)
	sim := start(t, phonesim.Options{Vendor: phone.Snom})
	st := reach(t, service(t, sim, nil))["firewall"]
	if st.Status != Failed || !strings.HasPrefix(st.Detail, "nftables verwirft neue Verbindungen zu Port ") ||
		st.Err == nil || st.Err.Error() != st.Detail {
		t.Fatalf("firewall step: %+v", st)
	}
}
