package phonesim

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"deskcti/phone"
)

func TestSnomMinibrowserFetches(t *testing.T) {
	for _, auth := range []AuthScheme{AuthDigest, AuthBasic} {
		t.Run(string(auth), func(t *testing.T) {
			rc := newReceiver(t)
			s := start(t, Options{Vendor: phone.Snom, User: "admin", Password: "pw", Auth: auth})
			target := rc.URL() + "/selftest?nonce=42&who=deskcti%20test"
			q := "/minibrowser.htm?url=" + url.QueryEscape(target)

			// Like command.htm it needs the web login.
			newClient(t, s, "", "").mustGet(q, http.StatusUnauthorized)
			newClient(t, s, "admin", "wrong").mustGet(q, http.StatusUnauthorized)
			if len(s.Fetched()) != 0 {
				t.Fatalf("fetched without login: %q", s.Fetched())
			}

			if _, err := rc.Only(); err == nil {
				t.Error("Recorder.Only without a request")
			}
			newClient(t, s, "admin", "pw").mustGet(q, http.StatusOK)
			if !s.WaitFetched(1, 5*time.Second) {
				t.Fatalf("no fetch: %q", s.Fetched())
			}
			if got := s.Fetched(); !slices.Equal(got, []string{target}) {
				t.Errorf("Fetched %q, want %q", got, target)
			}
			if u, err := rc.Only(); err != nil || u.Path != "/selftest" || u.Query().Get("who") != "deskcti test" {
				t.Errorf("receiver got %q", rc.Got())
			}
			if s.FetchErrors() != 0 || len(s.Fired()) != 0 {
				t.Errorf("fetch errors %d, fired %q", s.FetchErrors(), s.Fired())
			}
			acts := s.Actions()
			if len(acts) != 1 || acts[0].Path != "/minibrowser.htm" {
				t.Errorf("actions %+v", acts)
			}
		})
	}
}

func TestSnomMinibrowserFaults(t *testing.T) {
	dead := deadURL(t)
	s := snomOpen(t)
	c := newClient(t, s, "", "")
	c.mustGet("/minibrowser.htm", http.StatusOK)
	c.mustGet("/minibrowser.htm?url=", http.StatusOK)
	if len(s.Actions()) != 0 || len(s.Fetched()) != 0 {
		t.Errorf("a request without url acted: %+v", s.Actions())
	}
	c.mustGet("/minibrowser.htm?url="+url.QueryEscape(dead), http.StatusOK)
	if !s.WaitFetched(1, 5*time.Second) || s.FetchErrors() != 1 || s.FireErrors() != 0 {
		t.Errorf("fetch errors %d, fire errors %d", s.FetchErrors(), s.FireErrors())
	}

	// A D8xx has none of the classic pages; a Yealink has no minibrowser.
	d8 := start(t, Options{Vendor: phone.Snom, Model: "snomD865"})
	newClient(t, d8, "", "").mustGet("/minibrowser.htm?url="+url.QueryEscape(dead), http.StatusNotFound)
	y := start(t, Options{Vendor: phone.Yealink, User: "admin", Password: "admin"})
	newClient(t, y, "admin", "admin").mustGet("/minibrowser.htm?url="+url.QueryEscape(dead), http.StatusNotFound)
	if len(d8.Fetched())+len(y.Fetched()) != 0 {
		t.Error("a phone without minibrowser fetched")
	}
}
