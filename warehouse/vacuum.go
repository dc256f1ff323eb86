package warehouse

import (
	"context"
	"fmt"
)

// CopyTo writes a compact copy of the warehouse to the new file path:
// every table, view, sequence (at its current value) and macro, through
// DuckDB's COPY FROM DATABASE. A file that many runs have rewritten keeps
// the blocks of replaced tables for reuse and never shrinks; the copy
// holds only what is live. The caller swaps it in under the job lock
// (jobs.Vacuum).
func (w *Warehouse) CopyTo(ctx context.Context, path string) error {
	var db string
	if err := w.DB.QueryRowContext(ctx, "SELECT current_database()").Scan(&db); err != nil {
		return fmt.Errorf("compacting the warehouse: %w", err)
	}
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("compacting the warehouse: %w", err)
	}
	defer conn.Close()
	const as = "salesops_vacuum"
	if _, err := conn.ExecContext(ctx, "ATTACH "+quoteLiteral(path)+" AS "+as); err != nil {
		return fmt.Errorf("compacting the warehouse into %s: %w", path, err)
	}
	_, err = conn.ExecContext(ctx, "COPY FROM DATABASE "+QuoteIdent(db)+" TO "+as)
	if _, derr := conn.ExecContext(context.WithoutCancel(ctx), "DETACH "+as); err == nil && derr != nil {
		err = derr
	}
	if err != nil {
		return fmt.Errorf("compacting the warehouse into %s: %w", path, err)
	}
	return nil
}

// Space is the size of the file in blocks and how many of them are free:
// blocks that replaced tables left behind, which later writes reuse but
// which never shrink the file unless they are at its end. It checkpoints
// first, so what the write-ahead log still holds is counted where it will
// lie.
func (w *Warehouse) Space(ctx context.Context) (total, free int64, err error) {
	if _, err := w.DB.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return 0, 0, fmt.Errorf("measuring the warehouse: %w", err)
	}
	if err := w.DB.QueryRowContext(ctx, `SELECT total_blocks, free_blocks FROM pragma_database_size()
		WHERE database_name = current_database()`).Scan(&total, &free); err != nil {
		return 0, 0, fmt.Errorf("measuring the warehouse: %w", err)
	}
	return total, free, nil
}
