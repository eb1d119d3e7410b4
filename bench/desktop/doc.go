// Package desktop holds the process-level benchmarks of the desktop app
// (figures 3, 5, 6 and 7 of docs/performance.md): the real deskcti binary,
// built by the benchmark, runs under Xvfb with a private DBus session bus
// and a StatusNotifier watcher, against the phone emulator on loopback,
// and is measured from outside the way a user would notice it.
//
//   - BenchmarkRingingToPopup: an Action-URL "incoming" request at the
//     receiver until the pop-up's pixels reach the X server.
//   - BenchmarkIdle: CPU seconds and RSS of the app hidden in the tray
//     over a minute, side by side with a bare Fyne hello-world
//     (testdata/hello) under the same X server.
//   - BenchmarkDialForward: `deskcti dial N` started while the app runs
//     until the dial request arrives at the phone.
//   - BenchmarkColdStart: with 100 000 contacts configured, process start
//     until the tray item is registered and until the contacts are loaded.
//
// The package has no code of its own outside its tests. The benchmarks
// need Xvfb and dbus-daemon (platform/testtool) and take about three
// minutes with -benchtime 1x; `go test` only compiles them.
package desktop
