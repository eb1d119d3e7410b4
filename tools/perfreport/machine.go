package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// writeHeader notes when and on what the figures were measured: they mean
// nothing without the machine.
func writeHeader(w io.Writer, took time.Duration) {
	fmt.Fprintf(w, "Measured %s UTC on %s, commit %s, in %s.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04"), machine(), commit(), took.Round(time.Second))
	fmt.Fprintln(w, "Each figure is the median of the runs shown; ratios are measured side by side in the same run.")
	fmt.Fprintln(w)
}

// machine is the CPU, core count, memory, OS and Go version.
func machine() string {
	cpu := firstValue("/proc/cpuinfo", "model name")
	if cpu == "" {
		cpu = runtime.GOARCH
	}
	mem := firstValue("/proc/meminfo", "MemTotal")
	var kb int
	fmt.Sscanf(mem, "%d kB", &kb)
	osName := strings.Trim(firstValue("/etc/os-release", "PRETTY_NAME"), `"`)
	return fmt.Sprintf("%s, %d cores, %.1f GiB RAM, %s, %s", cpu, runtime.NumCPU(), float64(kb)/(1<<20), osName, runtime.Version())
}

// firstValue finds "key: value" or "key=value" in a /proc or /etc file.
func firstValue(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			k, v, ok = strings.Cut(sc.Text(), "=")
		}
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// commit is `git describe --always --dirty`, or "unknown" outside a clone.
func commit() string {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
