package journal

import (
	"context"
	"strings"
	"testing"
)

// TestQueryPlansUseIndices guards against a query change that silently
// turns the journal window into a full scan and sort of years of calls.
func TestQueryPlansUseIndices(t *testing.T) {
	j := openTemp(t)
	plan := func(query string, args ...any) string {
		rows, err := j.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			out = append(out, detail)
		}
		return strings.Join(out, "; ")
	}
	for _, q := range []Query{{Limit: 50}, {Since: t0, Until: t0.Add(1e12)}, {Missed: true, Text: "x"}} {
		query, args, err := q.sql()
		if err != nil {
			t.Fatal(err)
		}
		p := plan(query, args...)
		if !strings.Contains(p, "calls_start") || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("List %+v: plan %q does not walk the start index", q, p)
		}
	}
	p := plan(findOpenSQL, "a", "b", "c", "d", "e")
	if !strings.Contains(p, "calls_phone_key") {
		t.Errorf("FindOpen: plan %q does not use the (phone, key) index", p)
	}
}
