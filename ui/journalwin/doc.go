// Package journalwin is the call journal window (seed 004, "Das Telefonie
// Journal"): every call, newest first, with an icon for its direction and
// state, the number with or without country code, the matched contact in
// the accent colour, and per call: call back, open the contact, a note,
// copy the number, delete. Filters (missed, today, search text) and the
// CSV export run their queries on a goroutine so that a journal of 100,000
// calls never blocks the window.
//
// The window knows nothing of the journal itself: it gets functions in
// Handlers, so that package ui wires it to app and tests wire fakes.
// Sample builds a filled window without any backend, for screenshots.
package journalwin
