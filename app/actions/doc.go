// Package actions runs the user's own actions when a call event arrives,
// the "CRM hook": on an incoming call open the CRM's search page for the
// number, on a finished call run a program that logs it.
//
// Each [[action]] in the settings names the events it reacts to
// (phone.EventKind names: incoming, outgoing, connected, disconnected,
// missed, …) and either a URL template to open or a program to run with
// arguments. Placeholders {number} {e164} {name} {company} {display}
// {extension} {source} {call_id} {direction} {event} are filled from Vars;
// "{{" writes a literal brace.
//
// Every value may come from the caller (a display name is whatever the
// other side's phone system sends), so the package's first job is that no
// value can become code or change where a URL points:
//
//   - programs are started with os/exec, never through a shell; the program
//     is a fixed string without placeholders, and each argument is expanded
//     on its own, so `"; rm -rf ~`, `$(reboot)` or a newline in a name stay
//     one argument, byte for byte;
//   - a value that would make an argument start with "-" is refused unless
//     a "--" argument comes before it, so a caller cannot pass options;
//   - shells and interpreters named as the program may receive placeholders
//     only after their code or script (sh -c 'crm "$1"' sh {number}), and
//     cmd.exe and batch files, which re-parse their whole command line, not
//     at all;
//   - URL values are escaped for their position (url.QueryEscape in the
//     query, url.PathEscape in the path, everything but letters and digits
//     in the fragment, where single-page CRMs route), placeholders may not
//     stand in the scheme or host, and an expanded URL whose scheme, user or
//     host differs from the template's is refused; what remains goes through
//     platform/open, which opens only http, https, mailto, tel, callto, sip
//     and local document files.
//
// Runner.Fire never blocks: one event's actions run in order on a goroutine
// of their own. A program is waited for (and killed with everything it
// started after its timeout, 30 s by default) unless wait = false; its
// output goes to the log, a few KiB at most, and a non-zero exit becomes an
// error carrying the first line of stderr. Errors arrive on Runner.Errors
// for the UI, and are logged.
package actions
