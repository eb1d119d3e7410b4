// Package assets holds what deskcti embeds into its binary: translations,
// the sample address book and the icons.
package assets

import "embed"

// Translations holds flat JSON objects per language (en.json, de.json, and
// parts such as popup.de.json, merged)
// mapping message keys to text with fmt verbs. The flat shape is also what
// Fyne's lang package reads, so the UI can load the same files.
//
//go:embed translations/*.json
var Translations embed.FS

// DemoContacts is the sample address book of `deskcti demo` (vCard 3.0):
// a few callers of a German office, one reachable through a company head
// number, one internal extension.
//
//go:embed demo/kontakte.vcf
var DemoContacts []byte

// AppIcon is the application icon (SVG): the window icon, and the source
// the packaging renders the hicolor PNG sizes and the Windows .ico from.
//
//go:embed icons/deskcti.svg
var AppIcon []byte

// TrayIcons holds the tray icon of each state (starting, connected,
// unreachable, dnd) twice: icons/tray/light/<state>.svg, a dark handset for
// light panels, and icons/tray/dark/<state>.svg, a light handset for dark
// panels. A white-outlined dark icon alone disappears into the black
// panels of GNOME and Windows 11; a light one into KDE's and macOS's light
// ones.
//
//go:embed icons/tray/light/*.svg icons/tray/dark/*.svg
var TrayIcons embed.FS
