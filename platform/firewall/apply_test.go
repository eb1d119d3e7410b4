package firewall

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func firewalldBlocked(t *testing.T, admin bool) (*fakeOS, Status) {
	f := linux(t, map[string]reply{
		"firewall-cmd --state":                         {out: "running\n"},
		"firewall-cmd --list-all-zones":                {file: "firewalld/list-all-zones-public.txt"},
		"firewall-cmd --permanent --add-port=8080/tcp": {out: "success\n"},
		"firewall-cmd --reload":                        {out: "success\n"},
	}, fwdServiceFiles)
	f.admin = admin
	st := check(t, f, 8080, "")
	if st.Open != Blocked {
		t.Fatalf("setup: %v %s", st.Open, st.Describe(english(t)))
	}
	f.ran = nil
	return f, st
}

func TestApplyRefusesWithoutRights(t *testing.T) {
	f, st := firewalldBlocked(t, false)
	err := f.system().Apply(context.Background(), st)
	if !errors.Is(err, ErrNeedsAdmin) {
		t.Fatalf("Apply as a normal user: %v, want ErrNeedsAdmin", err)
	}
	for _, line := range st.Fix {
		if !strings.Contains(err.Error(), line) {
			t.Errorf("error %q does not name %q", err, line)
		}
	}
	if len(f.ran) != 0 {
		t.Errorf("commands ran without rights: %q", f.ran)
	}
}

func TestApplyRunsTheFixInOrder(t *testing.T) {
	f, st := firewalldBlocked(t, true)
	if err := f.system().Apply(context.Background(), st); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	want := []string{"firewall-cmd --permanent --add-port=8080/tcp", "firewall-cmd --reload"}
	if !reflect.DeepEqual(f.ran, want) {
		t.Errorf("ran %q, want %q (argv without sudo)", f.ran, want)
	}
}

func TestApplyStopsAtTheFirstFailure(t *testing.T) {
	f, st := firewalldBlocked(t, true)
	f.cmds["firewall-cmd --permanent --add-port=8080/tcp"] = reply{code: 1, stderr: "Error: INVALID_ZONE"}
	err := f.system().Apply(context.Background(), st)
	var re *RunError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "INVALID_ZONE") ||
		!strings.Contains(err.Error(), "firewall-cmd --permanent --add-port=8080/tcp") {
		t.Fatalf("Apply: %v", err)
	}
	if len(f.ran) != 1 {
		t.Errorf("ran %q after a failure", f.ran)
	}
}

func TestApplyNothingToDo(t *testing.T) {
	f := linux(t, map[string]reply{}, nil)
	if err := f.system().Apply(context.Background(), Status{Open: Open}); err != nil {
		t.Errorf("Apply of an open port: %v", err)
	}
}

func TestApplyWindowsKeepsProgramInOneArgument(t *testing.T) {
	f := windowsOS(t, "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-none.txt")
	f.admin = true
	const prog = `C:\Program Files\deskcti\deskcti.exe`
	st := check(t, f, 8080, prog)
	if len(st.Commands) != 1 || !strings.HasSuffix(st.Fix[0], ` program="`+prog+`"`) {
		t.Fatalf("fix %q", st.Fix)
	}
	add := st.Commands[0]
	if add[len(add)-1] != "program="+prog {
		t.Fatalf("add rule argv %q", add)
	}
	f.cmds[strings.Join(add, " ")] = reply{out: "Ok.\r\n"}
	f.ran = nil
	if err := f.system().Apply(context.Background(), st); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if len(f.ran) != 1 {
		t.Errorf("ran %q", f.ran)
	}
}

func TestCheckRejectsBadPort(t *testing.T) {
	f := linux(t, map[string]reply{}, nil)
	for _, p := range []int{0, -1, 65536} {
		if _, err := f.system().Check(context.Background(), p, ""); err == nil {
			t.Errorf("port %d accepted", p)
		}
	}
}

func TestCheckReportsCancellation(t *testing.T) {
	f := linux(t, map[string]reply{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.system().Check(ctx, 8080, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("Check with a cancelled context: %v", err)
	}
}

func TestCheckOtherOS(t *testing.T) {
	st := check(t, &fakeOS{t: t, goos: "plan9"}, 8080, "")
	wantStatus(t, st, "", false, Unknown, "not implemented on plan9")
}
