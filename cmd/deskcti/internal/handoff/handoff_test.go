package handoff

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"deskcti/platform/ipc"
)

func TestPlain(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"dial", "0221 4711"}, []string{"dial", "0221 4711"}},
		{[]string{"dial", "0221", "4711"}, []string{"dial", "0221", "4711"}},
		{[]string{"tel:+49221471100"}, []string{"dial", "tel:+49221471100"}},
		{[]string{"CALLTO:0221"}, []string{"dial", "CALLTO:0221"}},
		{[]string{"sips:200@pbx"}, []string{"dial", "sips:200@pbx"}},
		// main must read these first: another phone, settings, language.
		{[]string{"dial", "--phone", "10.0.0.2", "0221"}, nil},
		{[]string{"--lang", "de", "dial", "0221"}, nil},
		{[]string{"tel:0221", "--config", "x"}, nil},
		{[]string{"dial"}, nil},
		{[]string{"hangup"}, nil},
		{[]string{"https://example.com"}, nil},
		{nil, nil},
		{[]string{"-test.run=TestX"}, nil}, // a test binary's own arguments
	} {
		if got := Plain(c.args); !slices.Equal(got, c.want) {
			t.Errorf("Plain(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}

func listen(t *testing.T, handle func(ipc.Request) ipc.Reply) string {
	t.Helper()
	s, err := ipc.Listen(filepath.Join(t.TempDir(), "d", "deskcti.sock"), handle)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.Path()
}

func TestForward(t *testing.T) {
	path := listen(t, func(r ipc.Request) ipc.Reply {
		if r.Args[1] == "bad" {
			return ipc.Reply{Message: "Keine Rufnummer gefunden\n  → Schreiben Sie eine Nummer"}
		}
		return ipc.Reply{OK: true, Message: "Wähle " + r.Args[1]}
	})
	var out strings.Builder
	if r := Forward(context.Background(), path, []string{"dial", "0221"}, &out); !r.Forwarded || r.Err != nil || out.String() != "Wähle 0221\n" {
		t.Fatalf("ok: %+v, printed %q", r, out.String())
	}
	out.Reset()
	r := Forward(context.Background(), path, []string{"dial", "bad"}, &out)
	if !r.Forwarded || r.Err == nil || !strings.HasPrefix(r.Err.Error(), "Keine Rufnummer") || out.Len() != 0 {
		t.Fatalf("app error: %+v, printed %q", r, out.String())
	}
	if r := Forward(context.Background(), filepath.Join(t.TempDir(), "none.sock"), []string{"dial", "1"}, &out); r.Forwarded || r.Err != nil {
		t.Fatalf("no app: %+v; want not forwarded, so that the caller dials", r)
	}
}

// A request the app took without answering counts as forwarded: dialling
// again here could ring the other party twice.
func TestForwardNoReplyIsNotDialledAgain(t *testing.T) {
	path := listen(t, func(ipc.Request) ipc.Reply { time.Sleep(time.Second); return ipc.Reply{OK: true} })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	r := Forward(ctx, path, []string{"dial", "1"}, &strings.Builder{})
	if !r.Forwarded || !errors.Is(r.Err, ipc.ErrNoReply) {
		t.Fatalf("%+v; want forwarded with ErrNoReply", r)
	}
}

func TestTry(t *testing.T) {
	path := listen(t, func(r ipc.Request) ipc.Reply {
		if r.Args[1] == "bad" {
			return ipc.Reply{Message: "no number"}
		}
		return ipc.Reply{OK: true, Message: "Dialling " + r.Args[1]}
	})
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the default socket is not under XDG_RUNTIME_DIR here")
	}
	t.Setenv("XDG_RUNTIME_DIR", filepath.Dir(path))
	t.Cleanup(func() { Early = nil })
	var out, errOut strings.Builder
	if done, code := try([]string{"tel:0221"}, &out, &errOut); !done || code != 0 || out.String() != "Dialling tel:0221\n" {
		t.Fatalf("tel: done %v code %d out %q", done, code, out.String())
	}
	if done, code := try([]string{"dial", "bad"}, &out, &errOut); !done || code != 1 || errOut.String() != "deskcti: no number\n" {
		t.Fatalf("app error: done %v code %d stderr %q", done, code, errOut.String())
	}
	if done, _ := try([]string{"dial", "--phone", "x", "1"}, &out, &errOut); done || Early != nil {
		t.Fatalf("flags: done %v, Early %+v; main must handle them", done, Early)
	}
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	if done, _ := try([]string{"dial", "0221"}, &out, &errOut); done || Early == nil || Early.Forwarded {
		t.Fatalf("no app: done %v, Early %+v; want main to dial without asking again", done, Early)
	}
}
