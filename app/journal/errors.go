package journal

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors that say why a journal cannot be used; test with errors.Is.
var (
	// ErrNotFound: no call with that id (never saved, or deleted).
	ErrNotFound = errors.New("no such call in the journal")
	// ErrNotDatabase: the file is not an SQLite database at all.
	ErrNotDatabase = errors.New("not an SQLite database")
	// ErrNotJournal: an SQLite database, but another program's.
	ErrNotJournal = errors.New("an SQLite database of another program, not a deskcti journal")
	// ErrCorrupt: SQLite reports the database as damaged.
	ErrCorrupt = errors.New("the database is damaged")
	// ErrNewerSchema: the journal was written by a newer deskcti. Not a
	// broken file: updating deskcti is the fix, Recover would lose calls.
	ErrNewerSchema = errors.New("written by a newer version of deskcti")
)

// BrokenError reports a journal file Open refused to use. The file was not
// modified; Recover moves it aside when the user agrees to start afresh.
type BrokenError struct {
	Path string
	Err  error
}

// Error names the file, says it was not touched, and why it was refused.
func (e *BrokenError) Error() string {
	return fmt.Sprintf("call journal %s is unusable and was left untouched: %v", e.Path, e.Err)
}

// Unwrap gives the reason: ErrNotDatabase, ErrNotJournal or ErrCorrupt.
func (e *BrokenError) Unwrap() error { return e.Err }

// classify turns SQLite's "not a database" and "corrupt" results into the
// sentinels above, keeping SQLite's own message for the details.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff { // extended result codes carry the primary one in the low byte
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %v", ErrNotDatabase, err)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return err
}

// isBroken reports whether classify recognised err as a damaged file.
func isBroken(err error) bool {
	return errors.Is(err, ErrNotDatabase) || errors.Is(err, ErrCorrupt)
}
