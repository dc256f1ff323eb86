package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// crashState is what a crash test compares: every table's row count and
// content hash, every report file, and the runs still marked running.
type crashState struct {
	tables  map[string]string
	outputs map[string][]byte
	running []string
	files   []string // the company folder's own entries: a crash must leave no stray file
}

// crashAttempts selects, in the ingest bookkeeping, the rows that record
// data loaded rather than an attempt: a rerun after a kill past the ingest
// finds every file loaded already and records a batch of skipped files,
// as any second run does.
var crashAttempts = map[string]string{
	"ingest_files":   "status <> 'skipped'",
	"ingest_batches": "batch_id IN (" + crashLoadingBatches + ")",
}

// crashLoadingBatches are the numbers of the batches that loaded data.
const crashLoadingBatches = "SELECT batch_id FROM ingest_files WHERE status <> 'skipped'"

// crashWallClock are the columns that say when the process did something
// (a batch, a supersession, a close) or which run did it, rather than what
// the data is: a rerun writes its own time and run there. The runs table
// is left out whole: it records the killed attempt too, and is checked for
// runs left running instead.
var crashWallClock = map[string]bool{"started_at": true, "finished_at": true, "loaded_at": true,
	"_superseded_at": true, "closed_at": true, "event_at": true, "run_id": true}

// crashBatchNumber are the columns holding an ingest batch's number, which
// comes from a sequence: like any database sequence it is not rolled back,
// so a batch killed before its commit can leave a gap, and the rerun's
// batch is numbered after it. What must match is which batch a row names,
// so these compare as the batch's place among the batches that loaded
// data (crashBatchRank). A history row names two batches, the one that
// loaded it and the one that superseded it, and both are ranked in that
// one order, not each column on its own (seed 1796075002086391991: every
// table equal but deals_history, whose _superseded_by was 2 against 1).
var crashBatchNumber = map[string]bool{"_batch": true, "batch_id": true, "_superseded_by": true}

// crashBatchRank is the place of batch number e among the batches that
// loaded data: 1 for the first, NULL for none.
func crashBatchRank(e string) string {
	return "CASE WHEN " + e + " IS NOT NULL THEN (SELECT count(*) FROM ingest_batches r WHERE r.batch_id <= " + e +
		" AND r.batch_id IN (" + crashLoadingBatches + ")) END"
}

func (co *crashCompany) state(t *testing.T) crashState {
	t.Helper()
	st, err := co.stateOrErr(t)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// stateOrErr is state for a folder that may hold no warehouse yet; an
// error is one of opening it.
func (co *crashCompany) stateOrErr(t *testing.T) (crashState, error) {
	t.Helper()
	ctx := context.Background()
	st := crashState{tables: map[string]string{}, outputs: map[string][]byte{}}
	path := filepath.Join(co.dir, "salesops.duckdb")
	if _, err := os.Stat(path); err != nil {
		return st, nil
	}
	w, err := warehouse.Open(ctx, path, warehouse.Options{ReadOnly: true}, nil)
	if errors.Is(err, faults.ErrUsage) {
		return st, nil // a file killed before its schema was written: no warehouse yet
	}
	if err != nil {
		return st, err
	}
	defer w.Close()
	cols, err := crashColumns(ctx, w)
	if err != nil {
		return st, err
	}
	for table, exprs := range cols {
		var n int64
		var h string
		inner := fmt.Sprintf(`SELECT hash(%s) AS h FROM %s`, strings.Join(exprs, ", "), warehouse.QuoteIdent(table))
		if where, ok := crashAttempts[table]; ok {
			inner += " WHERE " + where
		}
		q := `SELECT count(*), coalesce(sum(h), 0)::VARCHAR FROM (` + inner + `)`
		if err := w.DB.QueryRowContext(ctx, q).Scan(&n, &h); err != nil {
			return st, fmt.Errorf("hashing table %s: %w", table, err)
		}
		st.tables[table] = fmt.Sprintf("%d rows, hash %s", n, h)
	}
	if st.running, err = crashRunning(ctx, w); err != nil {
		return st, err
	}
	entries, err := os.ReadDir(co.dir)
	if err != nil {
		return st, err
	}
	for _, e := range entries {
		st.files = append(st.files, e.Name())
	}
	reports := filepath.Join(co.dir, "reports")
	err = filepath.WalkDir(reports, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(reports, p)
		st.outputs[rel] = b
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		err = nil // killed before it wrote a report
	}
	return st, err
}

// crashRunning lists the runs recorded as running.
func crashRunning(ctx context.Context, w *warehouse.Warehouse) ([]string, error) {
	rows, err := w.DB.QueryContext(ctx, `SELECT format('run {} {} {}', run_id, job, period) FROM runs WHERE status = 'running' ORDER BY run_id`)
	if err != nil {
		return nil, fmt.Errorf("reading the runs: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// crashNotCompared are bookkeeping tables whose rows name a history, not
// the data: runs records the killed attempt too (and is checked for runs
// left running instead); transform_state's fingerprints name the tables a
// model was built from, and audit_opp_data reads ingest_batches, whose
// rows differ by attempt, so a rerun after a kill fingerprints the same
// audit tables differently. The tables they describe are compared.
const crashNotCompared = `('runs', 'transform_state', 'transform_keyed')`

// crashColumns lists, per base table but runs, the expressions hashed for
// its content: every column but the wall-clock ones, floating-point ones
// rounded so that a parallel sum's last bit cannot differ.
func crashColumns(ctx context.Context, w *warehouse.Warehouse) (map[string][]string, error) {
	rows, err := w.DB.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
		WHERE t.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN `+crashNotCompared+`
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("listing the tables: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col, typ string
		if err := rows.Scan(&table, &col, &typ); err != nil {
			return nil, err
		}
		switch e := warehouse.QuoteIdent(col); {
		case crashWallClock[col]:
		case crashBatchNumber[col]:
			out[table] = append(out[table], crashBatchRank(e))
		case typ == "DOUBLE" || typ == "FLOAT":
			out[table] = append(out[table], "round("+e+", 9)")
		default:
			out[table] = append(out[table], e)
		}
	}
	return out, rows.Err()
}

// diff says how got differs from the reference in tables and files, "" if
// it does not.
func (ref crashState) diff(got crashState) string {
	var out []string
	for _, table := range slices.Sorted(maps.Keys(ref.tables)) {
		if g := got.tables[table]; g != ref.tables[table] {
			out = append(out, fmt.Sprintf("table %s: %s, want %s", table, g, ref.tables[table]))
		}
	}
	for _, table := range slices.Sorted(maps.Keys(got.tables)) {
		if _, ok := ref.tables[table]; !ok {
			out = append(out, "extra table "+table)
		}
	}
	if !slices.Equal(got.files, ref.files) {
		out = append(out, fmt.Sprintf("the company folder holds %v, want %v", got.files, ref.files))
	}
	for _, f := range slices.Sorted(maps.Keys(got.outputs)) {
		if _, ok := ref.outputs[f]; !ok {
			out = append(out, "extra file "+f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(ref.outputs)) {
		g, ok := got.outputs[f]
		switch {
		case !ok:
			out = append(out, "missing file "+f)
		case !bytes.Equal(g, ref.outputs[f]):
			out = append(out, fmt.Sprintf("file %s differs (%d bytes, want %d)%s", f, len(g), len(ref.outputs[f]), firstLineDiff(g, ref.outputs[f])))
		}
	}
	return strings.Join(out, "\n")
}

// firstLineDiff shows the first differing line of two text files.
func firstLineDiff(got, want []byte) string {
	if bytes.Contains(want, []byte("PK\x03\x04")) {
		return "" // a workbook: a zip, no lines to show
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf(": line %d is %.200q, want %.200q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf(": %d lines, want %d", len(g), len(w))
}
