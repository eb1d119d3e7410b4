package journalwin

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"deskcti/app/calls"
)

// The call icons are the Material Design handset (Apache License 2.0, as
// Fyne's own icons) with a mark in its free corner: arrow in, arrow out,
// rays (ringing), sound waves (talking), pause bars (held), the bent arrow
// (missed) and a cross (rejected). Fyne has no phone icons of its own.
//
//go:embed icons/*.svg
var iconFiles embed.FS

func icon(name string) fyne.Resource {
	data, err := iconFiles.ReadFile("icons/" + name + ".svg")
	if err != nil {
		panic("journalwin: missing embedded icon " + name) // the embed pattern guarantees it
	}
	return fyne.NewStaticResource("journalwin-"+name+".svg", data)
}

// The icons, coloured by the theme: the accent colour for calls going on,
// red for missed ones (seed 004 and every phone's call list).
var (
	iconIn       = theme.NewThemedResource(icon("call-in"))
	iconOut      = theme.NewThemedResource(icon("call-out"))
	iconRejected = theme.NewThemedResource(icon("call-rejected"))
	iconMissed   = theme.NewErrorThemedResource(icon("call-missed"))
	iconRinging  = theme.NewPrimaryThemedResource(icon("call-ringing"))
	iconDialing  = theme.NewPrimaryThemedResource(icon("call-out"))
	iconTalking  = theme.NewSuccessThemedResource(icon("call-talk"))
	iconHeld     = theme.NewPrimaryThemedResource(icon("call-held"))
	iconDial     = theme.NewThemedResource(icon("call-out"))
)

// stateIcon is the icon of a call's direction and state.
func stateIcon(c calls.Call) fyne.Resource {
	switch c.State {
	case calls.Ringing:
		return iconRinging
	case calls.Dialing:
		return iconDialing
	case calls.Connected:
		return iconTalking
	case calls.Held:
		return iconHeld
	case calls.Missed:
		return iconMissed
	case calls.Rejected:
		return iconRejected
	}
	if c.Direction == calls.Outgoing {
		return iconOut
	}
	return iconIn
}

// dialIcon is the call-back button's icon.
func dialIcon() fyne.Resource { return iconDial }

// exportIcon is the CSV export button's icon.
func exportIcon() fyne.Resource { return theme.DocumentSaveIcon() }
