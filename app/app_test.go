package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/phonesim"
)

// Keys built at run time ("err."+kind, "test."+step) escape the literal
// key scan of package i18n, so they are checked here.
func TestEveryKindAndStepIsTranslated(t *testing.T) {
	for _, l := range i18n.Supported {
		cat, err := i18n.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for k := phone.KindOther; k <= phone.KindNotImplemented; k++ {
			for _, key := range []string{"err." + k.String(), "err." + k.String() + ".fix"} {
				if cat[key] == "" {
					t.Errorf("%s lacks %q", l, key)
				}
			}
		}
		for _, id := range append(append([]string{}, TestSteps...), ReachSteps...) {
			if cat["test."+id] == "" {
				t.Errorf("%s lacks %q", l, "test."+id)
			}
		}
	}
}

func TestExplainYealink403NamesEveryCause(t *testing.T) {
	i18n.Set(i18n.German)
	defer i18n.Set(i18n.English)
	ex := Explain(&phone.Error{Kind: phone.KindForbidden, Vendor: phone.Yealink, Op: "dial", Status: 403})
	for _, w := range []string{"features.action_uri_limit_ip", "Fernsteuerung zulassen?", "features.action_uri.enable"} {
		if !strings.Contains(ex.Fix, w) {
			t.Errorf("fix lacks %q: %s", w, ex.Fix)
		}
	}
	snom := Explain(&phone.Error{Kind: phone.KindForbidden, Vendor: phone.Snom, Op: "dial", Status: 403})
	if strings.Contains(snom.Fix, "action_uri") || !strings.Contains(snom.Fix, "hidden tags") {
		t.Errorf("snom 403 fix: %s", snom.Fix)
	}
}

func service(t *testing.T, sim *phonesim.Sim, mutate func(*config.Config)) *Service {
	t.Helper()
	cfg := config.Default()
	cfg.Phone.URL, cfg.Phone.User = sim.URL(), "admin"
	cfg.Dial = config.Dial{Country: "DE", AreaCode: "221", OutsideLine: "0"}
	if mutate != nil {
		mutate(&cfg)
	}
	s, err := New(cfg, func(user, url string) (string, error) { return "pw", nil })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func start(t *testing.T, o phonesim.Options) *phonesim.Sim {
	t.Helper()
	if o.User == "" {
		o.User, o.Password = "admin", "pw"
	}
	sim, err := phonesim.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

func statuses(steps []Step) map[string]Status {
	m := map[string]Status{}
	for _, s := range steps {
		m[s.ID] = s.Status
	}
	return m
}

func TestDialAppliesRules(t *testing.T) {
	sim := start(t, phonesim.Options{Vendor: phone.Yealink})
	s := service(t, sim, func(c *config.Config) { c.Phone.Vendor = "yealink" })
	d, err := s.Dial(context.Background(), "Bitte zurückrufen: +49 (0)221 / 98765-43")
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != "002219876543" || sim.LastDialed() != "002219876543" {
		t.Fatalf("dialled %q, phone got %q", d.Number, sim.LastDialed())
	}
	if _, err := s.Dial(context.Background(), "kein Anschluss"); err == nil {
		t.Fatal("text without a number was dialled")
	}
	if n := len(sim.Actions()); n != 1 {
		t.Fatalf("the phone acted %d times, want once", n)
	}
}

func TestConnectionTest(t *testing.T) {
	ctx := context.Background()
	t.Run("all pass", func(t *testing.T) {
		steps := service(t, start(t, phonesim.Options{Vendor: phone.Snom}), nil).Test(ctx, nil)
		if !AllPassed(steps) || len(steps) != len(TestSteps) {
			t.Fatalf("%+v", steps)
		}
		if st := statuses(steps); st["certificate"] != NotApplicable {
			t.Fatalf("certificate over http: %v", st["certificate"])
		}
	})
	t.Run("progress reports every step in order", func(t *testing.T) {
		var seen []string
		service(t, start(t, phonesim.Options{Vendor: phone.Snom}), nil).Test(ctx, func(s Step) { seen = append(seen, s.ID) })
		if strings.Join(seen, ",") != strings.Join(TestSteps, ",") {
			t.Fatalf("progress %v", seen)
		}
	})
	t.Run("D8xx", func(t *testing.T) {
		steps := service(t, start(t, phonesim.Options{Vendor: phone.Snom, Model: "snomD865"}), nil).Test(ctx, nil)
		st := statuses(steps)
		if st["login"] != Passed || st["control"] != Failed || AllPassed(steps) {
			t.Fatalf("%v", st)
		}
	})
	t.Run("unreachable skips the rest", func(t *testing.T) {
		sim := start(t, phonesim.Options{Vendor: phone.Snom})
		s := service(t, sim, nil)
		sim.Close()
		steps := s.Test(ctx, nil)
		st := statuses(steps)
		if st["connect"] != Failed || st["login"] != Skipped || st["control"] != Skipped {
			t.Fatalf("%v", st)
		}
		for _, s := range steps {
			if s.ID == "connect" && !strings.Contains(s.Fix, "port") {
				t.Errorf("connect fix: %q", s.Fix)
			}
		}
	})
	t.Run("TLS trust on first use", func(t *testing.T) {
		sim := start(t, phonesim.Options{Vendor: phone.Snom, TLS: true})
		steps := service(t, sim, nil).Test(ctx, nil)
		var cert Step
		for _, s := range steps {
			if s.ID == "certificate" {
				cert = s
			}
		}
		if cert.Status != Failed || !phone.IsKind(cert.Err, phone.KindUntrustedCertificate) || !strings.Contains(cert.Fix, sim.Fingerprint()) {
			t.Fatalf("untrusted certificate: %+v", cert)
		}
		pinned := func(c *config.Config) { c.Phone.Fingerprint = strings.ToLower(sim.Fingerprint()) }
		if steps := service(t, sim, pinned).Test(ctx, nil); !AllPassed(steps) {
			t.Fatalf("pinned: %v", statuses(steps))
		}
		old := sim.Fingerprint()
		if err := sim.RotateCertificate(); err != nil {
			t.Fatal(err)
		}
		steps = service(t, sim, func(c *config.Config) { c.Phone.Fingerprint = old }).Test(ctx, nil)
		for _, s := range steps {
			if s.ID == "certificate" && !phone.IsKind(s.Err, phone.KindFingerprintChanged) {
				t.Fatalf("rotated: %+v", s)
			}
		}
	})
	t.Run("keyring unavailable", func(t *testing.T) {
		sim := start(t, phonesim.Options{Vendor: phone.Snom})
		cfg := config.Default()
		cfg.Phone.URL = sim.URL()
		s, _ := New(cfg, func(string, string) (string, error) {
			return "", &secrets.UnavailableError{Err: errors.New("no secret service")}
		})
		st := statuses(s.Test(ctx, nil))
		if st["password"] != Failed {
			t.Fatalf("%v", st)
		}
	})
}

func TestValidateCollectsEveryProblem(t *testing.T) {
	cfg := config.Default()
	cfg.Phone.Vendor = "cisco"
	cfg.Dial.Country = "XX"
	cfg.Phone.Timeout = 0
	cfg.UI.TrayIcons = "purple"
	err := Validate(cfg)
	for _, w := range []string{"cisco", "XX", "timeouts", `tray_icons = "purple"`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Validate: %v lacks %q", err, w)
		}
	}
}
