package phonesim

import "time"

// Request is one HTTP request the sim received.
type Request struct {
	Time       time.Time
	Method     string
	Path       string // URL path as received, e.g. "/command.htm"
	RawQuery   string // exactly as on the wire, e.g. "number=%2A21%23" or "key=number=0221"
	Remote     string // peer IP
	Authorized bool   // credentials were present and correct (always true without a web password)
	Status     int    // what the sim answered; 0 when it never answered (SetDead)
}

// record appends one request. Caller holds s.mu.
func (s *Sim) record(req Request, acted bool) {
	s.records = append(s.records, record{req: req, acted: acted})
	if len(s.records) > maxRecords {
		s.records = s.records[len(s.records)-maxRecords:]
	}
}

// Requests returns every request received, in order, including 401
// challenges, 403 refusals and requests a dead phone never answered.
func (s *Sim) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.records))
	for i, r := range s.records {
		out[i] = r.req
	}
	return out
}

// Actions returns the requests that were authorized and acted on: commands
// the phone recognised (command.htm, servlet keys, a settings save, even
// when the state did not change, such as the idle CANCEL probe) and data
// queries (settings.xml, phonecfg, the Yealink info API). Web UI pages
// ("/", index.htm, the redirect target after command.htm), 4xx answers,
// requests ignored for a quirk (Yealink key= not first) and requests a
// dead phone swallowed are not actions.
func (s *Sim) Actions() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.records {
		if r.acted {
			out = append(out, r.req)
		}
	}
	return out
}

// Reset forgets the recorded requests (not the calls, settings or fired
// Action URLs).
func (s *Sim) Reset() {
	s.mu.Lock()
	s.records = nil
	s.mu.Unlock()
}
