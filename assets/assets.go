// Package assets holds what deskcti embeds into its binary: translations
// today, icons once the desktop UI lands.
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
