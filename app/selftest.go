package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"deskcti/app/i18n"
	"deskcti/app/secrets"
	"deskcti/phone"
	"deskcti/phone/httpx"
)

// Step is one check of the connection test (PhoneSuite's "Test" button,
// seed 003 steps 11-14), with what to do when it fails.
type Step struct {
	ID     string // stable: "settings", "address", "connect", "certificate", "password", "login", "control"
	Title  string // translated
	Status Status
	Detail string // what was found, e.g. the model and firmware
	Fix    string // what to do, when Failed
	Err    error
}

// Status is the outcome of one Step.
type Status int

// The outcomes of a step.
const (
	Passed Status = iota
	Failed
	// Skipped: not run because an earlier step failed.
	Skipped
	// NotApplicable: the check does not apply, e.g. a certificate over plain http.
	NotApplicable
	// Warning: nothing is known to be wrong, but the check could not tell
	// (a firewall whose rules cannot be read without administrator rights).
	Warning
)

// OK reports whether the step stands in the way of nothing.
func (s Step) OK() bool {
	return s.Status == Passed || s.Status == NotApplicable || s.Status == Warning
}

// TestSteps are the IDs of every step in the order they run.
var TestSteps = []string{"settings", "address", "connect", "certificate", "password", "login", "control"}

// Test runs every check from settings to remote control, reporting each
// step to progress as soon as it is known (progress may be nil). It stops
// at the first failure, marking the rest skipped, because later checks
// cannot tell anything useful once the phone cannot be reached.
func (s *Service) Test(ctx context.Context, progress func(Step)) []Step {
	t := &tester{s: s, progress: progress}
	t.run(ctx)
	return t.steps
}

// AllPassed reports whether the test found nothing wrong.
func AllPassed(steps []Step) bool {
	for _, st := range steps {
		if !st.OK() {
			return false
		}
	}
	return len(steps) > 0
}

type tester struct {
	s        *Service
	progress func(Step)
	steps    []Step
	failed   bool
}

func (t *tester) report(st Step) {
	st.Title = i18n.T("test." + st.ID)
	if t.failed {
		st = Step{ID: st.ID, Title: st.Title, Status: Skipped, Detail: i18n.T("test.skipped")}
	}
	if st.Err != nil && st.Status == Passed {
		st.Status = Failed
	}
	if st.Status == Failed {
		t.failed = true
		if st.Fix == "" && st.Err != nil {
			ex := Explain(st.Err)
			st.Fix = ex.Fix
			if st.Detail == "" {
				st.Detail = ex.Problem
			}
		}
	}
	t.steps = append(t.steps, st)
	if t.progress != nil {
		t.progress(st)
	}
}

func (t *tester) run(ctx context.Context) {
	cfg := t.s.cfg.Phone
	u, err := phoneURL(cfg.URL)
	if err != nil {
		t.report(Step{ID: "settings", Err: err, Status: Failed, Detail: err.Error(), Fix: i18n.T("test.settings.fix")})
	} else {
		t.report(Step{ID: "settings", Detail: fmt.Sprintf("%s %s", cfg.Vendor, u.Redacted())})
	}
	if t.failed {
		t.skipRest("address")
		return
	}

	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	var resolver net.Resolver
	dctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout.D())
	addrs, err := resolver.LookupHost(dctx, host)
	cancel()
	if err != nil {
		t.report(Step{ID: "address", Err: err, Detail: err.Error(), Fix: i18n.T("test.address.fix", host)})
	} else {
		t.report(Step{ID: "address", Detail: strings.Join(addrs, ", ")})
	}

	if !t.failed {
		d := net.Dialer{Timeout: cfg.ConnectTimeout.D()}
		conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(host, port))
		if err != nil {
			t.report(Step{ID: "connect", Err: &phone.Error{Kind: phone.KindUnreachable, Op: "connect", Vendor: phone.Vendor(cfg.Vendor), Err: err},
				Detail: err.Error(), Fix: i18n.T("test.connect.fix", host, port)})
		} else {
			conn.Close()
			t.report(Step{ID: "connect", Detail: net.JoinHostPort(host, port)})
		}
	}

	if !t.failed {
		t.certificate(ctx, u)
	}

	var pwErr error
	if !t.failed {
		_, pwErr = t.s.password(cfg.User, cfg.URL)
		var un *secrets.UnavailableError
		switch {
		case errors.As(pwErr, &un):
			t.report(Step{ID: "password", Err: pwErr})
		case errors.Is(pwErr, secrets.ErrNotFound):
			// Not fatal: a phone may have no password. If it has one, the
			// login step fails and says so.
			t.report(Step{ID: "password", Detail: i18n.T("test.password.none", secrets.PhonePasswordEnv)})
		default:
			t.report(Step{ID: "password", Detail: i18n.T("test.password.found")})
		}
	}

	if t.failed {
		t.skipRest("login")
		return
	}
	drv, err := t.s.Driver()
	if err != nil {
		t.report(Step{ID: "login", Err: err})
		t.skipRest("control")
		return
	}
	info, err := drv.Probe(ctx)
	switch {
	case err == nil:
		t.report(Step{ID: "login", Detail: i18n.T("test.login.ok", t.s.cfg.Phone.User)})
		t.report(Step{ID: "control", Detail: describe(info)})
	case phone.IsKind(err, phone.KindUnsupportedModel):
		t.report(Step{ID: "login", Detail: i18n.T("test.login.ok", t.s.cfg.Phone.User)})
		t.report(Step{ID: "control", Err: err})
	default:
		t.report(Step{ID: "login", Err: err})
		t.skipRest("control")
	}
}

// certificate checks the phone's TLS certificate against the pinned
// fingerprint before any password is sent to it.
func (t *tester) certificate(ctx context.Context, u *url.URL) {
	cfg := t.s.cfg.Phone
	if u.Scheme != "https" {
		t.report(Step{ID: "certificate", Status: NotApplicable, Detail: i18n.T("test.certificate.http")})
		return
	}
	fp, err := httpx.FetchFingerprint(ctx, u.String(), cfg.ConnectTimeout.D())
	switch {
	case err != nil:
		t.report(Step{ID: "certificate", Err: err})
	case cfg.Insecure:
		t.report(Step{ID: "certificate", Detail: i18n.T("test.certificate.insecure", fp)})
	case cfg.Fingerprint == "":
		t.report(Step{ID: "certificate", Err: &phone.Error{Kind: phone.KindUntrustedCertificate, Op: "test", Vendor: phone.Vendor(cfg.Vendor), Fingerprint: fp}})
	case !httpx.SameFingerprint(fp, cfg.Fingerprint):
		t.report(Step{ID: "certificate", Err: &phone.Error{Kind: phone.KindFingerprintChanged, Op: "test", Vendor: phone.Vendor(cfg.Vendor), Fingerprint: fp}})
	default:
		t.report(Step{ID: "certificate", Detail: fp})
	}
}

func (t *tester) skipRest(from string) {
	started := false
	for _, id := range TestSteps {
		if id == from {
			started = true
		}
		if started {
			t.report(Step{ID: id, Status: Skipped})
		}
	}
}

func describe(info phone.Info) string {
	parts := []string{string(info.Vendor), info.Model}
	if info.Firmware != "" {
		parts = append(parts, i18n.T("test.firmware", info.Firmware))
	}
	if len(info.Accounts) > 0 {
		parts = append(parts, strings.Join(info.Accounts, ", "))
	}
	return strings.Join(parts, " · ")
}

// phoneURL parses the configured address the way the driver will.
func phoneURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, ErrNoPhone
	}
	norm, err := httpx.NormalizeBaseURL(raw)
	if err != nil {
		return nil, err
	}
	return url.Parse(norm)
}
