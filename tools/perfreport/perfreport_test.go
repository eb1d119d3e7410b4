package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleOutput = `goos: linux
goarch: amd64
pkg: deskcti/contacts
cpu: Intel(R) Xeon(R) CPU @ 2.20GHz
BenchmarkLookupScale/n=10k-2         	       1	  52000000 ns/op	         1.20 build-ratio	       180.0 bytes/number	      2100 p99-ns
BenchmarkLookupScale/n=1M-2          	       1	9000000000 ns/op	         1.70 build-ratio	       240.0 bytes/number	      4800 p99-ns
BenchmarkLookupScale/n=100k-2        	       1	 500000000 ns/op	         1.30 build-ratio	       200.0 bytes/number	      2500 p99-ns
BenchmarkLookupScale/n=10k-2         	       1	  51000000 ns/op	         1.10 build-ratio	       181.0 bytes/number	      2300 p99-ns
BenchmarkLookupScale/n=1M-2          	       1	9100000000 ns/op	         1.60 build-ratio	       241.0 bytes/number	      5200 p99-ns
BenchmarkLookupScale/n=100k-2        	       1	 510000000 ns/op	         1.40 build-ratio	       201.0 bytes/number	      2600 p99-ns
BenchmarkLookupScale/n=10k-2         	       1	  53000000 ns/op	         1.30 build-ratio	       182.0 bytes/number	      2200 p99-ns
BenchmarkLookupScale/n=1M-2          	       1	9200000000 ns/op	         1.50 build-ratio	       242.0 bytes/number	      5100 p99-ns
BenchmarkLookupScale/n=100k-2        	       1	 520000000 ns/op	         1.35 build-ratio	       202.0 bytes/number	      2700 p99-ns
PASS
ok  	deskcti/contacts	30.1s
`

func TestParseAndMedian(t *testing.T) {
	s, err := parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.benchNames(); strings.Join(got, " ") != "BenchmarkLookupScale/n=10k BenchmarkLookupScale/n=100k BenchmarkLookupScale/n=1M" {
		t.Fatalf("benchmarks %q, want the three sizes in size order without -2", got)
	}
	m := s["BenchmarkLookupScale/n=1M"]
	if _, ok := m["ns/op"]; ok {
		t.Error("ns/op kept: it is go test's, not a figure")
	}
	if got := median(m["p99-ns"]); got != 5100 {
		t.Errorf("median p99 = %v, want 5100", got)
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("even median = %v, want 2.5", got)
	}
}

func TestParseRejectsGarbledNumbers(t *testing.T) {
	if _, err := parse(strings.NewReader("BenchmarkX-2 1 12 ns/op 1,5 ratio\n")); err == nil {
		t.Fatal("a value that is not a number was accepted")
	}
}

func TestCheck(t *testing.T) {
	m := map[string][]float64{"cpu-s": {1.0, 1.2, 0.9}, "bare-cpu-s": {1.1, 1.0, 1.3}, "ratio": {0.65, 0.8, 0.75}}
	for _, c := range []struct {
		t    target
		want verdict
		text string
	}{
		{target{metric: "ratio", op: ">=", value: 0.7}, met, ">= 0.7"},
		{target{metric: "ratio", op: ">=", value: 0.8}, missed, ">= 0.8"},
		{target{metric: "cpu-s", op: "<=", than: "bare-cpu-s", value: 1}, met, "<= bare-cpu-s"},
		{target{metric: "cpu-s", op: "<=", than: "bare-cpu-s", value: 0.5}, missed, "<= 0.5 × bare-cpu-s"},
		{target{metric: "errors", op: "==", value: 0}, missed, "not reported"},
		{target{metric: "cpu-s", op: "<=", than: "nothing", value: 1}, missed, "nothing not reported"},
	} {
		v, text := check(c.t, m)
		if v != c.want || text != c.text {
			t.Errorf("check(%+v) = %v %q, want %v %q", c.t, v, text, c.want, c.text)
		}
	}
}

func TestWriteTables(t *testing.T) {
	s, err := parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	fig := figure{title: "4. Reverse lookup", targets: []target{
		{metric: "build-ratio", op: "<=", value: 1.5},
		{metric: "p99-ns", op: "<=", value: 5000},
		{metric: "errors", op: "==", value: 0},
	}}
	var b bytes.Buffer
	misses, failures := writeTables(&b, []result{
		{fig: fig, samples: s},
		{fig: figure{title: "9. Broken"}, err: errors.New("go test ./x: exit status 1:\n--- FAIL: window never appeared")},
	})
	out := b.String()
	// 1M misses p99 (5100 > 5000); build-ratio 1.6 at 1M misses as well;
	// errors is not reported by any of the three sizes.
	if misses != 2+3 || failures != 1 {
		t.Errorf("misses %d failures %d, want 5 and 1:\n%s", misses, failures, out)
	}
	for _, want := range []string{
		"| LookupScale/n=1M | p99-ns | 5100 | 3 (4800–5200) | <= 5000 | **missed** |",
		"| LookupScale/n=10k | build-ratio | 1.2 | 3 (1.1–1.3) | <= 1.5 | met |",
		"| LookupScale/n=10k | bytes/number | 181 | 3 (180–182) |  |  |",
		"**Did not run:** go test ./x: exit status 1: --- FAIL: window never appeared",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestSpliceKeepsTheHandWrittenPart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "performance.md")
	if err := splice(path, []byte("first\n")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	text := "# Performance\n\nIntro by hand.\n\n" + string(b) + "\n## Before and after\n\nBy hand too.\n"
	os.WriteFile(path, []byte(text), 0o644)
	if err := splice(path, []byte("second\n")); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	got := string(b)
	if strings.Contains(got, "first") || !strings.Contains(got, "second") ||
		!strings.HasPrefix(got, "# Performance\n\nIntro by hand.\n\n") || !strings.HasSuffix(got, "## Before and after\n\nBy hand too.\n") {
		t.Fatalf("after the second splice:\n%s", got)
	}
	os.WriteFile(path, []byte("# P\n"+beginMarker+"\nold\n"), 0o644)
	if err := splice(path, []byte("x")); err == nil || !strings.Contains(err.Error(), "only one of the generated-section markers") {
		t.Fatalf("a lone marker: %v", err)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "old") {
		t.Fatal("the file was changed although its markers are broken")
	}
}
