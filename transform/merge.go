package transform

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/salesops/salesops/warehouse"
)

// A merged model takes a new day's rows without reading its inputs whole.
// Its file holds two statements: the model's CREATE OR REPLACE TABLE, and
// after a "-- on new rows:" line a statement that folds into the table
// the same model computed from the new rows alone, which it reads as
// _new_rows. That is exact when each output row sums up input rows by a
// key with aggregates that combine over disjoint sets of rows (a count, a
// sum, an earliest, a bit OR): the rows a day added are disjoint from the
// rows the table was computed from, so combining the two summaries is the
// summary of all of them. A changed or removed input row is not an
// addition; nothing but a rebuild can take it out of a sum. The merge's
// key columns must not be null: a null matches nothing in MERGE's ON, so
// its row would be inserted a second time.
//
// So the merge runs only when every input changed since the last build by
// new rows alone: no version went to a history table since its watermark,
// and what a keyed refresh starts from holds (stillHolds: the same SQL,
// parameters and unkeyed inputs, no batch removed, the row counts ingest's
// batches explain). Anything else rebuilds the model in full.

// mergeNew merges the rows m's inputs gained since its last build into its
// table and says whether it could; false means m needs a full build. rows
// is how many rows the new rows' summary held.
func (f *freshness) mergeNew(ctx context.Context, tx *sql.Tx, m Model, inputs []string, base string) (rows int64, ok bool, err error) {
	if base == "" || len(inputs) == 0 || m.Merge == "" {
		return 0, false, nil
	}
	st, found, err := loadKeyed(ctx, tx, m.Name)
	if err != nil || !found {
		return 0, false, err
	}
	if ok, err := f.stillHolds(ctx, tx, st, base, inputs); err != nil || !ok {
		return 0, false, err
	}
	qual, err := qualifier(ctx, tx)
	if err != nil {
		return 0, false, err
	}
	for _, t := range inputs {
		var replaced int64
		q := fmt.Sprintf("SELECT count(*) FROM %s WHERE _superseded_by > $1", qual(t+"_history"))
		if err := tx.QueryRowContext(ctx, q, st.watermark).Scan(&replaced); err != nil {
			return 0, false, fmt.Errorf("model %s: counting the rows of %s replaced since batch %d: %w", m.Name, t, st.watermark, err)
		}
		if replaced > 0 {
			return 0, false, nil
		}
	}
	drop, err := shadowNew(ctx, tx, inputs, st.watermark)
	if err == nil {
		create := createTableRE.ReplaceAllLiteralString(m.SQL, "CREATE OR REPLACE TEMP TABLE _new_rows AS ")
		err = withThreads(ctx, tx, m.Threads, func() error {
			_, err := tx.ExecContext(ctx, create)
			return err
		})
	}
	// The merge statement reads the model's inputs, if at all, whole.
	drop()
	defer tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.main._new_rows") //nolint:errcheck
	if err != nil {
		return 0, false, fmt.Errorf("model %s: summing up the rows added since batch %d: %w", m.Name, st.watermark, err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM _new_rows").Scan(&rows); err != nil {
		return 0, false, fmt.Errorf("model %s: counting the new rows' summary: %w", m.Name, err)
	}
	if rows == 0 {
		return 0, true, nil
	}
	if err := withThreads(ctx, tx, m.Threads, func() error {
		_, err := tx.ExecContext(ctx, m.Merge)
		return err
	}); err != nil {
		return 0, false, fmt.Errorf("model %s: merging the rows added since batch %d: %w", m.Name, st.watermark, err)
	}
	return rows, true, nil
}

// shadowNew shadows each input with a temp view of its rows written after
// batch since: with no version replaced since then, those are the rows
// added. drop is never nil and is safe to call on an error.
func shadowNew(ctx context.Context, tx *sql.Tx, inputs []string, since int64) (drop func(), err error) {
	var drops []string
	drop = func() {
		for _, q := range drops {
			tx.ExecContext(context.WithoutCancel(ctx), q) //nolint:errcheck
		}
	}
	qual, err := qualifier(ctx, tx)
	if err != nil {
		return drop, err
	}
	for _, t := range inputs {
		// A literal, not a parameter: a view keeps no bound values.
		q := fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %s AS SELECT * FROM %s WHERE _batch > %d",
			warehouse.QuoteIdent(t), qual(t), since)
		drops = append(drops, "DROP VIEW IF EXISTS temp.main."+warehouse.QuoteIdent(t))
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return drop, fmt.Errorf("reading the rows of %s added since batch %d: %w", t, since, err)
		}
	}
	return drop, nil
}
