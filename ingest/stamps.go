package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// TableStamps says, for every canonical table, which batch last changed
// it: the transform rebuilds a model only when a table it reads has a new
// stamp (or its SQL or parameters changed). Every write to a canonical
// table is a batch that records its file as 'loaded' in ingest_files in
// the same transaction, so the last such batch and the number of loaded
// files name the table's content; a skipped file (same content as a loaded
// one) leaves it as it was. The row count is added as a guard against a
// write outside ingest (an operator's own DuckDB session): counting is
// cheap, hashing ten million rows is not.
func TableStamps(ctx context.Context, db *sql.DB) (map[string]string, error) {
	out := make(map[string]string, len(specs))
	for _, s := range specs {
		var n int64
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+ident(s.table)).Scan(&n); err != nil {
			return nil, fmt.Errorf("counting the rows of %s: %w", s.table, err)
		}
		out[s.table] = fmt.Sprintf("%d rows, never loaded", n)
	}
	rows, err := db.QueryContext(ctx, `SELECT kind, max(batch_id), count(*) FROM ingest_files
		WHERE status = 'loaded' GROUP BY kind`)
	if err != nil {
		return nil, fmt.Errorf("reading which batches changed the canonical tables: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var batch, files int64
		if err := rows.Scan(&kind, &batch, &files); err != nil {
			return nil, fmt.Errorf("reading which batches changed the canonical tables: %w", err)
		}
		s, ok := specs[kind]
		if !ok {
			// A kind this build does not know: its table cannot be named,
			// so no stamp is given and the transform hashes what it reads.
			continue
		}
		out[s.table] = fmt.Sprintf("%s, last loaded by batch %d, %d files", strings.Split(out[s.table], ",")[0], batch, files)
	}
	return out, rows.Err()
}
