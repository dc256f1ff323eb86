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
//
// A model whose columns are all counts and sums can take changed rows
// too: after a "-- on changed rows:" line, its statement also reads
// _old_rows, the same model computed from the versions the day replaced
// (those its inputs held at the watermark and hold no longer), and takes
// them out. The versions current at the watermark are the rows of batches
// up to it still there and those a later batch replaced (the history rows
// past the watermark that were not themselves written after it), the same
// split countsAt counts; the ones current now are the rows still there,
// those past the watermark the new ones. So the table plus the new rows'
// summary minus the old versions' is the summary of what the inputs hold
// now. A row left at zero must be deleted, as a full build has none.

// mergeNew merges the rows m's inputs gained since its last build (and,
// for a merge on changed rows, the versions they lost) into its table and
// says whether it could; false means m needs a full build. rows is how
// many rows the summaries held.
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
	if !m.MergeChanged {
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
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.main._new_rows") //nolint:errcheck
	if rows, err = summarize(ctx, tx, m, inputs, st.watermark, "_new_rows", false); err != nil {
		return 0, false, err
	}
	if m.MergeChanged {
		defer tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.main._old_rows") //nolint:errcheck
		old, err := summarize(ctx, tx, m, inputs, st.watermark, "_old_rows", true)
		if err != nil {
			return 0, false, err
		}
		rows += old
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

// summarize computes m over the rows its inputs gained since batch since
// (or, old, over the versions replaced since then) into the temp table
// name, and says how many rows that summary holds.
func summarize(ctx context.Context, tx *sql.Tx, m Model, inputs []string, since int64, name string, old bool) (int64, error) {
	what := "the rows added"
	if old {
		what = "the versions replaced"
	}
	drop, err := shadowRows(ctx, tx, inputs, since, old)
	if err == nil {
		create := createTableRE.ReplaceAllLiteralString(m.SQL, "CREATE OR REPLACE TEMP TABLE "+name+" AS ")
		err = withThreads(ctx, tx, m.Threads, func() error {
			_, err := tx.ExecContext(ctx, create)
			return err
		})
	}
	// The merge statement reads the model's inputs, if at all, whole.
	drop()
	if err != nil {
		return 0, fmt.Errorf("model %s: summing up %s since batch %d: %w", m.Name, what, since, err)
	}
	var n int64
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+name).Scan(&n); err != nil {
		return 0, fmt.Errorf("model %s: counting the summary of %s: %w", m.Name, what, err)
	}
	return n, nil
}

// shadowRows shadows each input with a temp view of its rows written after
// batch since (with no version replaced since then, those are the rows
// added) or, old, of the versions it held at since and a later batch
// replaced, with the input's own columns. drop is never nil and is safe to
// call on an error.
func shadowRows(ctx context.Context, tx *sql.Tx, inputs []string, since int64, old bool) (drop func(), err error) {
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
		if old {
			// ingest writes a history row as the replaced row's columns
			// followed by these two (upsert.go), so the rest are the input's.
			q = fmt.Sprintf(`CREATE OR REPLACE TEMP VIEW %s AS SELECT * EXCLUDE (_superseded_at, _superseded_by) FROM %s
				WHERE _superseded_by > %d AND NOT coalesce(_batch > %d, false)`,
				warehouse.QuoteIdent(t), qual(t+"_history"), since, since)
		}
		drops = append(drops, "DROP VIEW IF EXISTS temp.main."+warehouse.QuoteIdent(t))
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return drop, fmt.Errorf("reading the rows of %s written or replaced since batch %d: %w", t, since, err)
		}
	}
	return drop, nil
}
