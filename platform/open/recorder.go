package open

import (
	"context"
	"slices"
	"sync"
)

// Recorder is an Opener for tests of code that opens URLs: it applies the
// same Check as URL, so a test still sees a refused scheme refused, and
// records what would have been opened instead of starting a browser.
type Recorder struct {
	// Err, when set, is returned for every URL that passes Check, to test
	// how a caller reports a failing browser.
	Err error

	mu   sync.Mutex
	urls []string
}

// Open records u when Check accepts it. Use the method value (rec.Open) as
// an Opener.
func (r *Recorder) Open(_ context.Context, u string) error {
	if err := Check(u); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, u)
	return r.Err
}

// URLs returns the URLs opened so far, in order.
func (r *Recorder) URLs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.urls)
}
