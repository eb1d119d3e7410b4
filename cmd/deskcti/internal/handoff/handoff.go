// Package handoff passes `deskcti dial N` and click-to-call links
// (`deskcti tel:+49…`) to the running desktop app, and does so in its
// init, before the rest of the program is initialised.
//
// Why in init: Go initialises every linked package before main, and two of
// deskcti's cost more than the whole hand-over — nyaruka/phonenumbers
// decodes all countries' metadata (about 10 ms, more on a busy machine) and
// fyne's lang package its translations (about 7 ms). A dial from a browser
// link or a script would wait for both only to send one line over a local
// socket. Go initialises packages in import-path order as soon as their
// own imports are ready, and this package imports only the standard
// library and platform/ipc/client, so "deskcti/cmd/…" runs before "fyne.io/…" and
// "github.com/nyaruka/…" (GODEBUG=inittrace=1 shows it).
//
// It takes only command lines that are certainly a plain hand-over: the
// subcommand dial with a number and no flags, or a single tel:, callto:,
// sip: or sips: URL. Everything else, and every case where it cannot tell
// the outcome for sure, goes on into main, which finishes the job with the
// same Forward and the outcome recorded here (so the app is never asked
// twice).
package handoff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"deskcti/platform/ipc/client"
)

// Timeout bounds one hand-over. The app's own dial waits up to 15 s for a
// slow phone; the CLI must outlast it rather than give up and dial a
// second time itself.
const Timeout = 20 * time.Second

// Result is the outcome of a hand-over.
type Result struct {
	// Forwarded means the app took the request (or may have: see Err);
	// false means it surely did not, and the caller does the work itself.
	Forwarded bool
	// Err is the app's error message, or an error wrapping client.ErrNoReply
	// when the request went out and no answer came.
	Err error
}

// Forward sends args (["dial", "0221 4711"]) to the app at path ("" for
// the default) and prints its reply to stdout.
func Forward(ctx context.Context, path string, args []string, stdout io.Writer) Result {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	r, err := client.Send(ctx, path, client.Request{Args: args})
	switch {
	case errors.Is(err, client.ErrNoReply):
		return Result{Forwarded: true, Err: err}
	case err != nil:
		// Nobody listens, or the socket is unusable and the request never
		// left: a broken socket must not stop a dial.
		return Result{}
	case !r.OK:
		return Result{Forwarded: true, Err: errors.New(r.Message)}
	}
	fmt.Fprintln(stdout, r.Message)
	return Result{Forwarded: true}
}

// Early is the outcome of the hand-over init tried and left for main to
// finish; nil when init did not try (other arguments).
var Early *Result

// Plain returns the request of a command line that is certainly a plain
// hand-over, or nil. Flags (another phone, settings file or language)
// mean main must read them first.
func Plain(args []string) []string {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			return nil
		}
	}
	switch {
	case len(args) >= 2 && args[0] == "dial":
		return args
	case len(args) == 1 && IsDialURL(args[0]):
		return []string{"dial", args[0]}
	}
	return nil
}

// IsDialURL reports whether s is a click-to-call link deskcti dials.
func IsDialURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "tel:") || strings.HasPrefix(l, "callto:") || strings.HasPrefix(l, "sip:") || strings.HasPrefix(l, "sips:")
}

// try is init's hand-over: done reports that the process is finished with
// exit code code.
func try(args []string, stdout, stderr io.Writer) (done bool, code int) {
	req := Plain(args)
	if req == nil {
		return false, 0
	}
	r := Forward(context.Background(), "", req, stdout)
	switch {
	case !r.Forwarded:
		Early = &r // main dials itself without asking again
		return false, 0
	case r.Err == nil:
		return true, 0
	case errors.Is(r.Err, client.ErrNoReply):
		Early = &r // main explains it, in the user's language
		return false, 0
	}
	// The app's message is translated and explained already; main would
	// print it exactly so.
	fmt.Fprintln(stderr, "deskcti:", r.Err)
	return true, 1
}

func init() {
	if done, code := try(os.Args[1:], os.Stdout, os.Stderr); done {
		os.Exit(code)
	}
}
