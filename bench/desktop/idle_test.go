package desktop

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// IdleSecondsEnv overrides how long BenchmarkIdle samples (default 60 s).
const IdleSecondsEnv = "DESKCTI_BENCH_IDLE_SECONDS"

// idleWarmUp passes after both apps are up and before sampling starts:
// start-up work (the first probe of the phone, the address book, Fyne's
// caches) is not idle cost.
const idleWarmUp = 5 * time.Second

// idleBookSize is the address book of the idle app: an office's, small
// enough that the comparison is about the program, not the data.
const idleBookSize = 1000

// clockTicks is USER_HZ, the unit of utime and stime in /proc/PID/stat;
// 100 on every Linux architecture Go supports.
const clockTicks = 100

// BenchmarkIdle (figure 5): deskcti hidden in the tray (no window) and a
// bare Fyne hello-world (testdata/hello, one window with a label) run side
// by side under the same X server; after a warm-up, their CPU time
// (utime+stime) over the sampling period and their resident memory
// (VmRSS, the largest of one sample a second) are compared.
func BenchmarkIdle(b *testing.B) {
	period := 60 * time.Second
	if v := os.Getenv(IdleSecondsEnv); v != "" {
		sec, err := strconv.Atoi(v)
		if err != nil || sec <= 0 {
			b.Fatalf("%s=%q: want a number of seconds", IdleSecondsEnv, v)
		}
		period = time.Duration(sec) * time.Second
	}
	s := newSession(b)
	h := s.newHome(b, writeContacts(b, idleBookSize))
	x := watchX(b, s.display)
	app := s.startApp(b, h)
	bare := startProc(b, binary(b, helloBin), h.env)
	s.waitTray(b, app)
	waitContacts(b, app, h, idleBookSize)
	// The bare app is up when its window is mapped.
	x.next(b, waitLimit, "the hello-world window", func(e xev) bool {
		w, ok := x.window(b, e.win)
		return e.kind == xMapped && ok && w.Title == "Hello"
	})

	for b.Loop() {
		time.Sleep(idleWarmUp)
		cpu0, bare0 := cpuTime(b, app), cpuTime(b, bare)
		var rss, bareRSS int64
		for end := time.Now().Add(period); time.Now().Before(end); time.Sleep(time.Second) {
			rss, bareRSS = max(rss, rssBytes(b, app)), max(bareRSS, rssBytes(b, bare))
			x.drain()
		}
		cpu, bareCPU := cpuTime(b, app)-cpu0, cpuTime(b, bare)-bare0
		for _, p := range []*proc{app, bare} {
			if p.exited() {
				b.Fatalf("%s exited while idle: %v\n%s", p.cmd.Path, p.err, p.log())
			}
		}
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		b.ReportMetric(bareCPU.Seconds(), "bare-cpu-s")
		b.ReportMetric(float64(rss)/(1<<20), "rss-MB")
		b.ReportMetric(float64(bareRSS)/(1<<20), "bare-rss-MB")
		b.ReportMetric(float64(rss)/float64(bareRSS), "rss-ratio")
	}
}

// cpuTime is the CPU time p has used so far, user and system, all threads.
func cpuTime(tb testing.TB, p *proc) time.Duration {
	tb.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		tb.Fatalf("CPU time of %s: %v", p.cmd.Path, err)
	}
	// The command name in parentheses may hold spaces: fields count from
	// after its closing parenthesis, where field 3 (state) begins.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		tb.Fatalf("/proc/%d/stat: %q", p.cmd.Process.Pid, data)
	}
	var ticks int64
	for _, s := range f[11:13] { // utime, stime: fields 14 and 15
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			tb.Fatalf("/proc/%d/stat: %q", p.cmd.Process.Pid, data)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks
}

// rssBytes is p's resident set size now.
func rssBytes(tb testing.TB, p *proc) int64 {
	tb.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		tb.Fatalf("memory of %s: %v", p.cmd.Path, err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				break
			}
			return kb << 10
		}
	}
	tb.Fatalf("no VmRSS in /proc/%d/status", p.cmd.Process.Pid)
	return 0
}
