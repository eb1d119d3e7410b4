package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"deskcti/app/calls"
)

// columns is the order scanCall reads.
const columns = `id, key, call_id, phone, direction, state, remote, remote_e164, display,
	contact_name, contact_company, contact_source, contact_match, contact_extension,
	start_ms, answer_ms, end_ms, transferred_to, note`

// insertSQL takes values(c) and the note.
const insertSQL = `INSERT INTO calls (key, call_id, phone, direction, state, remote, remote_e164,
	display, contact_name, contact_company, contact_source, contact_match, contact_extension,
	start_ms, answer_ms, end_ms, transferred_to, note)
	VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

// Save writes c: a new row when c.ID is 0 (and sets c.ID), else an update
// of that row (ErrNotFound when it was deleted meanwhile). Each Save is one
// transaction, durable when Save returns. An update keeps the stored note
// and copies it into c; notes change through SetNote.
func (j *Journal) Save(ctx context.Context, c *calls.Call) error {
	if c == nil {
		return errors.New("journal save: nil call")
	}
	if err := validate(c); err != nil {
		return fmt.Errorf("journal save: %w", err)
	}
	tx, err := j.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("journal save: %w", classify(err))
	}
	defer tx.Rollback()
	id, note := c.ID, c.Note
	if id == 0 {
		res, err := tx.ExecContext(ctx, insertSQL, append(values(c), c.Note)...)
		if err != nil {
			return fmt.Errorf("journal save: %w", classify(err))
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("journal save: %w", err)
		}
	} else {
		err := tx.QueryRowContext(ctx, `UPDATE calls SET key=?, call_id=?, phone=?, direction=?, state=?,
			remote=?, remote_e164=?, display=?, contact_name=?, contact_company=?, contact_source=?,
			contact_match=?, contact_extension=?, start_ms=?, answer_ms=?, end_ms=?, transferred_to=?
			WHERE id=? RETURNING note`, append(values(c), id)...).Scan(&note)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("journal save call %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("journal save call %d: %w", id, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("journal save: %w", classify(err))
	}
	c.ID, c.Note = id, note
	return nil
}

// validate refuses what the tracker never produces, so that a bug shows at
// the write and not as an unfindable row later.
func validate(c *calls.Call) error {
	switch c.Direction {
	case calls.Incoming, calls.Outgoing:
	default:
		return fmt.Errorf("direction %q is neither %q nor %q", c.Direction, calls.Incoming, calls.Outgoing)
	}
	switch c.State {
	case calls.Ringing, calls.Dialing, calls.Connected, calls.Held, calls.Ended, calls.Missed, calls.Rejected:
	default:
		return fmt.Errorf("unknown call state %q", c.State)
	}
	return nil
}

// values are c's columns from key to transferred_to, in the order of the
// INSERT and UPDATE above.
func values(c *calls.Call) []any {
	var name, company, source, match, ext any // nil: no contact
	if ct := c.Contact; ct != nil {
		name, company, source, match, ext = ct.Name, ct.Company, ct.Source, ct.Match, ct.Extension
	}
	return []any{c.Key, c.CallID, c.Phone, string(c.Direction), string(c.State), c.Remote,
		c.RemoteE164, c.Display, name, company, source, match, ext,
		millis(c.Start), millis(c.Answer), millis(c.End), c.TransferredTo}
}

// millis stores t as UTC unix milliseconds, the zero time as NULL.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMillis(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64)
}

type scanner interface{ Scan(...any) error }

// scanCall reads one row of columns. Times come back in time.Local,
// truncated to the millisecond.
func scanCall(s scanner) (calls.Call, error) {
	var c calls.Call
	var dir, state string
	var name, company, source, match, ext sql.NullString
	var start, answer, end sql.NullInt64
	err := s.Scan(&c.ID, &c.Key, &c.CallID, &c.Phone, &dir, &state, &c.Remote, &c.RemoteE164,
		&c.Display, &name, &company, &source, &match, &ext, &start, &answer, &end,
		&c.TransferredTo, &c.Note)
	if err != nil {
		return calls.Call{}, err
	}
	c.Direction, c.State = calls.Direction(dir), calls.State(state)
	if name.Valid {
		c.Contact = &calls.Contact{Name: name.String, Company: company.String,
			Source: source.String, Match: match.String, Extension: ext.String}
	}
	c.Start, c.Answer, c.End = fromMillis(start), fromMillis(answer), fromMillis(end)
	return c, nil
}

// Get returns the call with that id, or ErrNotFound. Times come back in
// time.Local, to the millisecond; the journal stores them as UTC.
func (j *Journal) Get(ctx context.Context, id int64) (calls.Call, error) {
	c, err := scanCall(j.r.QueryRowContext(ctx, "SELECT "+columns+" FROM calls WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return calls.Call{}, fmt.Errorf("journal get call %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return calls.Call{}, fmt.Errorf("journal get call %d: %w", id, classify(err))
	}
	return c, nil
}

// findOpenSQL takes phone, key and the three final states.
const findOpenSQL = "SELECT " + columns + ` FROM calls
	WHERE phone = ? AND key = ? AND state NOT IN (?, ?, ?)
	ORDER BY start_ms DESC, id DESC LIMIT 1`

// FindOpen returns the latest call on phone with key that is not over yet:
// after a restart mid-call the tracker picks it up instead of starting a
// second row for the same call.
func (j *Journal) FindOpen(ctx context.Context, phone, key string) (calls.Call, bool, error) {
	c, err := scanCall(j.r.QueryRowContext(ctx, findOpenSQL,
		phone, key, string(calls.Ended), string(calls.Missed), string(calls.Rejected)))
	if errors.Is(err, sql.ErrNoRows) {
		return calls.Call{}, false, nil
	}
	if err != nil {
		return calls.Call{}, false, fmt.Errorf("journal find open call %q on %q: %w", key, phone, classify(err))
	}
	return c, true, nil
}

// SetNote replaces the note of call id.
func (j *Journal) SetNote(ctx context.Context, id int64, note string) error {
	res, err := j.w.ExecContext(ctx, "UPDATE calls SET note = ? WHERE id = ?", note, id)
	if err != nil {
		return fmt.Errorf("journal set note of call %d: %w", id, classify(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("journal set note of call %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("journal set note of call %d: %w", id, ErrNotFound)
	}
	return nil
}

// Delete removes the calls with these ids, all or none; ids not in the
// journal are ignored (deleting twice is not an error).
func (j *Journal) Delete(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	tx, err := j.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("journal delete: %w", classify(err))
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "DELETE FROM calls WHERE id = ?")
	if err != nil {
		return fmt.Errorf("journal delete: %w", classify(err))
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("journal delete call %d: %w", id, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("journal delete: %w", classify(err))
	}
	return nil
}

// Prune deletes the calls that started before olderThan (retention) and
// says how many. Calls without a start time are kept: their age is unknown.
func (j *Journal) Prune(ctx context.Context, olderThan time.Time) (int, error) {
	res, err := j.w.ExecContext(ctx, "DELETE FROM calls WHERE start_ms < ?", olderThan.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("journal prune before %s: %w", olderThan.Format(time.RFC3339), classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("journal prune: %w", err)
	}
	return int(n), nil
}
