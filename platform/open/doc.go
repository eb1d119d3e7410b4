// Package open hands a URL to the user's default handler for it: the web
// browser for http and https, the mail program for mailto, the softphone or
// deskcti itself for tel, callto and sip, the matching viewer for a local
// document.
//
// Everything that reaches URL may come from a caller (a display name in a
// CRM link) or from a settings file, so the package is strict about what it
// opens:
//
//   - only the schemes http, https, mailto, tel, callto, sip and file; never
//     javascript:, data:, a registered custom protocol or a bare program
//     path such as /usr/bin/xterm or C:\Windows\calc.exe;
//   - a file URL must be local (no host, so no SMB share that leaks the
//     user's Windows credentials) and must not name a program, script,
//     installer or shortcut, by extension on every system and, on Unix, by
//     its executable bits;
//   - no shell is involved: the URL is one argument of xdg-open (falling
//     back to gio open, then sensible-browser) on Linux and the BSDs, of
//     open on macOS, and a ShellExecute call on Windows.
//
// The launcher is started in its own session with the caller's environment
// and is never waited for beyond a short settling time: a launcher that
// fails at once is reported with the first line it wrote to stderr, one
// that keeps running (xdg-open's generic mode runs the browser in the
// foreground) is left alone and reaped in the background.
//
// Code that opens URLs holds an Opener (URL by default) so that its tests
// can substitute a Recorder and never start a browser.
package open
