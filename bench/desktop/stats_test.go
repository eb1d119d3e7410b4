package desktop

import (
	"math"
	"slices"
	"testing"
	"time"
)

// percentile is the p-th percentile (0 < p <= 1) of samples by the
// nearest-rank method: sorted[ceil(p*n)-1]. samples must not be empty.
func percentile(samples []time.Duration, p float64) time.Duration {
	s := slices.Clone(samples)
	slices.Sort(s)
	i := max(0, int(math.Ceil(p*float64(len(s))))-1)
	return s[min(i, len(s)-1)]
}

// ms is d in milliseconds, the unit every figure here is reported in.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// reportLatency reports p50-ms and p99-ms of samples.
func reportLatency(b *testing.B, samples []time.Duration) {
	b.ReportMetric(ms(percentile(samples, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(samples, 0.99)), "p99-ms")
}

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 100; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0.001, time.Millisecond}} {
		if got := percentile(s, c.p); got != c.want {
			t.Errorf("percentile(1..100 ms, %v) = %v, want %v", c.p, got, c.want)
		}
	}
	if s[0] != 100*time.Millisecond {
		t.Error("percentile sorted its caller's slice")
	}
	if got := percentile([]time.Duration{7, 3, 5}, 0.5); got != 5 {
		t.Errorf("median of 7, 3, 5 = %v", got)
	}
	// 20 samples: p99 is the largest, as nearest-rank says.
	twenty := make([]time.Duration, 20)
	for i := range twenty {
		twenty[i] = time.Duration(i + 1)
	}
	if got := percentile(twenty, 0.99); got != 20 {
		t.Errorf("p99 of 1..20 = %v, want 20", got)
	}
}
