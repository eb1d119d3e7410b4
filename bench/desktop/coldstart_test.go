package desktop

import (
	"slices"
	"testing"
	"time"
)

// coldStarts is how many times one round starts the app.
const coldStarts = 5

// coldBookSize is the address book configured for the cold start.
const coldBookSize = 100_000

// BenchmarkColdStart (figure 7): `deskcti app --hidden` with 100 000
// contacts configured, started coldStarts times one after the other (the
// file is in the page cache after the first: "cold" is the process, as at
// a login). Figures are the medians over the starts, from creating the
// process to its tray item registering with the StatusNotifier watcher
// (tray-ms) and to the address book's load finishing (contacts-ms, the time
// the app reports over its ipc socket, asked every 10 ms).
func BenchmarkColdStart(b *testing.B) {
	s := newSession(b)
	h := s.newHome(b, writeContacts(b, coldBookSize))
	binary(b, deskctiBin) // built before the clock runs

	var tray, loaded []time.Duration
	for b.Loop() {
		for range coldStarts {
			app := s.startApp(b, h)
			contacts := watchContacts(app, h, coldBookSize)
			trayAt := s.waitTray(b, app)
			r := <-contacts
			if r.err != nil {
				b.Fatalf("%v\n%s", r.err, app.log())
			}
			loadedAt := r.at
			tray, loaded = append(tray, trayAt.Sub(app.started)), append(loaded, loadedAt.Sub(app.started))
			app.stop(b)
			if app.err != nil {
				b.Fatalf("the app did not quit cleanly: %v\n%s", app.err, app.log())
			}
		}
	}
	b.ReportMetric(ms(percentile(tray, 0.5)), "tray-ms")
	b.ReportMetric(ms(percentile(loaded, 0.5)), "contacts-ms")
	b.Logf("tray ms %v; contacts ms %v", millis(tray), millis(loaded))
}

// millis lists durations in whole milliseconds, for the log.
func millis(ds []time.Duration) []int64 {
	out := make([]int64, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.Milliseconds())
	}
	return slices.Clip(out)
}
