// Package hotkey registers a global hotkey: a key combination that
// reaches deskcti whichever program has the focus. The app uses it for the
// Pause key, which dials the number selected in any program.
//
// Key and Mod name keys platform-neutrally; Parse and Format convert them
// to and from the text in the settings ("Pause", "Ctrl+Alt+D", "F15").
// Register returns a Hotkey whose Events channel gets one value per press
// (auto-repeat of a held key counts once); Unregister gives the key back.
//
// Per platform:
//
//   - Linux and the BSDs (X11): Register opens its own X connection with
//     github.com/jezek/xgb and grabs the key on the root window, once for
//     every combination of CapsLock, NumLock and ScrollLock (X matches a
//     grab's modifiers exactly, so without that the key would die whenever
//     NumLock is on). Another client's grab makes it fail with ErrTaken.
//     Because it does round trips on its own connection, call it from a
//     goroutine or at start-up, not from a Fyne callback on the UI thread.
//     A Wayland session without XWayland gets ErrUnsupported; with
//     XWayland, most compositors pass keys to an X client's grab only while
//     an X11 window has the focus, so the hotkey is not truly global there.
//     Tested under Xvfb with xdotool.
//   - Windows: RegisterHotKey on a goroutine locked to its own OS thread,
//     which runs a GetMessage loop for WM_HOTKEY until Unregister posts
//     WM_QUIT to it. MOD_NOREPEAT suppresses auto-repeat. Compiled in the
//     cross-build (go vet with GOOS=windows) but never run here: untested.
//   - macOS: Carbon RegisterEventHotKey (needs cgo; a build without cgo
//     returns ErrUnsupported). Presses are dispatched by the application's
//     main event loop. There is no Pause key: Default returns F15. Neither
//     compiled nor run here (no macOS cgo toolchain): untested.
package hotkey
