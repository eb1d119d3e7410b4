package desktop

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"deskcti/platform/xshot"
)

// ringsPerRound is how many calls one round of BenchmarkRingingToPopup
// times, after one untimed call that warms the app up.
const ringsPerRound = 20

// ringBookSize is the address book the app has while calls ring.
const ringBookSize = 1000

// BenchmarkRingingToPopup (figure 3): the app runs hidden in the tray; a
// snom's "incoming" Action-URL request arrives at its receiver; the time
// runs until the pop-up's first frame is on the X server (its window is
// mapped and DAMAGE reports its pixels). The call then ends and the
// pop-up is closed, and the next call rings. The first call of the app
// (new GL context, fonts, caches) is not counted; it is logged.
func BenchmarkRingingToPopup(b *testing.B) {
	s := newSession(b)
	h := s.newHome(b, writeContacts(b, ringBookSize))
	x := watchX(b, s.display)
	app := s.startApp(b, h)
	s.waitTray(b, app)
	waitReceiver(b, app, h)
	waitContacts(b, app, h, ringBookSize)

	call := 0
	ring := func() (mapped, drawn time.Duration) {
		call++
		return ringOnce(b, x, app, h, call)
	}
	firstMapped, first := ring()
	b.Logf("first call after start: pop-up mapped after %.1f ms, drawn after %.1f ms", ms(firstMapped), ms(first))
	b.Logf("GL: %s", glDriver(b, app))

	var drawn, mapped []time.Duration
	for b.Loop() {
		for range ringsPerRound {
			m, d := ring()
			mapped, drawn = append(mapped, m), append(drawn, d)
		}
	}
	reportLatency(b, drawn)
	b.Logf("%d calls: pop-up drawn p50 %.1f ms p99 %.1f ms; mapped p50 %.1f ms p99 %.1f ms", len(drawn),
		ms(percentile(drawn, .5)), ms(percentile(drawn, .99)), ms(percentile(mapped, .5)), ms(percentile(mapped, .99)))
}

// ringOnce rings call n from contact n, waits for its pop-up, checks the
// pop-up names the caller and shows something, then ends the call and
// closes the pop-up. It returns the time from the request to the pop-up's
// window being mapped and to its first frame.
func ringOnce(b *testing.B, x *xwatch, app *proc, h *home, n int) (mapped, drawn time.Duration) {
	b.Helper()
	x.drain()
	id := fmt.Sprintf("bench-%d", n)
	q := url.Values{"v": {"snom"}, "call_id": {id}, "remote": {phoneNumber(n)}, "display": {"Bench"}, "local": {"201@pbx.example"}}
	base := "http://" + h.receiver + "/event/"

	start := time.Now()
	get(b, base+"incoming?"+q.Encode())
	// The pop-up is the new top-level window titled with the caller's
	// name (which also proves the address book was asked). Events are
	// kept: its first frame may come before its title is read.
	var seen []xev
	var popup xshot.Window
	var mapAt time.Time
	for popup.ID == 0 {
		e := x.next(b, waitLimit, "pop-up window for call "+id, func(xev) bool { return true })
		seen = append(seen, e)
		if e.kind != xMapped {
			continue
		}
		if w, ok := x.window(b, e.win); ok && strings.Contains(w.Title, contactName(n)) {
			popup, mapAt = w, e.at
		}
	}
	drawnAt := time.Time{}
	for _, e := range seen {
		if e.kind == xDrawn && e.win == popup.ID && !e.at.Before(mapAt) {
			drawnAt = e.at
			break
		}
	}
	if drawnAt.IsZero() {
		drawnAt = x.next(b, waitLimit, "first frame of the pop-up", func(e xev) bool {
			return e.kind == xDrawn && e.win == popup.ID
		}).at
	}
	if app.exited() {
		b.Fatalf("the app exited: %v\n%s", app.err, app.log())
	}
	// Not timed: the frame must show something (a blank window is no pop-up).
	img, err := x.shot.CaptureDrawn(popup, 10*time.Second)
	if err != nil || xshot.Blank(img) {
		b.Fatalf("pop-up %q is blank (%v)", popup.Title, err)
	}

	get(b, base+"disconnected?"+q.Encode())
	x.close(b, popup.ID)
	x.next(b, waitLimit, "the pop-up closing", func(e xev) bool { return e.kind == xGone && e.win == popup.ID })
	return mapAt.Sub(start), drawnAt.Sub(start)
}
