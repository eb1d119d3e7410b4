package journalwin

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"deskcti/app/calls"
	"deskcti/app/i18n"
	"deskcti/contacts/number"
)

// formatWhen is the start time as the list shows it: the time alone today,
// "Yesterday" and the time, the day and time this year, else with the year.
func (w *Window) formatWhen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	now := w.now()
	t = t.In(now.Location())
	clock := t.Format(i18n.T("journalwin.layout.time"))
	y, m, d := t.Date()
	switch ny, nm, nd := now.Date(); {
	case y == ny && m == nm && d == nd:
		return clock
	case sameDay(t, now.AddDate(0, 0, -1)):
		return i18n.T("journalwin.yesterday", clock)
	case y == ny:
		return t.Format(i18n.T("journalwin.layout.date"))
	}
	return t.Format(i18n.T("journalwin.layout.year"))
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// formatFull is a time with date and seconds, for the details.
func (w *Window) formatFull(t time.Time) string {
	return t.In(w.now().Location()).Format(i18n.T("journalwin.layout.full"))
}

// dialable reports whether the call has a number to call back or copy
// (not "anonymous", not empty).
func dialable(c calls.Call) bool {
	return strings.TrimLeft(number.Digits(c.RemoteE164+c.Remote), "+") != ""
}

// number is the remote number as the list shows it, in the form the
// country-code switch asks for.
func (w *Window) number(c calls.Call) string {
	if !dialable(c) {
		return i18n.T("journalwin.anonymous")
	}
	if w.h.Format != nil {
		return w.h.Format(c, w.withCC)
	}
	if w.withCC && c.RemoteE164 != "" {
		return c.RemoteE164
	}
	return number.StripURI(c.Remote)
}

// who names the other party in one phrase, for dialogs.
func (w *Window) who(c calls.Call) string {
	switch {
	case c.Contact != nil && c.Contact.Name != "":
		return c.Contact.Name
	case c.Contact != nil && c.Contact.Company != "":
		return c.Contact.Company
	case strings.TrimSpace(c.Display) != "":
		return c.Display
	}
	return w.number(c)
}

// stateText says what happened to the call: "Incoming call, missed".
func stateText(c calls.Call) string {
	dir := i18n.T("journalwin.dir.in")
	if c.Direction == calls.Outgoing {
		dir = i18n.T("journalwin.dir.out")
	}
	key := "journalwin.state." + string(c.State)
	if c.State == calls.Rejected && c.Direction == calls.Outgoing {
		key = "journalwin.state.rejected.out"
	}
	if c.State == "" {
		return dir
	}
	return dir + ", " + i18n.T(key)
}

// details are the lines an expanded row shows: what happened, who it was
// and how the address book found them, the number in full, times, note.
func (w *Window) details(c calls.Call) string {
	lines := []string{stateText(c)}
	if ct := c.Contact; ct != nil {
		who := strings.Join(nonEmpty(ct.Name, ct.Company), ", ")
		if ct.Extension != "" {
			who += ", " + i18n.T("journalwin.detail.extension", ct.Extension)
		}
		lines = append(lines, i18n.T("journalwin.detail.contact", who))
		match := ct.Match // a kind this window does not know yet shows as is
		switch ct.Match {
		case "exact", "head", "suffix":
			match = i18n.T("journalwin.match." + ct.Match)
		}
		lines = append(lines, strings.Join(nonEmpty(sourceText(ct.Source), match), " · "))
	} else {
		lines = append(lines, i18n.T("journalwin.detail.nocontact"))
	}
	nums := nonEmpty(number.StripURI(c.Remote))
	if c.RemoteE164 != "" && c.RemoteE164 != number.StripURI(c.Remote) {
		nums = append(nums, c.RemoteE164)
	}
	if len(nums) > 0 {
		lines = append(lines, i18n.T("journalwin.detail.number", strings.Join(nums, " · ")))
	}
	if c.Display != "" && (c.Contact == nil || c.Display != c.Contact.Name) {
		lines = append(lines, i18n.T("journalwin.detail.display", c.Display))
	}
	when := i18n.T("journalwin.detail.start", w.formatFull(c.Start))
	if !c.Answer.IsZero() {
		when += " · " + i18n.T("journalwin.detail.duration", formatDuration(c.Duration(w.now())))
	}
	lines = append(lines, when)
	if c.TransferredTo != "" {
		lines = append(lines, i18n.T("journalwin.detail.transferred", c.TransferredTo))
	}
	if c.Phone != "" {
		lines = append(lines, i18n.T("journalwin.detail.phone", c.Phone))
	}
	if note := strings.TrimSpace(c.Note); note != "" {
		noteLines := strings.Split(note, "\n")
		if len(noteLines) > 4 {
			noteLines = append(noteLines[:4], "…")
		}
		lines = append(lines, i18n.T("journalwin.detail.note", strings.Join(noteLines, "\n    ")))
	}
	return strings.Join(lines, "\n")
}

// sourceText names an address book by its type and what a user
// recognises: the file name of a file ("csv:/home/u/kontakte.csv"), the
// server of a directory ("carddav:https://cloud.example.de/dav/").
func sourceText(src string) string {
	if src == "" {
		return ""
	}
	if kind, where, ok := strings.Cut(src, ":"); ok {
		if u, err := url.Parse(where); err == nil && u.Host != "" {
			where = u.Host
		} else if i := strings.LastIndexAny(where, `/\`); i >= 0 && i < len(where)-1 {
			where = where[i+1:]
		}
		src = kind + ": " + where
	}
	return i18n.T("journalwin.detail.source", src)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// formatDuration is a talk time as a clock shows it: "3:07", "1:02:03".
func formatDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
