package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The address books of the transcript: a German Outlook export in
// Windows-1252, a quoted-printable vCard 2.1, a Yealink phone book and a
// phone book with an XML error.
var bookFlags = []string{"--contacts", "kontakte.csv", "--contacts", "kontakte.vcf", "--contacts", "telefonbuch.xml", "--contacts", "kaputt.xml"}

// inTestdata runs the CLI from testdata, so that the file names in the
// transcript stay short.
func inTestdata(t *testing.T) {
	t.Helper()
	t.Chdir("testdata")
}

func TestLookupFindsEveryFormatDespiteBrokenFile(t *testing.T) {
	englishEnv(t)
	inTestdata(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	cases := []struct {
		number, match, name, company, stored, kind, source, ext string
	}{
		{"0221 471123", "exact", "Jürgen Weiß", "Bäckerei Weiß", "0221 / 4711 23", "work", "csv:kontakte.csv", ""},
		{"+491711234567", "exact", "Jürgen Weiß", "Bäckerei Weiß", "0171 1234567", "mobile", "csv:kontakte.csv", ""},
		{"0221 98765 42", "head", "Gisela Müller", "Müller & Söhne GmbH", "+49 221 98765-0", "work", "csv:kontakte.csv", "42"},
		{"00492215473311", "exact", "André Schönberg", "Kölner Verkehrs-Betriebe", "+49 (0)221 / 547-3311", "work", "vcard:kontakte.vcf", ""},
		{"sip:20@pbx.example", "exact", "Empfang", "", "20", "other", "phonebook:telefonbuch.xml", ""},
		{"9912", "none", "", "", "", "", "", ""}, // an extension, not 02234 9912
		{"12399887766", "none", "", "", "", "", "", ""},
		{"anonymous", "none", "", "", "", "", "", ""},
		{"", "none", "", "", "", "", "", ""},
	}
	for _, c := range cases {
		out, errOut, code := cli(t, cfg, append([]string{"lookup", c.number}, bookFlags...)...)
		if code != 0 {
			t.Fatalf("lookup %q: exit %d: %s", c.number, code, errOut)
		}
		if !strings.Contains(errOut, "kaputt.xml:5:") {
			t.Errorf("lookup %q: the broken file is not named with its line: %q", c.number, errOut)
		}
		var got lookupJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("lookup %q: not JSON: %v\n%s", c.number, err, out)
		}
		if got.Query != c.number || got.Match != c.match || got.Extension != c.ext {
			t.Errorf("lookup %q = %s", c.number, out)
		}
		if c.match == "none" {
			if got.Contact != nil || !strings.Contains(out, `"contact":null`) {
				t.Errorf("lookup %q: want contact null, got %s", c.number, out)
			}
			continue
		}
		want := contactJSON{Name: c.name, Company: c.company, Number: c.stored, Kind: c.kind, Source: c.source}
		if got.Contact == nil || *got.Contact != want {
			t.Errorf("lookup %q = %s\nwant contact %+v", c.number, out, want)
		}
	}
}

func TestLookupWithoutAddressBook(t *testing.T) {
	englishEnv(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	_, errOut, code := cli(t, cfg, "lookup", "0221 4711")
	if code != 1 || !strings.Contains(errOut, "--contacts") {
		t.Fatalf("exit %d, %q; want 1 and a hint at --contacts", code, errOut)
	}
	_, errOut, code = cli(t, cfg, "lookup", "0221 4711", "--contacts", "kontakte.pdf")
	if code != 1 || !strings.Contains(errOut, `".pdf"`) || !strings.Contains(errOut, ".vcf") {
		t.Fatalf("exit %d, %q; want 1 and the file types that work", code, errOut)
	}
	_, errOut, code = cli(t, cfg, "lookup", "0221 4711", "--contacts", filepath.Join(t.TempDir(), "fehlt.vcf"))
	if code != 1 || !strings.Contains(errOut, "fehlt.vcf") {
		t.Fatalf("exit %d, %q; want 1 naming the missing file", code, errOut)
	}
	if _, _, code := cli(t, cfg, "lookup"); code != 2 {
		t.Fatalf("lookup without a number: exit %d, want 2", code)
	}
}

func TestSearchAccentInsensitive(t *testing.T) {
	englishEnv(t)
	inTestdata(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	out, _, code := cli(t, cfg, append([]string{"search", "mull"}, bookFlags...)...)
	if code != 0 || !strings.HasPrefix(out, "Gisela Müller (Müller & Söhne GmbH)\n") || strings.Contains(out, "Weiß") {
		t.Fatalf("search mull: exit %d\n%s", code, out)
	}
	out, _, _ = cli(t, cfg, append([]string{"search", "koln", "verk"}, bookFlags...)...)
	if !strings.HasPrefix(out, "André Schönberg (Kölner Verkehrs-Betriebe)\n") {
		t.Fatalf("search koln verk:\n%s", out)
	}
	out, errOut, code := cli(t, cfg, append([]string{"search", "Niemand"}, bookFlags...)...)
	if code != 0 || out != "" || !strings.Contains(errOut, `nobody found for "Niemand"`) {
		t.Fatalf("search Niemand: exit %d, %q, %q", code, out, errOut)
	}
}

// TestTranscriptContacts writes the address-book part of docs/cli.md.
func TestTranscriptContacts(t *testing.T) {
	englishEnv(t)
	inTestdata(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	var md strings.Builder
	for _, args := range [][]string{
		append([]string{"lookup", "0221 471123"}, bookFlags...),
		append([]string{"lookup", "0221 98765 42"}, bookFlags...),
		append([]string{"lookup", "089 123456"}, bookFlags...),
		append([]string{"search", "mull"}, bookFlags...),
	} {
		out, errOut, code := cli(t, cfg, args...)
		if code != 0 {
			t.Fatalf("deskcti %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
		}
		fmt.Fprintf(&md, "```\n$ deskcti %s\n%s%s```\n\n", quoteArgs(args), errOut, out)
	}
	checkDoc(t, "contacts", md.String())
}
