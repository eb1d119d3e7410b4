package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// result is a figure after its run: the samples, or why there are none.
type result struct {
	fig     figure
	samples samples
	err     error
}

// verdict of one metric against its target.
type verdict int

const (
	noTarget verdict = iota
	met
	missed
)

// check holds the median of t's metric in metrics (one benchmark's) to t,
// and says what the limit was.
func check(t target, metrics map[string][]float64) (verdict, string) {
	got, ok := metrics[t.metric]
	if !ok {
		return missed, "not reported"
	}
	limit, limitText := t.value, strconv.FormatFloat(t.value, 'g', -1, 64)
	if t.than != "" {
		base, ok := metrics[t.than]
		if !ok {
			return missed, t.than + " not reported"
		}
		limit = median(base) * t.value
		limitText = t.than
		if t.value != 1 {
			limitText = fmt.Sprintf("%g × %s", t.value, t.than)
		}
	}
	m := median(got)
	var ok2 bool
	switch t.op {
	case "<=":
		ok2 = m <= limit
	case ">=":
		ok2 = m >= limit
	case "==":
		ok2 = m == limit
	}
	text := t.op + " " + limitText
	if ok2 {
		return met, text
	}
	return missed, text
}

// number formats a measurement with three significant digits, which is
// what the run-to-run spread of these figures supports.
func number(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 1000 || v == float64(int64(v)):
		return strconv.FormatFloat(v, 'f', 0, 64)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

// runs is the number of runs and, for several, their range "3 (1.2–1.5)".
func runs(vs []float64) string {
	if len(vs) < 2 {
		return strconv.Itoa(len(vs))
	}
	return fmt.Sprintf("%d (%s–%s)", len(vs), number(slices.Min(vs)), number(slices.Max(vs)))
}

// writeTables writes one table per figure and returns the number of
// missed targets and of figures that did not run.
func writeTables(w io.Writer, results []result) (misses, failures int) {
	for _, r := range results {
		fmt.Fprintf(w, "### %s\n\n%s\n\n", r.fig.title, r.fig.how)
		if r.err != nil {
			failures++
			fmt.Fprintf(w, "**Did not run:** %s\n\n", oneLine(r.err.Error()))
			continue
		}
		fmt.Fprintf(w, "| Benchmark | Metric | Median | Runs (range) | Target | |\n|---|---|---:|---|---|---|\n")
		for _, name := range r.samples.benchNames() {
			metrics := r.samples[name]
			keys := make([]string, 0, len(metrics))
			for k := range metrics {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				targetText, mark := "", ""
				for _, t := range r.fig.targets {
					if t.metric != k {
						continue
					}
					v, text := check(t, metrics)
					targetText = text
					if v == met {
						mark = "met"
					} else {
						mark = "**missed**"
						misses++
					}
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n",
					strings.TrimPrefix(name, "Benchmark"), k, number(median(metrics[k])),
					runs(metrics[k]), targetText, mark)
			}
			// A target whose metric the benchmark never reported is a
			// miss too, not a silently empty row.
			for _, t := range r.fig.targets {
				if _, ok := metrics[t.metric]; !ok {
					misses++
					fmt.Fprintf(w, "| %s | %s | – | 0 | %s %g | **not reported** |\n",
						strings.TrimPrefix(name, "Benchmark"), t.metric, t.op, t.value)
				}
			}
		}
		fmt.Fprintln(w)
	}
	return misses, failures
}

// oneLine squeezes a multi-line error (go test's tail) for a table cell.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 600 {
		s = s[:600] + " …"
	}
	return s
}
