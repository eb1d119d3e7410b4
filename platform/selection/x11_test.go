//go:build unix && !darwin

package selection

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"deskcti/platform/testtool"
	"deskcti/platform/xshot"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

const callback = "Bitte zurückrufen: +49 221 555 0123"

// TestX11 runs the X11 cases against one Xvfb: starting a server per
// case costs time and leaves a socket file behind per killed server.
// Each case starts with no selection owner.
func TestX11(t *testing.T) {
	display := xshot.StartXvfb(t)
	t.Setenv("DISPLAY", display)
	t.Setenv("WAYLAND_DISPLAY", "")
	for _, c := range []struct {
		name string
		run  func(*testing.T, string)
	}{
		{"PrimaryUTF8", testPrimaryUTF8},
		{"PrimaryWinsOverClipboard", testPrimaryWinsOverClipboard},
		{"ClipboardWhenPrimaryHasNoOwner", testClipboardWhenPrimaryHasNoOwner},
		{"ClipboardWhenPrimaryIsBlank", testClipboardWhenPrimaryIsBlank},
		{"BlankSelectionIsEmpty", testBlankSelectionIsEmpty},
		{"Latin1StringFallback", testLatin1StringFallback},
		{"OwnerNeverAnswers", testOwnerNeverAnswers},
		{"OwnerNeverAnswersDefaultDeadline", testOwnerNeverAnswersDefaultDeadline},
		{"IncrTransfer", testIncrTransfer},
		{"IncrAnnouncedTooLarge", testIncrAnnouncedTooLarge},
		{"IncrGrowsTooLarge", testIncrGrowsTooLarge},
		{"SelectionTooLarge", testSelectionTooLarge},
		{"NothingSelected", testNothingSelected},
	} {
		t.Run(c.name, func(t *testing.T) {
			waitNoOwners(t, display)
			c.run(t, display)
		})
	}
}

// waitNoOwners waits until the owners of an earlier case are gone: the
// server drops a client's selections when it notices the client left,
// which happens after the client's process or connection ended.
func waitNoOwners(t *testing.T, display string) {
	t.Helper()
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	defer closeX(x)
	for _, name := range []string{"PRIMARY", "CLIPBOARD"} {
		atom := intern(t, x, name)
		for i := 0; ; i++ {
			o, err := xproto.GetSelectionOwner(x, atom).Reply()
			if err != nil {
				t.Fatal(err)
			}
			if o.Owner == xproto.WindowNone {
				break
			}
			if i == 200 {
				t.Fatalf("%s still owned by 0x%x from an earlier case", name, o.Owner)
			}
			time.Sleep(25 * time.Millisecond)
		}
	}
}

// xclipOwn makes xclip own selection ("primary", "clipboard") with text,
// and waits until the X server knows it as the owner. -quiet keeps xclip
// in the foreground so that the cleanup can end it.
func xclipOwn(t *testing.T, display, selection, text string) {
	t.Helper()
	xclip := testtool.Need(t, "xclip", "xclip")
	cmd := exec.Command(xclip, "-quiet", "-selection", selection, "-i")
	cmd.Env = append(cmd.Environ(), "DISPLAY="+display)
	cmd.Stdin = strings.NewReader(text)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	defer closeX(x)
	atom := intern(t, x, strings.ToUpper(selection))
	for range 200 {
		o, err := xproto.GetSelectionOwner(x, atom).Reply()
		if err != nil {
			t.Fatal(err)
		}
		if o.Owner != xproto.WindowNone {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("xclip did not take the %s selection", selection)
}

func testCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

func testPrimaryUTF8(t *testing.T, display string) {
	xclipOwn(t, display, "primary", callback)
	got, err := Text(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if got != callback {
		t.Fatalf("Text = %q, want %q", got, callback)
	}
}

func testPrimaryWinsOverClipboard(t *testing.T, display string) {
	xclipOwn(t, display, "clipboard", "0800 111 222")
	xclipOwn(t, display, "primary", callback)
	got, err := Text(testCtx(t))
	if err != nil || got != callback {
		t.Fatalf("Text = %q, %v; want PRIMARY's %q", got, err, callback)
	}
}

func testClipboardWhenPrimaryHasNoOwner(t *testing.T, display string) {
	xclipOwn(t, display, "clipboard", callback)
	got, err := Text(testCtx(t))
	if err != nil || got != callback {
		t.Fatalf("Text = %q, %v; want CLIPBOARD's %q", got, err, callback)
	}
}

func testClipboardWhenPrimaryIsBlank(t *testing.T, display string) {
	xclipOwn(t, display, "primary", " \n")
	xclipOwn(t, display, "clipboard", callback)
	got, err := Text(testCtx(t))
	if err != nil || got != callback {
		t.Fatalf("Text = %q, %v; want CLIPBOARD's %q", got, err, callback)
	}
}

func testNothingSelected(t *testing.T, _ string) {
	got, err := Text(testCtx(t))
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("Text = %q, %v; want ErrEmpty", got, err)
	}
}

func testBlankSelectionIsEmpty(t *testing.T, display string) {
	xclipOwn(t, display, "primary", "")
	got, err := Text(testCtx(t))
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("Text = %q, %v; want ErrEmpty", got, err)
	}
}

func testLatin1StringFallback(t *testing.T, display string) {
	latin1 := []byte("Bitte zur\xfcckrufen: +49 221 555 0123") // ü in ISO 8859-1
	startOwner(t, display, "PRIMARY", ownerLatin1Only, latin1, 0)
	got, err := Text(testCtx(t))
	if err != nil || got != callback {
		t.Fatalf("Text = %q, %v; want %q decoded from ISO 8859-1", got, err, callback)
	}
}

func testOwnerNeverAnswers(t *testing.T, display string) {
	startOwner(t, display, "PRIMARY", ownerSilent, nil, 0)
	c, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	got, err := Text(c)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "PRIMARY") {
		t.Fatalf("Text = %q, %v; want a deadline error naming PRIMARY", got, err)
	}
}

func testOwnerNeverAnswersDefaultDeadline(t *testing.T, display string) {
	startOwner(t, display, "CLIPBOARD", ownerSilent, nil, 0)
	// No deadline on the context: Text must bring its own.
	got, err := Text(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "CLIPBOARD") {
		t.Fatalf("Text = %q, %v; want a deadline error naming CLIPBOARD", got, err)
	}
}

func testIncrTransfer(t *testing.T, display string) {
	want := strings.Repeat("Rückruf +49 221 555 0123; ", 500) // ~13 KB: four chunks
	startOwner(t, display, "PRIMARY", ownerIncr, []byte(want), uint32(len(want)))
	got, err := Text(testCtx(t))
	if err != nil || got != want {
		t.Fatalf("Text = %d bytes, %v; want the %d bytes sent by INCR", len(got), err, len(want))
	}
}

func testIncrAnnouncedTooLarge(t *testing.T, display string) {
	startOwner(t, display, "PRIMARY", ownerIncr, []byte("x"), 1<<20)
	got, err := Text(testCtx(t))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1048576") {
		t.Fatalf("Text = %q, %v; want ErrTooLarge naming the announced size", got, err)
	}
}

func testIncrGrowsTooLarge(t *testing.T, display string) {
	// The owner announces a small size (a lower bound only) but sends more.
	startOwner(t, display, "PRIMARY", ownerIncr, []byte(strings.Repeat("1", MaxBytes+4000)), 100)
	got, err := Text(testCtx(t))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Text = %d bytes, %v; want ErrTooLarge", len(got), err)
	}
}

func testSelectionTooLarge(t *testing.T, display string) {
	xclipOwn(t, display, "primary", strings.Repeat("0123456789", 10<<10)) // 100 KiB
	got, err := Text(testCtx(t))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "65536") {
		t.Fatalf("Text = %d bytes, %v; want ErrTooLarge naming the limit", len(got), err)
	}
}

func TestWaylandWithoutXWayland(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	_, err := Text(testCtx(t))
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "Wayland") {
		t.Fatalf("Text error = %v; want ErrUnsupported explaining Wayland", err)
	}
}

func TestNoDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	_, err := Text(testCtx(t))
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Text error = %v; want ErrUnsupported", err)
	}
}

func TestLatin1ToUTF8(t *testing.T) {
	if got := latin1ToUTF8([]byte("Stra\xdfe \xe4\xf6\xfc \xa9")); got != "Straße äöü ©" {
		t.Fatalf("latin1ToUTF8 = %q", got)
	}
}
