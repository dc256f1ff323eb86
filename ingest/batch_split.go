package ingest

import (
	"context"
	"fmt"
)

// A batch is one transaction, and DuckDB writes a large insert to the
// database file as it goes (optimistic writes). When a later file of the
// same batch replaces rows such an insert wrote, DuckDB can no longer
// commit the blocks it wrote and writes every row of the insert again at
// commit (duckdb/duckdb#13577): a full export and the next day's
// re-export loaded together, after a pause or on a first run, took 25 s
// to commit at 10M deals where the day alone takes 0.4 s
// (docs/performance.md). So a file that replaces rows of a table its batch
// has inserted at least splitRows rows into ends the batch before it: the
// batch commits as it stands and the file begins the next one, as if its
// export had come on a later day. Files whose keys are disjoint, the
// parts of one export, never split it: an export in parts stays
// all-or-nothing.

// splitRows is DuckDB's row group: a smaller insert stays in memory until
// the commit, where a replaced row costs nothing more (a variable, so
// tests can split small batches).
var splitRows int64 = 122_880

// batchSplit ends a batch before the file at index at of its files, which
// begins the next batch.
type batchSplit struct {
	file string
	at   int
}

func (e *batchSplit) Error() string {
	return fmt.Sprintf("%s replaces rows its batch loaded; it begins the next batch", e.file)
}

// splitsBefore reports whether the staged file (plan p) must begin the
// next batch: its table took at least splitRows rows in this batch, and
// the file changes some of them.
func (s *session) splitsBefore(ctx context.Context, p plan, batch int64) (bool, error) {
	if s.inserted[p.spec.table] < splitRows {
		return false, nil
	}
	return p.replacesBatchRows(ctx, s.tx, batch)
}

// replacesBatchRows reports whether the staged file (_valid) changes rows
// of its table that batch inserted. A row it repeats unchanged is left
// alone by the merge, so it does not count.
func (p plan) replacesBatchRows(ctx context.Context, x execer, batch int64) (bool, error) {
	joinOn, changed := p.matchSQL()
	var replaces bool
	// The semi-join first: it hashes the file's keys and reads the
	// table's key and batch columns only; the rows it finds, usually few,
	// are then compared column by column. Joined whole, the comparison
	// read every column of the table (21 s for 20M follow-ups).
	t := ident(p.spec.table)
	q := fmt.Sprintf(`SELECT EXISTS (SELECT 1 FROM (SELECT t.* FROM %[1]s t SEMI JOIN _valid v ON %[2]s WHERE t._batch = ?) t
		JOIN _valid v ON %[2]s WHERE %[3]s)`, t, joinOn, changed)
	if err := x.QueryRowContext(ctx, q, batch).Scan(&replaces); err != nil {
		return false, fmt.Errorf("comparing with the rows of %s this batch loaded: %w", p.spec.table, err)
	}
	return replaces, nil
}
