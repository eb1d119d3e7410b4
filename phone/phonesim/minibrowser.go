package phonesim

import (
	"net/http"
	"time"
)

// snomMinibrowser runs GET /minibrowser.htm?url=U: the phone fetches U
// itself, as it would to show a SnomIPPhone XML screen, and answers 200 at
// once. Like an Action URL the fetch is recorded at once (Fetched) and sent
// in the background; what U answers is ignored. The answer to the request
// itself is this emulator's choice (a small HTML page); a request without
// a url does nothing. Caller holds s.mu.
func (s *Sim) snomMinibrowser(rawQuery string) reply {
	rep := newReply(http.StatusOK, htmlType, "<html><head><title>Minibrowser</title></head><body></body></html>\n")
	ps, err := parseRawQuery(rawQuery, false)
	if err != nil {
		return rep
	}
	u, _ := lookup(ps, "url")
	if u == "" {
		return rep
	}
	s.fetched = append(s.fetched, u)
	s.send(u, &s.fetchErrors)
	rep.acted = true
	return rep
}

// Fetched returns every URL the phone was told to fetch through
// minibrowser.htm, decoded, in the order of the requests.
func (s *Sim) Fetched() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.fetched...)
}

// WaitFetched waits until at least n minibrowser fetches were ordered and
// every fetch and Action URL delivery started so far has finished, or the
// timeout passes; it reports whether the condition was met.
func (s *Sim) WaitFetched(n int, timeout time.Duration) bool {
	return s.waitUntil(timeout, func() bool { return len(s.fetched) >= n })
}

// FetchErrors counts minibrowser fetches that failed: no connection, no
// answer within 2 s, or an HTTP error status.
func (s *Sim) FetchErrors() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fetchErrors
}
