package phonesim

import (
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"deskcti/phone"
)

func TestSlowPhoneActsThenAnswersLate(t *testing.T) {
	s := snomOpen(t)
	s.SetDelay(time.Hour)
	hc := &http.Client{Timeout: 200 * time.Millisecond}
	_, err := hc.Get(s.URL() + "/command.htm?number=0221")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("slow phone: err %v, want a client timeout", err)
	}
	// The request reached the phone and was acted on before the delay.
	if s.LastDialed() != "0221" {
		t.Errorf("dialed %q", s.LastDialed())
	}
	if r := s.Requests(); len(r) != 1 || r[0].Status != http.StatusFound {
		t.Errorf("requests %+v", r)
	}
	s.SetDelay(0)
	newClient(t, s, "", "").mustGet("/command.htm?key=CANCEL", http.StatusFound)
}

func TestDeadPhone(t *testing.T) {
	s := yealinkOpen(t)
	s.SetDead(true)
	hc := &http.Client{Timeout: 200 * time.Millisecond}
	_, err := hc.Get(s.URL() + "/servlet?key=number=0221")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("dead phone: err %v, want a client timeout", err)
	}
	if s.LastDialed() != "" || len(s.Actions()) != 0 {
		t.Errorf("dead phone acted: dialed %q", s.LastDialed())
	}
	if r := s.Requests(); len(r) != 1 || r[0].Status != 0 {
		t.Errorf("requests %+v, want one with status 0", r)
	}
	s.SetDead(false)
	newClient(t, s, "", "").mustGet("/servlet?key=number=0221", http.StatusOK)
}

// Close must not hang on connections a dead or slow phone holds, and the
// clients holding them must get an error.
func TestCloseWithHeldConnections(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault func(*Sim)
	}{
		{"dead", func(s *Sim) { s.SetDead(true) }},
		{"slow", func(s *Sim) { s.SetDelay(time.Hour) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Start(Options{Vendor: phone.Snom, TLS: tc.name == "dead"})
			if err != nil {
				t.Fatal(err)
			}
			tc.fault(s)
			hc := newClient(t, s, "", "").hc
			hc.Timeout = 0 // the client would wait forever
			errc := make(chan error, 1)
			go func() {
				resp, err := hc.Get(s.URL() + "/command.htm?key=CANCEL")
				if err == nil {
					resp.Body.Close()
				}
				errc <- err
			}()
			for deadline := time.Now().Add(5 * time.Second); len(s.Requests()) == 0; {
				if time.Now().After(deadline) {
					t.Fatal("request never arrived")
				}
				time.Sleep(5 * time.Millisecond)
			}
			closed := make(chan error, 1)
			go func() { closed <- s.Close() }()
			select {
			case err := <-closed:
				if err != nil {
					t.Errorf("Close: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Close hangs")
			}
			select {
			case err := <-errc:
				if err == nil {
					t.Error("client got an answer from a closed phone")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("client still waiting after Close")
			}
			if err := s.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
		})
	}
}

func TestListenServesInBackground(t *testing.T) {
	s, err := Listen(Options{Vendor: phone.Yealink}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host, port, err := net.SplitHostPort(s.Addr())
	if err != nil || host != "127.0.0.1" || port == "0" {
		t.Fatalf("Addr %q", s.Addr())
	}
	if s.URL() != "http://"+s.Addr() {
		t.Errorf("URL %q", s.URL())
	}
	newClient(t, s, "", "").mustGet("/servlet?key=DNDOn", 200)
	waited := make(chan error, 1)
	go func() { waited <- s.Wait() }()
	s.Close()
	if err := <-waited; err != nil {
		t.Errorf("Wait after Close: %v", err)
	}
	if _, err := Listen(Options{Vendor: phone.Yealink}, s.Addr()+"x"); err == nil {
		t.Error("Listen on a bad address succeeded")
	}
	if _, err := Start(Options{Vendor: "cisco"}); err == nil {
		t.Error("Start with an unknown vendor succeeded")
	}
}
