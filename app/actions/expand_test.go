package actions

import (
	"net/url"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	v := Vars{Number: "0221 123", E164: "+49221123", Name: "Anna {number}", Company: "ACME", CallID: "c1",
		Direction: "in", Event: "incoming", Display: "Anna", Extension: "12", Source: "vcard:a.vcf"}
	for tmpl, want := range map[string]string{
		"{number}|{e164}|{name}|{company}|{display}|{extension}|{source}|{call_id}|{direction}|{event}": "0221 123|+49221123|Anna {number}|ACME|Anna|12|vcard:a.vcf|c1|in|incoming",
		`{"number": "{e164}"}`: `{"number": "+49221123"}`,
		"{{number}":            "{number}",
		"{ number }":           "{ number }",
		"{}{":                  "{}{",
		"":                     "",
	} {
		got, err := Expand(tmpl, v, nil)
		if err != nil || got != want {
			t.Errorf("Expand(%q) = %q, %v; want %q", tmpl, got, err, want)
		}
	}
	got, err := Expand("<{name}>", v, strings.ToUpper)
	if err != nil || got != "<ANNA {NUMBER}>" {
		t.Errorf("Expand with escape = %q, %v", got, err)
	}
}

func TestExpandUnknownPlaceholder(t *testing.T) {
	_, err := Expand("crm --nr {nmuber}", Vars{}, nil)
	if err == nil {
		t.Fatal("Expand accepted {nmuber}")
	}
	for _, want := range []string{"unknown placeholder {nmuber}", "did you mean {number}?", "{call_id}", "{e164}", "{{"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := Expand("{Name}", Vars{}, nil); err == nil || !strings.Contains(err.Error(), "did you mean {name}?") {
		t.Errorf("Expand({Name}) = %v; want a hint to {name}", err)
	}
}

func TestExpandURLEscapesForPosition(t *testing.T) {
	for _, tc := range []struct {
		tmpl string
		v    Vars
		want string
	}{
		{"https://crm.example/search?q={name}&nr={e164}", Vars{Name: `"; touch PWNED; echo "`, E164: "+49221123"},
			"https://crm.example/search?q=%22%3B+touch+PWNED%3B+echo+%22&nr=%2B49221123"},
		{"https://crm.example/search?q={name}", Vars{Name: "$(touch PWNED2) `touch PWNED3`"},
			"https://crm.example/search?q=%24%28touch+PWNED2%29+%60touch+PWNED3%60"},
		{"https://crm.example/search?q={name}", Vars{Name: "x&admin=1#frag"},
			"https://crm.example/search?q=x%26admin%3D1%23frag"},
		{"https://crm.example/search?q={name}", Vars{Name: "@evil.example/"},
			"https://crm.example/search?q=%40evil.example%2F"},
		{"https://crm.example/contacts/{name}/calls", Vars{Name: "@evil.example/"},
			"https://crm.example/contacts/@evil.example%2F/calls"},
		{"https://crm.example/contacts/{name}", Vars{Name: "http://evil"},
			"https://crm.example/contacts/http:%2F%2Fevil"},
		{"https://crm.example/c/{name}?a=1#{company}", Vars{Name: "../../admin?x", Company: "a b#c"},
			"https://crm.example/c/..%2F..%2Fadmin%3Fx?a=1#a%20b%23c"},
		{"mailto:support@example.com?subject=Call%20from%20{name}", Vars{Name: "Anna Müller&cc=evil@x"},
			"mailto:support@example.com?subject=Call%20from%20Anna%20M%C3%BCller%26cc%3Devil%40x"},
		{"tel:{e164}", Vars{E164: "+49 221"}, "tel:+49%20221"},
		{"https://crm.example/#/search?q={name}", Vars{Name: "a&admin=1 b/c"},
			"https://crm.example/#/search?q=a%26admin%3D1%20b%2Fc"},
	} {
		got, err := ExpandURL(tc.tmpl, tc.v)
		if err != nil || got != tc.want {
			t.Errorf("ExpandURL(%q)\n got %q, %v\nwant %q", tc.tmpl, got, err, tc.want)
			continue
		}
		u, _ := url.Parse(got)
		if u.Host != "crm.example" && u.Scheme != "mailto" && u.Scheme != "tel" {
			t.Errorf("%q: host became %q", got, u.Host)
		}
	}
}

func TestExpandURLRefusesPlaceholderBeforePath(t *testing.T) {
	for tmpl, want := range map[string]string{
		"https://{name}.crm.example/":      "scheme or host",
		"https://crm.example{name}":        "scheme or host",
		"https://crm.example:{extension}":  "scheme or host",
		"https://user:{name}@crm.example/": "scheme or host",
		"{name}://crm.example/":            "does not start with a scheme",
		"{name}":                           "does not start with a scheme",
		"javascript:alert('{name}')":       `scheme "javascript" cannot be opened`,
		"crm:{number}":                     `scheme "crm" cannot be opened`,
	} {
		_, err := ExpandURL(tmpl, Vars{Name: "x"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ExpandURL(%q) = %v; want an error saying %q", tmpl, err, want)
		}
	}
}

// FuzzExpandURL: whatever a caller's name holds, the URL keeps its scheme
// and host and the name comes back out of it unchanged.
func FuzzExpandURL(f *testing.F) {
	for _, s := range []string{"", "Anna Müller", `"; touch PWNED; echo "`, "$(reboot)", "@evil.example/",
		"http://evil", "a&b=c#d", "%41", "//evil", "\x00\n\r", "..", "{number}", "\\\\evil\\x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, tmpl := range []string{
			"https://crm.example/search?q={name}",
			"https://crm.example/contacts/{name}",
			"https://crm.example/{name}?q={name}#{name}",
		} {
			got, err := ExpandURL(tmpl, Vars{Name: name})
			if err != nil {
				t.Fatalf("ExpandURL(%q, %q): %v", tmpl, name, err)
			}
			u, err := url.Parse(got)
			if err != nil || u.Scheme != "https" || u.Host != "crm.example" || u.User != nil {
				t.Fatalf("%q with %q gave %q (%v)", tmpl, name, got, err)
			}
			if strings.Contains(tmpl, "?q=") && u.Query().Get("q") != name {
				t.Fatalf("query q = %q; want %q", u.Query().Get("q"), name)
			}
			if strings.Contains(tmpl, "/contacts/") && u.Path != "/contacts/"+name {
				t.Fatalf("path = %q; want /contacts/%s", u.Path, name)
			}
			if strings.HasSuffix(tmpl, "#{name}") && u.Fragment != name {
				t.Fatalf("fragment = %q; want %q", u.Fragment, name)
			}
		}
	})
}
