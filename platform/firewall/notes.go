package firewall

import "strings"

// Note is one statement of what Check saw, as a message key and the
// values its text shows. The texts are in the translation catalogs
// (assets/translations/firewall.*.json), which platform packages cannot
// read, so Check only names them and Status.Describe renders them.
type Note struct {
	// Key is the message key, one of Keys.
	Key string
	// Args are shown as they are, never translated: firewall, profile,
	// zone, chain and table names, ports, rule texts, program paths,
	// interface names, the error texts of commands.
	Args []string
	// Notes are translated phrases inside this one ("rule "…" in inet
	// filter input" inside "nftables drops new connections …"): each is
	// rendered and fills one %s after those of Args.
	Notes []Note
}

// note is a Note without nested notes.
func note(key string, args ...string) Note { return Note{Key: key, Args: args} }

// Describe says in one line what Check saw, in the language of tr, which
// looks a key up and formats the values into its text with fmt verbs (as
// i18n.T does). The notes are rendered in order and joined by blanks.
func (s Status) Describe(tr func(key string, args ...any) string) string {
	parts := make([]string, 0, len(s.Notes))
	for _, n := range s.Notes {
		if t := n.render(tr); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// render formats one note; a note without a key says nothing.
func (n Note) render(tr func(key string, args ...any) string) string {
	if n.Key == "" {
		return ""
	}
	args := make([]any, 0, len(n.Args)+len(n.Notes))
	for _, a := range n.Args {
		args = append(args, a)
	}
	for _, sub := range n.Notes {
		args = append(args, sub.render(tr))
	}
	return tr(n.Key, args...)
}

// because says why a command gave no answer, as a note that follows the
// one saying what could not be read; none when the reason is unknown.
func because(r result) []Note {
	switch {
	case r.denied:
		return []Note{note(keyBecauseRoot)}
	case r.missing:
		return []Note{note(keyBecauseMissing)}
	case r.err != nil:
		return []Note{note(keyBecauseError, r.err.Error())}
	}
	return nil
}

// unreadTool names a tool whose rules could not be read, and why; r is a
// failed command, so r.err is set.
func unreadTool(tool string, r result) Note {
	switch {
	case r.denied:
		return note(keyToolNeedsRoot, tool)
	case r.missing:
		return note(keyToolMissing, tool)
	}
	msg := ""
	if r.err != nil {
		msg = r.err.Error()
	}
	return note(keyToolError, tool, msg)
}

// then is n followed by more notes.
func then(n Note, more ...Note) []Note { return append([]Note{n}, more...) }

// only says under which conditions of the sender an allowing rule applies:
// the interface the packet comes in on, the address it comes from.
func only(iface, from string) []Note {
	switch {
	case iface != "" && from != "":
		return []Note{note(keyOnlyOnFrom, iface, from)}
	case iface != "":
		return []Note{note(keyOnlyOn, iface)}
	case from != "":
		return []Note{note(keyOnlyFrom, from)}
	}
	return nil
}
