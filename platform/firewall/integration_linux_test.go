//go:build linux

package firewall

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/platform/testtool"
)

// TestCheckThisMachine runs Check for real on whatever this machine has
// installed: it must answer within the deadline, and a missing tool or
// missing rights are never an error.
func TestCheckThisMachine(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st, err := Check(ctx, 8080, exe)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatal("Check returned only after its deadline")
	}
	detail := st.Describe(english(t))
	t.Logf("firewall %q active=%v verdict=%v: %s; fix %q", st.Firewall, st.Active, st.Open, detail, st.Fix)
	switch st.Firewall {
	case "", UFW, Firewalld, NFTables, IPTables:
	default:
		t.Errorf("firewall %q on Linux", st.Firewall)
	}
	checkNotes(t, st.Notes)
	if detail == "" || len(st.Commands) != len(st.Fix) {
		t.Errorf("status %+v", st)
	}
	if st.Open == Blocked && len(st.Fix) == 0 {
		t.Error("blocked without a fix")
	}
}

// TestCheckNeverHangs: every tool hangs; Check still answers, Unknown.
func TestCheckNeverHangs(t *testing.T) {
	s := Local()
	s.Timeout = 100 * time.Millisecond
	s.LookPath = func(name string) (string, error) { return "/bin/sh", nil }
	s.Run = func(ctx context.Context, _ string, _ ...string) ([]byte, error) {
		return runCommand(ctx, "/bin/sh", "-c", "exec sleep 60")
	}
	s.ReadFile = func(name string) ([]byte, error) { return nil, fs.ErrNotExist }
	st, err := s.Check(context.Background(), 8080, "")
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if st.Open != Unknown || !strings.Contains(st.Describe(english(t)), "deadline exceeded") {
		t.Errorf("status %+v", st)
	}
}

// isolated is this machine's System with ufw and firewalld hidden (their
// configuration is the machine's) and every command run behind prefix,
// such as "ip netns exec NS" or "setpriv --reuid=65534 ...".
func isolated(prefix ...string) *System {
	s := Local()
	s.LookPath = func(name string) (string, error) {
		if name == "ufw" || name == "firewall-cmd" {
			return "", fmt.Errorf("%s: %w", name, exec.ErrNotFound)
		}
		return lookPath(name)
	}
	s.ReadFile = func(name string) ([]byte, error) { return nil, fs.ErrNotExist }
	s.Run = func(ctx context.Context, name string, args ...string) ([]byte, error) {
		argv := append(append(append([]string(nil), prefix[1:]...), name), args...)
		return runCommand(ctx, prefix[0], argv...)
	}
	return s
}

// netnsSystem runs every command inside network namespace ns, so that a
// test can load rules without touching this machine's firewall.
func netnsSystem(t *testing.T, ns string) *System {
	return isolated(testtool.Need(t, "ip", "iproute2"), "netns", "exec", ns)
}

// newNetns makes an empty network namespace (loopback only) for the test.
func newNetns(t *testing.T) string {
	if os.Geteuid() != 0 {
		t.Skip("network namespaces need root")
	}
	ip := testtool.Need(t, "ip", "iproute2")
	ns := fmt.Sprintf("deskcti-fw-%d-%s", os.Getpid(), strings.ReplaceAll(filepath.Base(t.Name()), "/", "-"))
	if out, err := exec.Command(ip, "netns", "add", ns).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command(ip, "netns", "del", ns).Run() })
	return ns
}

func inNetns(t *testing.T, ns string, argv ...string) {
	t.Helper()
	ip := testtool.Need(t, "ip", "iproute2")
	if out, err := exec.Command(ip, append([]string{"netns", "exec", ns}, argv...)...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v: %s", strings.Join(argv, " "), err, out)
	}
}

// TestNftablesEndToEnd loads a real rule set, reads it back through nft,
// applies the fix as root and checks again.
func TestNftablesEndToEnd(t *testing.T) {
	nft := testtool.Need(t, "nft", "nftables")
	ns := newNetns(t)
	rules, err := filepath.Abs("testdata/nftables/workstation-blocked.txt")
	if err != nil {
		t.Fatal(err)
	}
	inNetns(t, ns, nft, "-f", rules)
	s := netnsSystem(t, ns)
	ctx := context.Background()
	st, err := s.Check(ctx, 8080, "")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, st, NFTables, true, Blocked, "reject", "sudo nft insert rule inet filter input tcp dport 8080 accept")
	if err := s.Apply(ctx, st); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	st, _ = s.Check(ctx, 8080, "")
	wantStatus(t, st, NFTables, true, Open, `rule "tcp dport 8080 accept" in inet filter input`)
}

func TestIptablesEndToEnd(t *testing.T) {
	ipt := testtool.Need(t, "iptables", "iptables")
	testtool.Need(t, "nft", "nftables")
	ns := newNetns(t)
	inNetns(t, ns, ipt, "-A", "INPUT", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT")
	inNetns(t, ns, ipt, "-A", "INPUT", "-p", "tcp", "-m", "multiport", "--dports", "22,80,443", "-j", "ACCEPT")
	inNetns(t, ns, ipt, "-P", "INPUT", "DROP")
	s := netnsSystem(t, ns)
	ctx := context.Background()
	st, _ := s.Check(ctx, 8080, "")
	wantStatus(t, st, IPTables, true, Blocked, "policy drop of ip filter INPUT", iptInsert)
	if err := s.Apply(ctx, st); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	st, _ = s.Check(ctx, 8080, "")
	wantStatus(t, st, IPTables, true, Open, "tcp dport 8080")
}

// TestWithoutRootForReal drops to user nobody for every command: the real
// nft and iptables refuse, Check says Unknown with a fix, Apply refuses.
func TestWithoutRootForReal(t *testing.T) {
	setpriv := testtool.Need(t, "setpriv", "util-linux")
	testtool.Need(t, "nft", "nftables")
	testtool.Need(t, "iptables", "iptables")
	if os.Geteuid() != 0 {
		t.Skip("dropping to nobody needs root")
	}
	s := isolated(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
	s.IsAdmin = func() bool { return false }
	st, err := s.Check(context.Background(), 8080, "")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, st, IPTables, false, Unknown, "nftables (needs root), iptables (needs root)", iptInsert)
	if err := s.Apply(context.Background(), st); !errors.Is(err, ErrNeedsAdmin) || !strings.Contains(err.Error(), iptInsert) {
		t.Errorf("Apply: %v", err)
	}
}
