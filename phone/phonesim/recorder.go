package phonesim

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// Recorder stands in for deskcti's Action URL receiver where a test only
// needs to see what a phone sent: an HTTP server on 127.0.0.1 that answers
// every request 200 with "<TAPI>Receive OK</TAPI>" (what the PhoneSuite
// style receiver answers) and records its request URI. It is safe for
// concurrent use.
type Recorder struct {
	srv  *http.Server
	url  string
	done chan struct{}

	mu   sync.Mutex
	uris []string
}

// StartRecorder serves a Recorder on 127.0.0.1 at a port the OS picks.
func StartRecorder() (*Recorder, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("phonesim recorder: %w", err)
	}
	r := &Recorder{url: "http://" + ln.Addr().String(), done: make(chan struct{})}
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() {
		defer close(r.done)
		_ = r.srv.Serve(ln) // ends with ErrServerClosed on Close

	}()
	return r, nil
}

// URL is the recorder's base URL, "http://127.0.0.1:PORT".
func (r *Recorder) URL() string { return r.url }

// ServeHTTP records the request; it is exported only to satisfy
// http.Handler.
func (r *Recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.uris = append(r.uris, req.RequestURI)
	r.mu.Unlock()
	_, _ = io.WriteString(w, "<TAPI>Receive OK</TAPI>")
}

// Got returns the request URIs (path and raw query, as on the wire)
// received so far, in the order they arrived.
func (r *Recorder) Got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.uris)
}

// Only is the one request received so far, parsed; it fails unless there
// was exactly one.
func (r *Recorder) Only() (*url.URL, error) {
	got := r.Got()
	if len(got) != 1 {
		return nil, fmt.Errorf("phonesim recorder: %d requests %q, want exactly one", len(got), got)
	}
	return url.Parse(got[0])
}

// Close stops the server and waits for it.
func (r *Recorder) Close() error {
	err := r.srv.Close()
	<-r.done
	return err
}
