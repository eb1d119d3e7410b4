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
	if errs := j.SaveAll(ctx, []*calls.Call{c}); errs != nil {
		return errs[0]
	}
	return nil
}

// SaveAll writes every call as Save does, all in one transaction: one
// fsync for the lot, which is how the journal keeps up with a burst of
// call events (group commit). It returns nil when every call was written,
// else one error per call, nil for those written. A call that cannot be
// written (invalid, its row deleted meanwhile) does not stop the others;
// an error of the database itself writes none and is returned for all.
func (j *Journal) SaveAll(ctx context.Context, cs []*calls.Call) []error {
	errs := make([]error, len(cs))
	all := func(err error) []error {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	ins, upd, err := j.statements(ctx)
	if err != nil {
		return all(fmt.Errorf("journal save: %w", classify(err)))
	}
	tx, err := j.w.BeginTx(ctx, nil)
	if err != nil {
		return all(fmt.Errorf("journal save: %w", classify(err)))
	}
	defer tx.Rollback()
	st := &txStmts{tx: tx, ins: ins, upd: upd}
	ids, notes := make([]int64, len(cs)), make([]string, len(cs))
	failed := false
	for i, c := range cs {
		ids[i], notes[i], errs[i] = st.save(ctx, c)
		if errs[i] == nil {
			continue
		}
		failed = true
		var rowErr *rowError
		if !errors.As(errs[i], &rowErr) {
			return all(errs[i]) // the transaction cannot go on
		}
		errs[i] = rowErr.err
	}
	if err := tx.Commit(); err != nil {
		return all(fmt.Errorf("journal save: %w", classify(err)))
	}
	for i, c := range cs {
		if errs[i] == nil {
			c.ID, c.Note = ids[i], notes[i]
		}
	}
	if !failed {
		return nil
	}
	return errs
}

// rowError is a call save could not write while the transaction stays
// usable for the others.
type rowError struct{ err error }

func (e *rowError) Error() string { return e.err.Error() }

// statements returns the writer's INSERT and UPDATE, prepared on first
// use: SQLite then parses them once, not on every call event.
func (j *Journal) statements(ctx context.Context) (ins, upd *sql.Stmt, err error) {
	j.smu.Lock()
	defer j.smu.Unlock()
	if j.ins == nil {
		if j.ins, err = j.w.PrepareContext(ctx, insertSQL); err != nil {
			return nil, nil, err
		}
	}
	if j.upd == nil {
		if j.upd, err = j.w.PrepareContext(ctx, updateSQL); err != nil {
			return nil, nil, err
		}
	}
	return j.ins, j.upd, nil
}

// txStmts are the prepared statements bound to one transaction, each
// made when the transaction first needs it.
type txStmts struct {
	tx           *sql.Tx
	ins, upd     *sql.Stmt // the journal's
	txIns, txUpd *sql.Stmt // in tx
}

// save writes one call within the transaction and returns its row id and
// stored note; c itself changes only after the commit.
func (st *txStmts) save(ctx context.Context, c *calls.Call) (int64, string, error) {
	if c == nil {
		return 0, "", &rowError{errors.New("journal save: nil call")}
	}
	if err := validate(c); err != nil {
		return 0, "", &rowError{fmt.Errorf("journal save: %w", err)}
	}
	id, note := c.ID, c.Note
	if id == 0 {
		if st.txIns == nil {
			st.txIns = st.tx.StmtContext(ctx, st.ins)
		}
		res, err := st.txIns.ExecContext(ctx, append(values(c), c.Note)...)
		if err != nil {
			return 0, "", fmt.Errorf("journal save: %w", classify(err))
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, "", fmt.Errorf("journal save: %w", err)
		}
		return id, note, nil
	}
	if st.txUpd == nil {
		st.txUpd = st.tx.StmtContext(ctx, st.upd)
	}
	v := values(c)
	var key, callID, phone string
	var start sql.NullInt64
	err := st.txUpd.QueryRowContext(ctx, append(append(v[3:13:13], v[14:]...), id)...).
		Scan(&note, &key, &callID, &phone, &start)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", &rowError{fmt.Errorf("journal save call %d: %w", id, ErrNotFound)}
	}
	if err != nil {
		return 0, "", fmt.Errorf("journal save call %d: %w", id, classify(err))
	}
	if key != c.Key || callID != c.CallID || phone != c.Phone || start != nullMillis(c.Start) {
		// Rare (the tracker renames a call without a call id): the
		// indexed columns are written only then.
		if _, err := st.tx.ExecContext(ctx, `UPDATE calls SET key=?, call_id=?, phone=?, start_ms=? WHERE id=?`,
			c.Key, c.CallID, c.Phone, millis(c.Start), id); err != nil {
			return 0, "", fmt.Errorf("journal save call %d: %w", id, classify(err))
		}
	}
	return id, note, nil
}

// updateSQL takes values(c) but the indexed columns (key, call_id, phone,
// start_ms), then the id, and returns the stored note and those columns:
// an update that leaves an index alone costs SQLite about half as much,
// and the tracker's updates are state changes of a call whose identity
// stays.
const updateSQL = `UPDATE calls SET direction=?, state=?,
	remote=?, remote_e164=?, display=?, contact_name=?, contact_company=?, contact_source=?,
	contact_match=?, contact_extension=?, answer_ms=?, end_ms=?, transferred_to=?
	WHERE id=? RETURNING note, key, call_id, phone, start_ms`

// nullMillis is millis(t) as the database returns it.
func nullMillis(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
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

// notOverSQL keeps the calls not over yet; it takes the three final
// states.
const notOverSQL = "state NOT IN (?, ?, ?)"

// findOpenSQL takes phone, key and the three final states.
const findOpenSQL = "SELECT " + columns + ` FROM calls
	WHERE phone = ? AND key = ? AND ` + notOverSQL + `
	ORDER BY start_ms DESC, id DESC LIMIT 1`

// openCallsSQL takes the three final states and a limit.
const openCallsSQL = "SELECT " + columns + " FROM calls WHERE " + notOverSQL + `
	ORDER BY start_ms DESC, id DESC LIMIT ?`

// finalStates are the arguments of notOverSQL.
func finalStates() []any {
	return []any{string(calls.Ended), string(calls.Missed), string(calls.Rejected)}
}

// FindOpen returns the latest call on phone with key that is not over yet:
// after a restart mid-call the tracker picks it up instead of starting a
// second row for the same call.
func (j *Journal) FindOpen(ctx context.Context, phone, key string) (calls.Call, bool, error) {
	c, err := scanCall(j.r.QueryRowContext(ctx, findOpenSQL, append([]any{phone, key}, finalStates()...)...))
	if errors.Is(err, sql.ErrNoRows) {
		return calls.Call{}, false, nil
	}
	if err != nil {
		return calls.Call{}, false, fmt.Errorf("journal find open call %q on %q: %w", key, phone, classify(err))
	}
	return c, true, nil
}

// OpenCalls returns the calls not over yet, newest first, at most limit:
// after a restart (or a crash) mid-call, the tracker takes them up again,
// so that the phone's next event continues a call's row and one that ended
// meanwhile is closed instead of staying open for good.
func (j *Journal) OpenCalls(ctx context.Context, limit int) ([]calls.Call, error) {
	out, err := j.queryCalls(ctx, openCallsSQL, append(finalStates(), limit)...)
	if err != nil {
		return nil, fmt.Errorf("journal open calls: %w", err)
	}
	return out, nil
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
