package journal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Journal is an open call journal. Close it when done.
type Journal struct {
	path string
	// w is the only connection that writes (MaxOpenConns 1): Go queues the
	// writers, so they never meet SQLITE_BUSY from each other.
	w *sql.DB
	// r holds query-only connections; in WAL mode they read a consistent
	// snapshot while w writes.
	r *sql.DB

	smu      sync.Mutex
	ins, upd *sql.Stmt // Save's statements on w, prepared on first use
}

const (
	// appID marks the file as a deskcti journal in the SQLite header
	// (PRAGMA application_id), so another program's database is recognised.
	appID = 0x64637469 // "dcti"
	// readers is the read pool's size: the UI list, search and the tracker's
	// FindOpen at once are plenty.
	readers = 4
)

// Every connection: wait up to 5 s for another process's lock; commit with
// an fsync of the WAL (see doc.go); fsync for real on macOS (F_FULLFSYNC;
// ignored elsewhere); enforce foreign keys; never run code a schema might
// smuggle in (triggers, views on functions) of a file someone else
// prepared; and shrink the WAL back to 8 MiB after a big Prune instead of
// keeping its largest size for ever.
const basePragmas = "_pragma=busy_timeout(5000)&_pragma=synchronous(FULL)&_pragma=fullfsync(1)" +
	"&_pragma=checkpoint_fullfsync(1)&_pragma=foreign_keys(1)&_pragma=trusted_schema(0)" +
	"&_pragma=journal_size_limit(8388608)"

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the journal at path, creating it (mode 0600) and bringing its
// schema up to date. A file that is not a deskcti journal, or is damaged,
// gives a *BrokenError naming it and is not touched; a journal from a newer
// deskcti gives ErrNewerSchema.
func Open(path string) (*Journal, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open call journal %s: %w", path, err)
	}
	// The driver splits its DSN at the first '?': a path holding one would
	// open a different file.
	if strings.ContainsRune(abs, '?') {
		return nil, fmt.Errorf("open call journal %s: the path must not contain '?'", abs)
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	if err := createFile(abs); err != nil {
		return nil, err
	}
	ctx := context.Background()
	w, err := openPool(abs, "&_txlock=immediate", 1)
	if err != nil {
		return nil, err
	}
	if err := prepare(ctx, w, abs); err != nil {
		w.Close()
		return nil, err
	}
	r, err := openPool(abs, "&_pragma=query_only(1)", readers)
	if err == nil {
		err = r.PingContext(ctx)
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open call journal %s: %w", abs, err)
	}
	return &Journal{path: abs, w: w, r: r}, nil
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// Close closes the journal. The writer goes last, so that it is the one
// that checkpoints the WAL into the database file.
func (j *Journal) Close() error {
	rerr := j.r.Close()
	j.smu.Lock()
	for _, st := range []*sql.Stmt{j.ins, j.upd} {
		if st != nil {
			st.Close()
		}
	}
	j.smu.Unlock()
	if err := j.w.Close(); err != nil {
		return fmt.Errorf("close call journal %s: %w", j.path, err)
	}
	if rerr != nil {
		return fmt.Errorf("close call journal %s: %w", j.path, rerr)
	}
	return nil
}

// Check runs SQLite's integrity check, for the self-test and after a crash.
func (j *Journal) Check(ctx context.Context) error {
	rows, err := j.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("check call journal %s: %w", j.path, classify(err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("check call journal %s: %w", j.path, err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check call journal %s: %w", j.path, classify(err))
	}
	if len(problems) > 0 {
		return fmt.Errorf("check call journal %s: %w: %s", j.path, ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}

// checkHeader refuses a non-empty file that does not start like an SQLite
// database before SQLite gets to see it, so that no -wal or -shm file
// appears next to it and nothing in it can change.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open call journal %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && errors.Is(err, io.EOF) {
		return nil // empty: a new journal
	}
	if n < len(head) || !bytes.Equal(head, sqliteHeader) {
		return &BrokenError{Path: path, Err: ErrNotDatabase}
	}
	return nil
}

// createFile makes a missing journal file with mode 0600 (SQLite would use
// 0644), so that the calls are the user's alone; SQLite gives the -wal and
// -shm files the database file's mode.
func createFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create call journal %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create call journal %s: %w", path, err)
	}
	return nil
}

func openPool(path, extra string, conns int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path+"?"+basePragmas+extra)
	if err != nil {
		return nil, fmt.Errorf("open call journal %s: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	// Keep connections: each new one re-reads the schema and the WAL index.
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// prepare recognises the file with reads only, and only then switches it to
// WAL, migrates it and tightens its mode.
func prepare(ctx context.Context, w *sql.DB, path string) error {
	if _, err := inspect(ctx, w); err != nil {
		return wrapOpen(path, err)
	}
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return wrapOpen(path, classify(err))
	}
	// A file system without shared memory (some network shares) keeps the
	// rollback journal: slower for readers, just as durable with FULL.
	if err := migrate(ctx, w); err != nil {
		return wrapOpen(path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("open call journal %s: %w", path, err)
	}
	return nil
}

func wrapOpen(path string, err error) error {
	if isBroken(err) || errors.Is(err, ErrNotJournal) {
		return &BrokenError{Path: path, Err: err}
	}
	return fmt.Errorf("open call journal %s: %w", path, err)
}
