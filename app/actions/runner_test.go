package actions

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"deskcti/phone"
	"deskcti/platform/open"
)

// payloads are display names a caller controls, each a shell injection
// attempt that would create a file if any shell saw it.
func payloads(dir string) []string {
	return []string{
		`"; touch PWNED; echo "`,
		`$(touch PWNED2)`,
		"$(touch " + filepath.Join(dir, "PWNED3") + ")",
		"`touch PWNED4`",
		"a\nb; touch PWNED5\r\n",
		`' || touch PWNED6 #`,
		`%PATH% & echo > PWNED7`,
	}
}

var pwned = []string{"PWNED", "PWNED2", "PWNED3", "PWNED4", "PWNED5", "PWNED6", "PWNED7"}

// newRunner builds a Runner or ends the test.
func newRunner(t *testing.T, opener open.Opener, acts ...Action) *Runner {
	t.Helper()
	r, err := New(acts, opener, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// drain returns the errors reported so far.
func drain(r *Runner) []error {
	var out []error
	for {
		select {
		case err := <-r.Errors():
			out = append(out, err)
		default:
			return out
		}
	}
}

func TestRunPassesCallerDataAsOneArgument(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // where a shell would create PWNED
	out := filepath.Join(dir, "argv.json")
	a := helperAction(t, "incoming", "argv", out, "--name={name}", "{name}", "x{company}y")
	r := newRunner(t, nil, a)
	for _, p := range payloads(dir) {
		os.Remove(out)
		r.Fire(context.Background(), phone.EventIncoming, Vars{Name: p, Company: p})
		r.Wait()
		want := []string{"--name=" + p, p, "x" + p + "y"}
		if got := readArgs(t, out); !slices.Equal(got, want) {
			t.Errorf("program got %q; want %q", got, want)
		}
	}
	if errs := drain(r); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	noFiles(t, dir, pwned...)
}

func TestRunRefusesOptionInjection(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "argv.json")
	r := newRunner(t, nil, helperAction(t, "incoming", "argv", out, "{name}"))
	r.Fire(context.Background(), phone.EventIncoming, Vars{Name: "--exec=evil"})
	r.Wait()
	errs := drain(r)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `start with "-"`) {
		t.Fatalf("errors = %v; want the option refused", errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the program ran with a caller-made option")
	}

	// After "--" the program reads no options, so the value is passed.
	r = newRunner(t, nil, helperAction(t, "incoming", "argv", out, "--", "{name}"))
	r.Fire(context.Background(), phone.EventIncoming, Vars{Name: "--exec=evil"})
	r.Wait()
	if got := readArgs(t, out); !slices.Equal(got, []string{"--", "--exec=evil"}) {
		t.Fatalf("program got %q", got)
	}
}

func TestOpenActionEscapesAndOpens(t *testing.T) {
	rec := &open.Recorder{}
	r := newRunner(t, rec.Open,
		Action{On: []string{"incoming"}, Open: "https://crm.example/search?q={name}&nr={e164}"},
		Action{On: []string{"incoming"}, Open: "https://crm.example/contacts/{name}"},
		Action{On: []string{"missed"}, Open: "https://other.example/"},
	)
	r.Fire(context.Background(), phone.EventIncoming, Vars{Name: "@evil.example/", E164: "+49221123"})
	r.Wait()
	want := []string{
		"https://crm.example/search?q=%40evil.example%2F&nr=%2B49221123",
		"https://crm.example/contacts/@evil.example%2F",
	}
	if got := rec.URLs(); !slices.Equal(got, want) {
		t.Fatalf("opened %q; want %q (in order, missed's action not run)", got, want)
	}
}

func TestOpenFailureIsReported(t *testing.T) {
	rec := &open.Recorder{Err: errors.New("no browser")}
	r := newRunner(t, rec.Open, Action{Name: "CRM", On: []string{"incoming"}, Open: "https://crm.example/"})
	r.Fire(context.Background(), phone.EventIncoming, Vars{})
	r.Wait()
	errs := drain(r)
	var ae *Error
	if len(errs) != 1 || !errors.As(errs[0], &ae) || ae.Event != phone.EventIncoming || ae.Action != `"CRM"` ||
		!errors.Is(errs[0], rec.Err) {
		t.Fatalf("errors = %v; want one *Error for \"CRM\" on incoming wrapping the opener's", errs)
	}
	if want := `action "CRM" on incoming: no browser`; errs[0].Error() != want {
		t.Fatalf("message %q; want %q", errs[0], want)
	}
}

func TestNonZeroExitReportsFirstStderrLine(t *testing.T) {
	r := newRunner(t, nil, helperAction(t, "missed", "fail"))
	r.Fire(context.Background(), phone.EventMissed, Vars{})
	r.Wait()
	errs := drain(r)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "exit status 3: first problem") ||
		strings.Contains(errs[0].Error(), "second problem") {
		t.Fatalf("errors = %v; want exit status 3 with the first stderr line", errs)
	}
}

func TestTimeoutKillsProgram(t *testing.T) {
	a := helperAction(t, "incoming", "sleep", filepath.Join(t.TempDir(), "pid"))
	a.Timeout = "200ms"
	r := newRunner(t, nil, a)
	r.Fire(context.Background(), phone.EventIncoming, Vars{})
	r.Wait() // returns only because the sleeper was killed
	errs := drain(r)
	if len(errs) != 1 || !errors.Is(errs[0], ErrTimeout) || !strings.Contains(errs[0].Error(), "after 200ms") {
		t.Fatalf("errors = %v; want ErrTimeout after 200ms", errs)
	}
}

func TestBusyEventsAreSkippedNotQueued(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	started := 0
	blocking := func(ctx context.Context, u string) error {
		mu.Lock()
		started++
		mu.Unlock()
		<-release
		return nil
	}
	r := newRunner(t, blocking, Action{On: []string{"incoming"}, Open: "https://crm.example/"})
	for range maxBusy + 1 {
		r.Fire(context.Background(), phone.EventIncoming, Vars{})
	}
	errs := drain(r)
	if len(errs) != 1 || !errors.Is(errs[0], ErrBusy) {
		t.Fatalf("errors = %v; want one ErrBusy", errs)
	}
	close(release)
	r.Wait()
	if started != maxBusy {
		t.Fatalf("%d actions ran; want %d", started, maxBusy)
	}
}

func TestUnreadErrorsNeverBlock(t *testing.T) {
	rec := &open.Recorder{Err: errors.New("no browser")}
	r := newRunner(t, rec.Open, Action{On: []string{"incoming"}, Open: "https://crm.example/"})
	for range errBacklog + 10 {
		r.Fire(context.Background(), phone.EventIncoming, Vars{})
		r.Wait()
	}
	if n := len(drain(r)); n != errBacklog {
		t.Fatalf("%d errors kept; want %d", n, errBacklog)
	}
}

func TestFireWithoutActionsDoesNothing(t *testing.T) {
	r := newRunner(t, func(context.Context, string) error { panic("opened") },
		Action{On: []string{"incoming"}, Open: "https://crm.example/"})
	r.Fire(context.Background(), phone.EventHold, Vars{})
	r.Wait()
	if errs := drain(r); len(errs) > 0 {
		t.Fatal(errs)
	}
}

func TestOutputLoggedBounded(t *testing.T) {
	// slog's handler serialises writes, and Wait orders them before the
	// read: a plain buffer is enough.
	var buf bytes.Buffer
	a := helperAction(t, "incoming", "chatty")
	r, err := New([]Action{a}, nil, slog.New(slog.NewTextHandler(&buf, nil)))
	if err != nil {
		t.Fatal(err)
	}
	r.Fire(context.Background(), phone.EventIncoming, Vars{})
	r.Wait()
	log := buf.String()
	if !strings.Contains(log, "action output") || !strings.Contains(log, "…(truncated)") {
		t.Fatalf("log lacks the truncated output: %.300s", log)
	}
	if n := strings.Count(log, "x"); n > outputLimit+100 {
		t.Fatalf("log holds %d bytes of output; want at most about %d", n, outputLimit)
	}
}
