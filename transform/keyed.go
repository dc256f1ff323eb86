package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/salesops/salesops/warehouse"
)

// A keyed refresh rebuilds only the rows of the keys a new day touched.
// A model opts in with a "-- refresh: <key>" header: each of its output
// rows belongs to one key, computed only from the input rows of that key
// (and from inputs without the key, parameters and dependencies, which
// must be unchanged). Its keyed inputs are the tables it reads that carry
// the key column, ingest's _batch and a <table>_history: every write to
// them is an ingest batch, a new or changed row carries its batch id and
// the version a batch replaced goes to the history with _superseded_by.
// So the keys written since watermark W are those of the rows with
// _batch > W and of the history rows with _superseded_by > W (a changed
// row may have moved to another key: both keys are touched).
//
// The refresh runs the model's one SQL: its inputs are shadowed by temp
// tables of the same names holding only the touched keys' rows (DuckDB
// resolves an unqualified name in the temp schema first), and its
// "CREATE OR REPLACE TABLE m AS" becomes "INSERT INTO m" after the
// touched keys' rows are deleted. Anything else — a changed SQL, test,
// parameter, dependency or unkeyed input (the roster), a model built by a
// build that did not record it, a row count that ingest's batches do not
// explain — falls back to the full rebuild.

// keyedState is a transform_keyed row.
type keyedState struct {
	fingerprint, base string
	watermark         int64
	counts            string
}

var createTableRE = regexp.MustCompile(`(?im)^CREATE OR REPLACE TABLE\s+(\S+)\s+AS\s`)

// keyedInputs are the tables m reads that a keyed refresh filters by its
// key, or whose new rows a merge takes: those with _batch and a history
// table (and the key column, for a refresh). Nil when m has neither a
// refresh header nor a merge statement.
func (f *freshness) keyedInputs(ctx context.Context, tx *sql.Tx, m Model) ([]string, error) {
	if m.Refresh == "" && m.Merge == "" {
		return nil, nil
	}
	if f.columns == nil {
		f.columns = map[string]map[string]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM duckdb_columns()
			WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`)
		if err != nil {
			return nil, fmt.Errorf("listing the warehouse's columns: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var t, c string
			if err := rows.Scan(&t, &c); err != nil {
				return nil, fmt.Errorf("listing the warehouse's columns: %w", err)
			}
			if f.columns[t] == nil {
				f.columns[t] = map[string]bool{}
			}
			f.columns[t][c] = true
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("listing the warehouse's columns: %w", err)
		}
	}
	var out []string
	for _, t := range m.Reads {
		c, h := f.columns[t], f.columns[t+"_history"]
		key := m.Refresh == "" || c[m.Refresh] && h[m.Refresh]
		if key && c["_batch"] && h["_batch"] && h["_superseded_by"] {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out, nil
}

func loadKeyed(ctx context.Context, tx *sql.Tx, model string) (keyedState, bool, error) {
	var s keyedState
	err := tx.QueryRowContext(ctx, `SELECT k.fingerprint, k.base, k.watermark, k.counts FROM transform_keyed k
		JOIN transform_state s ON s.model = k.model AND s.fingerprint = k.fingerprint WHERE k.model = ?`, model).
		Scan(&s.fingerprint, &s.base, &s.watermark, &s.counts)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("reading how %s was last built: %w", model, err)
	}
	return s, true, nil
}

// watermark is the last ingest batch: every row of a canonical table
// carries a batch at most this one.
func watermark(ctx context.Context, tx *sql.Tx) (int64, error) {
	var w int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(batch_id), 0) FROM ingest_batches`).Scan(&w); err != nil {
		return 0, fmt.Errorf("reading the last ingest batch: %w", err)
	}
	return w, nil
}

// countsAt says how many rows each input held after batch w, from what it
// holds now: the rows of batches up to w (or of none) still there, plus
// those a later batch replaced. Equal to the count recorded at w unless
// something outside ingest added or removed rows. The transform writes no
// input, so each count is made once a run (f.counts).
func (f *freshness) countsAt(ctx context.Context, tx *sql.Tx, inputs []string, w int64) (string, error) {
	if f.counts == nil {
		f.counts = map[string]int64{}
	}
	var parts []string
	for _, t := range inputs {
		memo := fmt.Sprintf("%s@%d", t, w)
		if n, ok := f.counts[memo]; ok {
			parts = append(parts, fmt.Sprintf("%s=%d", t, n))
			continue
		}
		var n int64
		q := fmt.Sprintf(`SELECT (SELECT count(*) FILTER (WHERE NOT coalesce(_batch > $1, false)) FROM %s)
			+ (SELECT count(*) FROM %s WHERE _superseded_by > $1 AND NOT coalesce(_batch > $1, false))`,
			warehouse.QuoteIdent(t), warehouse.QuoteIdent(t+"_history"))
		if err := tx.QueryRowContext(ctx, q, w).Scan(&n); err != nil {
			return "", fmt.Errorf("counting the rows of %s: %w", t, err)
		}
		f.counts[memo] = n
		parts = append(parts, fmt.Sprintf("%s=%d", t, n))
	}
	return strings.Join(parts, ","), nil
}

// recordKeyed records what name (a model, or a keyed data test's state)
// was built or checked from: fp, base, the last batch and its inputs'
// counts at it.
func (f *freshness) recordKeyed(ctx context.Context, tx *sql.Tx, name string, inputs []string, fp, base string) error {
	if fp == "" || base == "" {
		_, err := tx.ExecContext(ctx, `DELETE FROM transform_keyed WHERE model = ?`, name)
		return err
	}
	w, err := watermark(ctx, tx)
	if err != nil {
		return err
	}
	counts, err := f.countsAt(ctx, tx, inputs, w)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO transform_keyed VALUES (?, ?, ?, ?, ?)`, name, fp, base, w, counts); err != nil {
		return fmt.Errorf("recording how %s was built: %w", name, err)
	}
	return nil
}

// refreshKeyed rebuilds the rows of m whose keys a batch after the last
// build wrote, and says whether it could; false means m needs a full
// build. base is m's fingerprint without its keyed inputs' stamps.
func (f *freshness) refreshKeyed(ctx context.Context, tx *sql.Tx, m Model, inputs []string, base string) (keys int64, ok bool, err error) {
	if base == "" || len(inputs) == 0 {
		return 0, false, nil
	}
	st, found, err := loadKeyed(ctx, tx, m.Name)
	if err != nil || !found {
		return 0, false, err
	}
	keys, drop, ok, err := f.touchedSince(ctx, tx, st, base, m.Refresh, inputs)
	// The data tests that follow read the whole tables.
	defer drop()
	if err != nil {
		return 0, false, fmt.Errorf("model %s: %w", m.Name, err)
	}
	if !ok {
		return 0, false, nil
	}
	if keys == 0 {
		return 0, true, nil
	}
	qual, err := qualifier(ctx, tx)
	if err != nil {
		return 0, false, err
	}
	key := warehouse.QuoteIdent(m.Refresh)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %[1]s WHERE %[2]s IN (SELECT %[2]s FROM _refresh_keys)", qual(m.Name), key)); err != nil {
		return 0, false, fmt.Errorf("model %s: deleting the touched keys' rows: %w", m.Name, err)
	}
	insert := createTableRE.ReplaceAllLiteralString(m.SQL, "INSERT INTO "+qual(m.Name)+" ")
	if err := withThreads(ctx, tx, m.Threads, func() error {
		_, err := tx.ExecContext(ctx, insert)
		return err
	}); err != nil {
		return 0, false, fmt.Errorf("model %s: recomputing the touched keys' rows: %w", m.Name, err)
	}
	return keys, true, nil
}

// checkRefresh holds a refresh header to what a keyed refresh can do: one
// CREATE OR REPLACE TABLE of the model's own name. A model with a merge
// statement is held to the same, since the merge runs the model's SQL
// over the new rows (merge.go); a model cannot have both.
func checkRefresh(m Model) error {
	if m.Refresh == "" && m.Merge == "" {
		return nil
	}
	if m.Refresh != "" && m.Merge != "" {
		return fmt.Errorf("model %s: a model is refreshed by key or merged, not both", m.Name)
	}
	if m.Refresh != "" && !identRE.MatchString(m.Refresh) {
		return fmt.Errorf("model %s: refresh key %q is not a plain column name", m.Name, m.Refresh)
	}
	found := createTableRE.FindAllStringSubmatch(m.SQL, -1)
	if len(found) != 1 || strings.Trim(found[0][1], `"`) != m.Name {
		return fmt.Errorf("model %s: a model refreshed by key or merged must be one CREATE OR REPLACE TABLE %s AS statement", m.Name, m.Name)
	}
	return nil
}

// stillHolds says whether st still describes what inputs held when it was
// recorded, up to ingest batches since: its base is base, and the inputs
// changed since its watermark only through ingest batches — no batch
// removed (batches are numbered upwards, so a last batch before the
// watermark means some were, which no new day does) and, at the
// watermark, the row counts st recorded (a write outside ingest changes
// them). A keyed refresh, a keyed test and a merge all start from it.
func (f *freshness) stillHolds(ctx context.Context, tx *sql.Tx, st keyedState, base string, inputs []string) (bool, error) {
	if st.base != base {
		return false, nil
	}
	if w, err := watermark(ctx, tx); err != nil || w < st.watermark {
		return false, err
	}
	counts, err := f.countsAt(ctx, tx, inputs, st.watermark)
	return err == nil && counts == st.counts, err
}

// touchedSince shadows inputs with the rows of the keys written since st
// (shadowTouched) when st still holds (stillHolds). ok false means the
// caller reads everything; drop is never nil.
func (f *freshness) touchedSince(ctx context.Context, tx *sql.Tx, st keyedState, base, key string, inputs []string) (keys int64, drop func(), ok bool, err error) {
	drop = func() {}
	if ok, err := f.stillHolds(ctx, tx, st, base, inputs); err != nil || !ok {
		return 0, drop, false, err
	}
	keys, drop, err = shadowTouched(ctx, tx, key, inputs, st.watermark)
	return keys, drop, err == nil, err
}

// qualifier names a table of the warehouse's main schema past the temp
// views that shadow it.
func qualifier(ctx context.Context, tx *sql.Tx) (func(string) string, error) {
	var db string
	if err := tx.QueryRowContext(ctx, `SELECT current_database()`).Scan(&db); err != nil {
		return nil, fmt.Errorf("naming the warehouse: %w", err)
	}
	return func(t string) string { return warehouse.QuoteIdent(db) + ".main." + warehouse.QuoteIdent(t) }, nil
}

// shadowTouched finds the values of column key written since batch since
// in inputs (their rows with a later _batch, and the versions a later
// batch replaced) and shadows each input with a temp view of its rows of
// those keys: until drop is called, an unqualified name reads only them.
// drop is best effort and safe to call on an error: on a failed statement
// the transaction is rolled back anyway, and temp objects end with the
// connection's session.
func shadowTouched(ctx context.Context, tx *sql.Tx, key string, inputs []string, since int64) (keys int64, drop func(), err error) {
	drops := []string{"DROP TABLE IF EXISTS temp.main._refresh_keys"}
	drop = func() {
		for _, q := range drops {
			tx.ExecContext(context.WithoutCancel(ctx), q) //nolint:errcheck
		}
	}
	qual, err := qualifier(ctx, tx)
	if err != nil {
		return 0, drop, err
	}
	k := warehouse.QuoteIdent(key)
	var touched []string
	for _, t := range inputs {
		touched = append(touched,
			fmt.Sprintf("SELECT %[1]s FROM %[2]s WHERE _batch > $1 AND %[1]s IS NOT NULL", k, qual(t)),
			fmt.Sprintf("SELECT %[1]s FROM %[2]s WHERE _superseded_by > $1 AND %[1]s IS NOT NULL", k, qual(t+"_history")))
	}
	if _, err := tx.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE _refresh_keys AS "+strings.Join(touched, " UNION "), since); err != nil {
		return 0, drop, fmt.Errorf("finding the keys written since batch %d: %w", since, err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM _refresh_keys").Scan(&keys); err != nil {
		return 0, drop, fmt.Errorf("counting the keys written since batch %d: %w", since, err)
	}
	if keys == 0 {
		return 0, drop, nil
	}
	// Views, not copies: a copy of the touched keys' rows took every
	// column (a follow-up's content too) and cost more than the model at
	// M; through a view DuckDB reads the columns the model reads.
	for _, t := range inputs {
		q := fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %[1]s AS SELECT * FROM %[2]s WHERE %[3]s IN (SELECT %[3]s FROM _refresh_keys)",
			warehouse.QuoteIdent(t), qual(t), k)
		drops = append(drops, "DROP VIEW IF EXISTS temp.main."+warehouse.QuoteIdent(t))
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return 0, drop, fmt.Errorf("reading the touched keys' rows of %s: %w", t, err)
		}
	}
	return keys, drop, nil
}
