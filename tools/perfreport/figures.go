package main

// A figure is one of issue 8's measurements: benchmarks run as one `go
// test` invocation each, and the targets their metrics are held to.
type figure struct {
	title string
	pkg   string
	// bench is the benchmark's name (anchored; its sub-benchmarks run too).
	bench string
	// count is how many times go test runs it; the report shows the
	// median. Benchmarks that take a minute on their own (idle) measure
	// several windows inside one run instead.
	count int
	// how says in a sentence how the figure is measured.
	how     string
	targets []target
}

// target holds metric (of every sub-benchmark of the figure) to a limit:
// a fixed value, or another metric of the same benchmark (the baseline
// measured side by side in the same run).
type target struct {
	metric string
	op     string // "<=", ">=" or "=="
	value  float64
	// than, when set, is the metric compared against, times value.
	than string
}

// figures are issue 8's seven figures in its order.
var figures = []figure{
	{
		title: "1. Receiver throughput", pkg: "./app", bench: "BenchmarkReceiverThroughput", count: 3,
		how: "Go load generator, keep-alive workers, realistic snom/Yealink Action-URL requests for 10 s at the " +
			"live receiver (lookup and journal on), then 10 s at a bare net/http handler returning 200.",
		targets: []target{{metric: "ratio", op: ">=", value: 0.7}, {metric: "errors", op: "==", value: 0}},
	},
	{
		title: "2a. Event to call with contact, in-process", pkg: "./app", bench: "BenchmarkEventToCall", count: 3,
		how:     "A parsed event handed to the live pipeline until the call is in the tracker with its contact, 1 M contacts indexed.",
		targets: []target{{metric: "p99-us", op: "<=", value: 1000}},
	},
	{
		title: "2b. Event to call with contact, over loopback HTTP", pkg: "./app", bench: "BenchmarkEventToCallHTTP", count: 3,
		how: "The same through the real receiver over 127.0.0.1, alternating with a bare HTTP round trip.",
	},
	{
		title: "3. Ringing to pop-up visible", pkg: "./bench/desktop", bench: "BenchmarkRingingToPopup", count: 3,
		how:     "The built app under Xvfb (Mesa llvmpipe GL); a snom ringing request at its receiver until the pop-up's first frame on the X server (DAMAGE); 20 calls per run.",
		targets: []target{{metric: "p99-ms", op: "<=", value: 100}},
	},
	{
		title: "4. Reverse lookup", pkg: "./contacts", bench: "BenchmarkLookupScale", count: 3,
		how: "A generated German Outlook CSV (two numbers per contact): read+normalise+index against a plain " +
			"encoding/csv read of the same file; heap per number beyond the strings; single lookups; a linear scan.",
		targets: []target{
			{metric: "build-ratio", op: "<=", value: 1.5},
			{metric: "bytes/number", op: "<=", value: 250},
			{metric: "p99-ns", op: "<=", value: 5000},
		},
	},
	{
		title: "5. Idle cost, window hidden", pkg: "./bench/desktop", bench: "BenchmarkIdle", count: 3,
		how: "deskcti with its window hidden and a bare Fyne hello-world built in the same run, side by side under " +
			"Xvfb for 60 s: CPU time from /proc/PID/stat, resident memory from /proc/PID/status.",
		targets: []target{
			{metric: "cpu-s", op: "<=", than: "bare-cpu-s", value: 1},
			{metric: "rss-ratio", op: "<=", value: 1.3},
		},
	},
	{
		title: "6. `deskcti dial N` with the app running", pkg: "./bench/desktop", bench: "BenchmarkDialForward", count: 3,
		how:     "The built binary's `dial` forwarded to the running app until the request arrives at the phone emulator.",
		targets: []target{{metric: "p50-ms", op: "<=", value: 30}, {metric: "p99-ms", op: "<=", value: 30}},
	},
	{
		title: "7. Cold start with 100 k contacts", pkg: "./bench/desktop", bench: "BenchmarkColdStart", count: 1,
		how: "Process start until the tray item is registered with the StatusNotifier watcher, and until the " +
			"contacts are loaded in the background.",
	},
}
