package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// samples maps a benchmark (without the -GOMAXPROCS suffix) to its
// metrics, each with one value per run.
type samples map[string]map[string][]float64

// procSuffix is the "-2" go test appends for GOMAXPROCS.
var procSuffix = regexp.MustCompile(`-\d+$`)

// standard are the metrics go test reports for every benchmark; the
// figures here are the custom ones.
var standard = map[string]bool{"ns/op": true, "B/op": true, "allocs/op": true}

// parse reads `go test -bench` output and collects the custom metrics of
// every result line.
func parse(r io.Reader) (samples, error) {
	s := samples{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		// BenchmarkName-2  1  123 ns/op  4.5 unit ...
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procSuffix.ReplaceAllString(f[0], "")
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark line %q: value %q: %w", sc.Text(), f[i], err)
			}
			if standard[f[i+1]] {
				continue
			}
			if s[name] == nil {
				s[name] = map[string][]float64{}
			}
			s[name][f[i+1]] = append(s[name][f[i+1]], v)
		}
	}
	return s, sc.Err()
}

// median of vs (the mean of the middle two for an even count).
func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// benchNames are the benchmarks in s, sorted naturally (n=10k before
// n=100k before n=1M, as they were run).
func (s samples) benchNames() []string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(sizeKey(a), sizeKey(b)) })
	return names
}

// sizeKey orders "n=10k" < "n=100k" < "n=1M" by padding the size's
// magnitude; other names sort as they are.
func sizeKey(name string) string {
	i := strings.LastIndex(name, "/n=")
	if i < 0 {
		return name
	}
	v := name[i+3:]
	mult := map[byte]float64{'k': 1e3, 'M': 1e6}
	n, err := strconv.ParseFloat(strings.TrimRight(v, "kM"), 64)
	if err != nil {
		return name
	}
	if m, ok := mult[v[len(v)-1]]; ok {
		n *= m
	}
	return fmt.Sprintf("%s/n=%015.0f", name[:i], n)
}
