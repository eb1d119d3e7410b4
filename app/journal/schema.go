package journal

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations[i] brings the schema from version i to i+1. Append only: a
// released migration never changes, because journals out there already ran
// it.
var migrations = [][]string{
	{ // 1: calls
		`CREATE TABLE schema_version (
			version    INTEGER PRIMARY KEY,
			applied_ms INTEGER NOT NULL
		)`,
		// AUTOINCREMENT: an id is never reused after a delete, so an id the
		// UI or a CLI user still holds cannot come to mean another call.
		// Contact columns are all NULL when nobody matched (Contact nil).
		// Times are UTC unix milliseconds, NULL for "not yet"/"never".
		`CREATE TABLE calls (
			id                INTEGER PRIMARY KEY AUTOINCREMENT,
			key               TEXT NOT NULL,
			call_id           TEXT NOT NULL,
			phone             TEXT NOT NULL,
			direction         TEXT NOT NULL,
			state             TEXT NOT NULL,
			remote            TEXT NOT NULL,
			remote_e164       TEXT NOT NULL,
			display           TEXT NOT NULL,
			contact_name      TEXT,
			contact_company   TEXT,
			contact_source    TEXT,
			contact_match     TEXT,
			contact_extension TEXT,
			start_ms          INTEGER,
			answer_ms         INTEGER,
			end_ms            INTEGER,
			transferred_to    TEXT NOT NULL,
			note              TEXT NOT NULL
		)`,
		`CREATE INDEX calls_start ON calls (start_ms)`,
		`CREATE INDEX calls_phone_key ON calls (phone, key)`,
		fmt.Sprintf(`PRAGMA application_id = %d`, appID),
	},
}

// inspect reads, without writing, what the file is: its schema version (0
// for an empty file), or ErrNotJournal / a classified SQLite error.
func inspect(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var id int64
	if err := q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return 0, classify(err)
	}
	var objects int
	if err := q.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").Scan(&objects); err != nil {
		return 0, classify(err)
	}
	switch {
	case id == 0 && objects == 0:
		return 0, nil
	case id != appID:
		return 0, fmt.Errorf("%w (application id %#x, %d tables, indices or views)", ErrNotJournal, id, objects)
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&v); err != nil {
		return 0, classify(err)
	}
	return int(v.Int64), nil
}

// migrate applies the missing migrations in one IMMEDIATE transaction (the
// writer pool's _txlock): a second deskcti opening the same file at the same
// moment waits and then finds the work done.
func migrate(ctx context.Context, w *sql.DB) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	defer tx.Rollback()
	v, err := inspect(ctx, tx)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("%w: schema version %d, this deskcti knows up to %d; update deskcti", ErrNewerSchema, v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	for i := v; i < len(migrations); i++ {
		for _, stmt := range migrations[i] {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migrate to version %d: %w", i+1, classify(err))
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)",
			i+1, time.Now().UnixMilli()); err != nil {
			return fmt.Errorf("migrate to version %d: %w", i+1, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	return nil
}
