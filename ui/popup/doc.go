// Package popup shows the incoming-call pop-up (the "screen pop"): one small
// window per call with the caller as the address books know them, the call's
// state and timer, and buttons to answer, reject, hang up, hold, transfer,
// open the contact and run the user's actions.
//
// The Manager is fed every change of every call (calls.Call, from
// app.Live's listener) on the Fyne goroutine and keeps the windows in step:
// a new ringing or dialling call opens a window, later changes update it, and
// a finished call's window closes a few seconds after the end. Closing a
// window by hand only hides that call's pop-up; it never ends the call, and
// the call's later changes do not bring it back.
//
// A closed pop-up's window is hidden, not destroyed, and the next call's
// pop-up shows in it (up to two are kept): a new native window with its
// OpenGL context took most of the time from the phone's event to the
// pop-up on screen (see Manager.recycle). A reused window shows where the
// last pop-up was.
//
// # Placement and staying on top
//
// Fyne 2.7 cannot place a window at a screen position (only
// CenterOnScreen) and has no always-on-top call. The pop-ups therefore do not
// centre themselves: the system places each new window, and Windows
// (CW_USEDEFAULT), macOS (GLFW cascades new windows) and the common X11
// window managers cascade or smart-place them, so several ringing calls stack
// visibly instead of covering one another. Each pop-up has its own title
// ("Anruf von Gisela Müller") and its own fixed size, fitted to its content.
//
// With Options.OnTop the pop-up asks to stay above other windows: Fyne's
// desktop driver is GLFW 3.3 and creates the native window inside Show,
// on the main goroutine, without resetting GLFW's window hints, so the
// Manager sets GLFW's FLOATING hint just for that Show (floating_glfw.go);
// a reused window keeps what it was created with.
// That gives HWND_TOPMOST on Windows, NSFloatingWindowLevel on macOS and
// _NET_WM_STATE_ABOVE on X11 window managers that support it. It does not
// work on Wayland, which has no always-on-top for ordinary clients, nor
// under the headless test driver; and it relies on the Fyne internals just
// described: should a later Fyne reset the hints, the pop-up silently becomes
// an ordinary window. Without OnTop a new pop-up requests the focus instead,
// which most window managers answer by raising it.
package popup
