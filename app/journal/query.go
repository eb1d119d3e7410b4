package journal

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"

	"deskcti/app/calls"
)

// Query selects calls for List. Zero fields do not filter.
type Query struct {
	// Since and Until bound the start time: Since <= start < Until.
	Since, Until time.Time
	// Missed keeps only calls in state missed.
	Missed bool
	// Direction keeps only incoming or outgoing calls.
	Direction calls.Direction
	// Text keeps calls whose contact name or company, display name or
	// number contains it, ignoring case. A text made of digits and number
	// punctuation ("0221 / 12 34") also matches the number without that
	// punctuation.
	Text string
	// Limit caps the result (0: all); Offset skips that many first, for
	// paging.
	Limit, Offset int
}

// containsFunc is the SQL function behind Query.Text: SQLite's own lower()
// and LIKE fold ASCII only, and a German journal is full of Ä, Ö and Ü.
const containsFunc = "deskcti_contains"

func init() {
	// deskcti_contains(needle, field...) is 1 when any field, lower-cased,
	// contains needle (already lower-cased by the caller). One call per row
	// instead of one per field keeps a search over 100k calls quick.
	sqlite.MustRegisterDeterministicScalarFunction(containsFunc, -1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			if len(args) < 1 {
				return nil, errors.New(containsFunc + ": needs a needle")
			}
			needle, _ := args[0].(string)
			for _, a := range args[1:] {
				if s, ok := a.(string); ok && strings.Contains(strings.ToLower(s), needle) {
					return int64(1), nil
				}
			}
			return int64(0), nil
		})
}

// List returns the calls q selects, newest first.
func (j *Journal) List(ctx context.Context, q Query) ([]calls.Call, error) {
	query, args, err := q.sql()
	if err != nil {
		return nil, fmt.Errorf("journal list: %w", err)
	}
	out, err := j.queryCalls(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("journal list: %w", err)
	}
	return out, nil
}

// queryCalls runs a query that selects columns and scans every row.
func (j *Journal) queryCalls(ctx context.Context, query string, args ...any) ([]calls.Call, error) {
	rows, err := j.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []calls.Call
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, classify(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	return out, nil
}

// sql is the SELECT for q and its arguments.
func (q Query) sql() (string, []any, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return "", nil, fmt.Errorf("limit %d and offset %d must not be negative", q.Limit, q.Offset)
	}
	var conds []string
	var args []any
	if !q.Since.IsZero() {
		conds, args = append(conds, "start_ms >= ?"), append(args, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		conds, args = append(conds, "start_ms < ?"), append(args, q.Until.UnixMilli())
	}
	if q.Missed {
		conds, args = append(conds, "state = ?"), append(args, string(calls.Missed))
	}
	switch q.Direction {
	case "":
	case calls.Incoming, calls.Outgoing:
		conds, args = append(conds, "direction = ?"), append(args, string(q.Direction))
	default:
		return "", nil, fmt.Errorf("direction %q is neither %q nor %q", q.Direction, calls.Incoming, calls.Outgoing)
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		cond := containsFunc + "(?, contact_name, contact_company, display, remote, remote_e164) = 1"
		args = append(args, strings.ToLower(text))
		if d := numberDigits(text); d != "" {
			cond = "(" + cond + " OR instr(remote, ?) > 0 OR instr(remote_e164, ?) > 0)"
			args = append(args, d, d)
		}
		conds = append(conds, cond)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	limit := int64(q.Limit)
	if limit == 0 {
		limit = -1 // SQLite: no limit
	}
	// (start_ms, id) is the calls_start index's order (an index ends in the
	// rowid), so the newest page needs neither a scan nor a sort.
	return "SELECT " + columns + " FROM calls" + where + " ORDER BY start_ms DESC, id DESC LIMIT ? OFFSET ?",
		append(args, limit, q.Offset), nil
}

// numberDigits returns the digits of text when text looks like a phone
// number written with punctuation, else "".
func numberDigits(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(" +-/().", r):
		default:
			return ""
		}
	}
	if b.Len() == len(text) {
		return "" // digits only: the plain search finds it already
	}
	return b.String()
}
