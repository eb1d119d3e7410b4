package app

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"deskcti/app/i18n"
	"deskcti/phone"
	"deskcti/platform/firewall"
)

// ReachSteps are the IDs of the steps of TestReach, in order: the second
// half of the Test button, "can the phone reach us?".
var ReachSteps = []string{"receiver", "firewall", "reach"}

// FirewallCheck is the firewall detection TestReach uses; tests replace it.
var FirewallCheck = firewall.Check

// probeWait is how long the phone gets to fetch the probe URL.
var probeWait = 8 * time.Second

// TestReach checks that the phone's events can arrive: the receiver
// listens, the PC's own firewall lets the port through, and — on a snom —
// the phone itself fetches a one-time URL from the receiver, which proves
// the way through every firewall in between. A Yealink cannot be asked to
// fetch a URL, so the user is told how to check from the phone's network.
func (s *Service) TestReach(ctx context.Context, live *Live, progress func(Step)) []Step {
	t := &tester{s: s, progress: progress}
	rcv := live.Receiver()
	base, err := live.BaseURL()
	if err != nil {
		t.report(Step{ID: "receiver", Err: err})
		t.skipFrom(ReachSteps, "firewall")
		return t.steps
	}
	detail := i18n.T("test.receiver.ok", rcv.Addr(), RedactBase(base))
	if rcv.FellBack() {
		detail += " " + i18n.T("test.receiver.fellback", rcv.Addr().Port())
	}
	t.report(Step{ID: "receiver", Detail: detail})

	exe, _ := os.Executable()
	fw, err := FirewallCheck(ctx, int(rcv.Addr().Port()), exe)
	switch {
	case err != nil:
		t.report(Step{ID: "firewall", Status: Warning, Detail: err.Error()})
	case fw.Open == firewall.Blocked:
		detail := fw.Describe(i18n.T)
		t.report(Step{ID: "firewall", Status: Failed, Err: errors.New(detail), Detail: detail,
			Fix: i18n.T("test.firewall.fix", strings.Join(fw.Fix, "\n"))})
	case fw.Open == firewall.Unknown && fw.Active:
		st := Step{ID: "firewall", Status: Warning, Detail: fw.Describe(i18n.T)}
		if len(fw.Fix) > 0 {
			st.Fix = i18n.T("test.firewall.fix", strings.Join(fw.Fix, "\n"))
		}
		t.report(st)
	case !fw.Active:
		t.report(Step{ID: "firewall", Detail: i18n.T("test.firewall.none")})
	default:
		t.report(Step{ID: "firewall", Detail: i18n.T("test.firewall.open", fw.Firewall, rcv.Addr().Port())})
	}

	drv, err := s.Driver()
	if err != nil {
		t.report(Step{ID: "reach", Err: err})
		return t.steps
	}
	rt, ok := drv.(phone.ReachTester)
	if !ok {
		t.report(Step{ID: "reach", Status: NotApplicable, Detail: i18n.T("test.reach.manual", RedactBase(base)+"/")})
		return t.steps
	}
	path, got := rcv.ExpectProbe(probeWait + 2*time.Second)
	if err := rt.FetchURL(ctx, base+path); err != nil {
		t.report(Step{ID: "reach", Err: err})
		return t.steps
	}
	select {
	case peer := <-got:
		t.report(Step{ID: "reach", Detail: i18n.T("test.reach.ok", peer)})
	case <-time.After(probeWait):
		t.report(Step{ID: "reach", Status: Failed, Err: errors.New("the phone did not fetch the test URL"),
			Detail: i18n.T("test.reach.timeout", RedactBase(base)), Fix: i18n.T("test.reach.fix", rcv.Addr().Port())})
	case <-ctx.Done():
		t.report(Step{ID: "reach", Err: ctx.Err()})
	}
	return t.steps
}

// skipFrom marks the steps of ids from one on as skipped.
func (t *tester) skipFrom(ids []string, from string) {
	started := false
	for _, id := range ids {
		started = started || id == from
		if started {
			t.report(Step{ID: id, Status: Skipped})
		}
	}
}

// RedactBase hides the receiver's secret path token in a receiver URL
// that is shown or printed: everything after host and port.
func RedactBase(base string) string {
	if i := strings.Index(base, "://"); i >= 0 {
		if j := strings.IndexByte(base[i+3:], '/'); j >= 0 {
			return base[:i+3+j] + "/…"
		}
	}
	return base
}

// FirewallApply runs a firewall fix; tests replace it.
var FirewallApply = firewall.Apply

// OpenFirewall opens the receiver's port in this PC's firewall, for the
// Test button's "open it for me": it checks again and runs the fix the
// check found. Without administrator rights it returns an error that
// carries the commands to run by hand (firewall.ErrNeedsAdmin).
func (s *Service) OpenFirewall(ctx context.Context, port int) (firewall.Status, error) {
	exe, _ := os.Executable()
	st, err := FirewallCheck(ctx, port, exe)
	if err != nil || len(st.Commands) == 0 {
		return st, err
	}
	return st, FirewallApply(ctx, st)
}
