// Package ui is deskcti's desktop interface in Fyne. Desk wires the event
// pipeline of package app (receiver, tracker, journal, actions) to the
// windows, each its own package: popup (the screen pop), dialbox, journalwin,
// settings (and the first-run wizard), testdialog and tray. It only renders
// state from app and calls app's methods; with cmd it is the only code that
// imports Fyne. RunDemo runs the whole app against the phone emulator.
//
// Threading: everything that touches a widget runs on Fyne's goroutine;
// events, phone answers and searches arrive through mainloop.Do, which also
// wakes Fyne's loop from its naps while every window is hidden.
package ui
