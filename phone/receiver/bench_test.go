package receiver

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"deskcti/phone"
)

// BenchmarkReceiver measures the event path over loopback HTTP: access
// check, rate limit (disabled), parse, queue, answer. "phone" opens a
// connection per event as phones do; "keepalive" reuses connections and
// shows the handler's own cost. Reported as requests/s.
func BenchmarkReceiver(b *testing.B) {
	for _, bc := range []struct {
		name      string
		keepAlive bool
	}{{"phone", false}, {"keepalive", true}} {
		b.Run(bc.name, func(b *testing.B) {
			r, err := Listen(Config{Listen: "127.0.0.1:0", RatePerPeer: -1})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			drained := make(chan struct{})
			go func() {
				for range r.Events() {
				}
				close(drained)
			}()
			// The URL a snom phone sends for a ringing call.
			url := strings.NewReplacer("$call-id", "3c2670a1-9d4e", "$remote", "sip%3A0221123%40pbx.example",
				"$display_remote", "J%C3%BCrgen+M%C3%BCller", "$local", "sip%3A201%40pbx.example",
				"$active_user", "201", "$cancel_reason", "",
			).Replace(phone.EventURL(r.BaseURL("127.0.0.1"), phone.Snom, phone.EventIncoming))
			tr := &http.Transport{DisableKeepAlives: !bc.keepAlive, MaxIdleConnsPerHost: MaxConnsPerPeer / 2}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := c.Get(url)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
			b.StopTimer()
			r.Close()
			<-drained
		})
	}
}
