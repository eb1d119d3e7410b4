package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/phonesim"
)

// cliDoc is docs/cli.md, found before any test changes directory.
var cliDoc, _ = filepath.Abs(filepath.Join("..", "..", "docs", "cli.md"))

var update = flag.Bool("update", false, "rewrite docs/cli.md from the transcript")

// cli runs the command line in-process, in English, with a fresh settings
// file, and returns what it printed and its exit code.
func cli(t *testing.T, cfg string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append(append([]string{}, args...), "--config", cfg)
	code = run(context.Background(), full, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func englishEnv(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C")
}

func startSim(t *testing.T, o phonesim.Options) *phonesim.Sim {
	t.Helper()
	sim, err := phonesim.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

// step is one CLI example of the transcript.
type step struct {
	args   []string
	before func(*phonesim.Sim) // what the far end does first
	// want is the wire requests the step must produce, "PATH?QUERY STATUS",
	// 401 challenges included.
	want []string
}

func transcript(t *testing.T, vendor phone.Vendor, auth phonesim.AuthScheme, steps []step) string {
	englishEnv(t)
	sim := startSim(t, phonesim.Options{Vendor: vendor, User: "admin", Password: "s3cret", Auth: auth})
	t.Setenv(secrets.PhonePasswordEnv, "s3cret")
	cfg := filepath.Join(t.TempDir(), "config.toml")
	shared := []string{"--vendor", string(vendor), "--phone", sim.URL(), "--user", "admin", "--area-code", "221", "--outside-line", "0"}
	var md strings.Builder
	for _, st := range steps {
		if st.before != nil {
			st.before(sim)
		}
		sim.Reset()
		out, errOut, code := cli(t, cfg, append(append([]string{}, st.args...), shared...)...)
		if code != 0 {
			t.Fatalf("deskcti %s: exit %d\n%s%s", strings.Join(st.args, " "), code, out, errOut)
		}
		var got []string
		for _, r := range sim.Requests() {
			line := r.Path
			if r.RawQuery != "" {
				line += "?" + r.RawQuery
			}
			got = append(got, fmt.Sprintf("%s %s %d", r.Method, line, r.Status))
		}
		if strings.Join(got, "\n") != strings.Join(st.want, "\n") {
			t.Errorf("deskcti %s sent:\n  %s\nwant:\n  %s", strings.Join(st.args, " "), strings.Join(got, "\n  "), strings.Join(st.want, "\n  "))
		}
		fmt.Fprintf(&md, "```\n$ deskcti %s\n%s```\n", quoteArgs(st.args), strings.ReplaceAll(out, sim.URL(), "http://PHONE"))
		md.WriteString("Requests the phone received:\n\n```\n")
		for _, g := range got {
			md.WriteString(g + "\n")
		}
		md.WriteString("```\n\n")
	}
	return md.String()
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " ()/") {
			a = "'" + a + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

// challenged puts the phone's 401 challenge before the first request: each
// CLI run is a new process that learns the scheme (and nonce) first.
func challenged(reqs ...string) []string {
	out := []string{}
	for i, r := range reqs {
		if i == 0 {
			out = append(out, strings.TrimSuffix(strings.TrimSuffix(r, " 302"), " 200")+" 401")
		}
		out = append(out, r)
	}
	return out
}

func TestTranscriptSnom(t *testing.T) {
	ring := func(s *phonesim.Sim) { s.IncomingCall("02211234567", "Erika Mustermann") }
	call := func(s *phonesim.Sim) {
		for _, c := range s.Calls() {
			if c.State == phonesim.Dialing {
				s.RemoteAnswer(c.ID)
			}
		}
	}
	steps := []step{
		{args: []string{"dial", "+49 (0)221 / 98765-43"}, want: challenged("GET /command.htm?number=002219876543 302")},
		{args: []string{"hangup"}, want: challenged("GET /command.htm?key=CANCEL 302")},
		{args: []string{"dial", "+1 (555) 010-9999"}, want: challenged("GET /command.htm?number=00015550109999 302")},
		{args: []string{"hangup"}, want: challenged("GET /command.htm?key=CANCEL 302")},
		{args: []string{"dial", "23"}, want: challenged("GET /command.htm?number=23 302")},
		{args: []string{"hold"}, before: call, want: challenged("GET /settings.xml 200", "GET /command.htm?key=F_HOLD 302")},
		{args: []string{"hold"}, want: challenged("GET /settings.xml 200", "GET /command.htm?key=F_HOLD 302")},
		{args: []string{"transfer", "201"}, want: challenged("GET /command.htm?key=TRANSFER;2;0;1;ENTER 302")},
		{args: []string{"answer"}, before: ring, want: challenged("GET /command.htm?key=ENTER 302")},
		{args: []string{"transfer", "202", "--attended"}, want: challenged("GET /settings.xml 200", "GET /command.htm?key=F_HOLD;2;0;2;ENTER 302")},
		{args: []string{"transfer", "--complete"}, before: call, want: challenged("GET /command.htm?key=TRANSFER 302")},
		{args: []string{"dnd", "on"}, want: challenged("GET /settings.xml 200", "GET /command.htm?key=DND 302")},
		{args: []string{"tel:+4930123456"}, want: challenged("GET /command.htm?number=0030123456 302")},
		{args: []string{"dial", "*21#"}, want: challenged("GET /command.htm?number=%2A21%23 302")},
	}
	md := transcript(t, phone.Snom, phonesim.AuthDigest, steps)
	checkDoc(t, "snom", md)
}

func TestTranscriptYealink(t *testing.T) {
	ring := func(s *phonesim.Sim) { s.IncomingCall("02211234567", "Erika Mustermann") }
	steps := []step{
		{args: []string{"dial", "+49 (0)221 / 98765-43"}, want: challenged("GET /servlet?key=number=002219876543 200")},
		{args: []string{"hangup"}, want: challenged("GET /servlet?key=CALLEND 200")},
		{args: []string{"answer"}, before: ring, want: challenged("GET /servlet?key=OK 200")},
		{args: []string{"hold"}, want: challenged("GET /servlet?key=F_HOLD 200")},
		{args: []string{"dnd", "on"}, want: challenged("GET /servlet?key=DNDOn 200")},
		{args: []string{"dnd", "off"}, want: challenged("GET /servlet?key=DNDOff 200")},
	}
	md := transcript(t, phone.Yealink, phonesim.AuthBasic, steps)
	checkDoc(t, "yealink", md)
}

// checkDoc compares a vendor's transcript with its part of docs/cli.md.
func checkDoc(t *testing.T, vendor, md string) {
	t.Helper()
	path := cliDoc
	begin, end := "<!-- transcript:"+vendor+" -->\n", "<!-- end:"+vendor+" -->"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q … %q", path, begin, end)
	}
	if s[i+len(begin):j] == md {
		return
	}
	if !*update {
		t.Fatalf("docs/cli.md is out of date for %s: run go test ./cmd/deskcti -update", vendor)
	}
	s = s[:i+len(begin)] + md + s[j:]
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
