// Package ui is deskcti's desktop interface in Fyne: tray menu, call pop-up,
// dial box, journal, settings and the Test dialog. It only renders state from
// package app and calls app's methods; it is the one package (with cmd)
// that imports Fyne. The UI arrives with issue 5.
package ui
