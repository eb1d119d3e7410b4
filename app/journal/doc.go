// Package journal is deskcti's call journal: every call the tracker folds
// from the phone's events, kept in one SQLite file in the user's data
// directory (see DefaultPath), searchable, annotatable and exportable as CSV.
//
// # Durability
//
// The file runs in WAL mode with synchronous=FULL: once Save returns, the
// call is in the write-ahead log and fsynced, so neither a killed process
// nor a power cut loses it. synchronous=NORMAL would survive a kill too but
// may drop the last commits on power loss, and a journal writes a handful
// of rows per call, so the one fsync per Save costs nothing a user notices.
// On macOS fullfsync makes that fsync reach the disk platter as well.
//
// # Concurrency
//
// A Journal is safe for concurrent use. Writes go through one pooled
// connection, so goroutines of this process queue in database/sql (honouring
// their contexts) instead of spinning in SQLite's busy handler; reads use a
// separate pool of query-only connections that WAL lets run alongside the
// writer. busy_timeout (5 s) covers the other process: `deskcti journal`
// started while the tray app runs.
//
// # Broken files
//
// Open never writes to a file it has not recognised as a deskcti journal:
// garbage, another program's SQLite database or a damaged one is reported as
// *BrokenError naming the file, and stays as it is. Recover moves it (and
// its -wal and -shm companions) aside so that the next Open starts afresh.
//
// # The file
//
// One table, calls: the contact's fields as columns (all NULL when nobody
// matched), times as UTC unix milliseconds (NULL for "never"/"not yet"),
// indexed by start time (the journal window, retention) and by phone and
// key (FindOpen; OpenCalls hands the calls not over yet to the tracker
// after a restart). schema_version records the migrations
// applied; they run in order, all in one transaction, and a journal from a
// newer deskcti is refused (ErrNewerSchema) rather than touched. The file
// and its -wal are mode 0600; on Windows the per-user %LocalAppData%
// provides the privacy instead.
//
// # Notes
//
// The note belongs to the user: it is written by SetNote, and by Save only
// when Save inserts. Save's updates, which the tracker makes on every call
// event, keep the stored note (and copy it into the call), so a note typed
// during a call is never overwritten by the call's next state change.
package journal
