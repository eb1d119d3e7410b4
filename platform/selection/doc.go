// Package selection reads the text the user has selected in any program,
// so that pressing the Pause key can dial a number marked in a mail, an
// ERP screen or a PDF.
//
// How each system gets at the selection, and how sure we are of it:
//
//   - Linux and other X11 systems (x11.go): the X selection protocol over
//     github.com/jezek/xgb, without simulated key presses. PRIMARY is what
//     X11 programs hold as "the selected text"; when it has no owner or
//     yields no text, CLIPBOARD is used. Tested against a real X server
//     (Xvfb) with xclip and with hand-written selection owners. A pure
//     Wayland session (no XWayland, no $DISPLAY) has no protocol that lets
//     an unfocused program read the selection, so Text returns
//     ErrUnsupported there.
//   - Windows (windows.go): the selection is copied with a simulated
//     Ctrl+C (SendInput) and read from the clipboard, whose previous text
//     is put back afterwards. Only CF_UNICODETEXT is saved and restored:
//     an image or file list on the clipboard before the Pause key is lost.
//     Compiled (GOOS=windows go vet) but NOT run in this repository's
//     tests: there is no Windows machine here.
//   - macOS (darwin.go, cgo): the accessibility attribute AXSelectedText
//     of the focused element, else a simulated Cmd+C with the same
//     save-and-restore of the pasteboard text. Both need the app to be
//     granted Accessibility access in System Settings. NOT compiled or run
//     here (no macOS toolchain); a build without cgo returns
//     ErrUnsupported.
package selection
