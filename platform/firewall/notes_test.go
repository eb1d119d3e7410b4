package firewall

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"deskcti/assets"
)

// english renders notes with the English catalog, the texts deskcti
// shows; a key missing from it fails the test.
func english(t *testing.T) func(string, ...any) string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/firewall.en.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]string
	if err := json.Unmarshal(data, &cat); err != nil {
		t.Fatal(err)
	}
	return func(key string, args ...any) string {
		msg, ok := cat[key]
		if !ok {
			t.Errorf("key %q is not in firewall.en.json", key)
			return key
		}
		return fmt.Sprintf(msg, args...)
	}
}

// checkNotes fails for a note whose key is not listed in Keys or whose
// values do not fit the key's spec, nested notes included.
func checkNotes(t *testing.T, notes []Note) {
	t.Helper()
	specs := map[string]KeySpec{}
	for _, k := range Keys() {
		specs[k.Key] = k
	}
	var walk func([]Note)
	walk = func(ns []Note) {
		for _, n := range ns {
			k, ok := specs[n.Key]
			if !ok {
				t.Errorf("note key %q is not in Keys", n.Key)
			} else if len(n.Args) != k.Args || len(n.Notes) != k.Notes {
				t.Errorf("note %q has %d args and %d notes, its key takes %d and %d", n.Key, len(n.Args), len(n.Notes), k.Args, k.Notes)
			}
			walk(n.Notes)
		}
	}
	walk(notes)
}

// wantNotes compares notes exactly: keys, values and nesting.
func wantNotes(t *testing.T, got []Note, want ...Note) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("notes:\n%#v\nwant:\n%#v", got, want)
	}
}

// Every key constant of keys.go is in Keys exactly once, and Keys names
// nothing else, so the catalog test outside sees every key.
func TestKeysListEveryConstant(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, _ := strconv.Unquote(lit.Value); strings.HasPrefix(s, "firewall.") {
				consts[s] = true
			}
		}
		return true
	})
	listed := map[string]bool{}
	for _, k := range Keys() {
		if listed[k.Key] {
			t.Errorf("%q listed twice", k.Key)
		}
		listed[k.Key] = true
		if !consts[k.Key] {
			t.Errorf("%q listed but not a constant", k.Key)
		}
		if k.Args < 0 || k.Notes < 0 || k.Verbs() != k.Args+k.Notes {
			t.Errorf("%q: bad spec %+v", k.Key, k)
		}
	}
	for c := range consts {
		if !listed[c] {
			t.Errorf("constant %q is missing from Keys", c)
		}
	}
	if len(listed) < 60 {
		t.Errorf("only %d keys: the parse is broken", len(listed))
	}
}

func TestDescribe(t *testing.T) {
	tr := func(key string, args ...any) string {
		s := "<" + key
		for _, a := range args {
			s += "|" + a.(string)
		}
		return s + ">"
	}
	st := Status{Notes: []Note{
		note("a", "x"),
		{},
		{Key: "b", Args: []string{"y"}, Notes: []Note{note("c"), {Key: "d", Notes: []Note{note("e", "z")}}}},
	}}
	if got, want := st.Describe(tr), "<a|x> <b|y|<c>|<d|<e|z>>>"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if got := (Status{}).Describe(tr); got != "" {
		t.Errorf("no notes: %q", got)
	}
}

// Several accepting chains with conditions: the conditions are listed in
// order, joined by semicolons, after the first comma.
func TestJudgedStatusJoinsConditions(t *testing.T) {
	in := &chain{family: "inet", table: "filter", name: "input"}
	j := judgement{verdict: Open, deciding: outcome{act: actAccept, chain: in},
		notes: []Note{note(keyChainsOnlyWhen, "iif eth0"), note(keyChainsIfPortSet), note(keyChainsOnlyWhen, "ip saddr 10.0.0.0/8")}}
	st := judgedStatus(NFTables, j, 8080)
	checkNotes(t, st.Notes)
	want := "nftables lets port 8080/tcp in (policy accept of inet filter input), only when iif eth0; if the port set includes it; only when ip saddr 10.0.0.0/8"
	if got := st.Describe(english(t)); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestUnsupportedSystem(t *testing.T) {
	st := check(t, &fakeOS{t: t, goos: "plan9"}, 8080, "")
	wantNotes(t, st.Notes, note(keyUnsupported, "plan9"))
	if got := st.Describe(english(t)); got != "firewall detection is not implemented on plan9" {
		t.Errorf("detail %q", got)
	}
}
