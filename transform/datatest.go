package transform

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// A data test is a query that must return no rows (sql/tests); the rows
// it returns are what failed, and the first few of them go into the error
// with how many there were.

// DataTestError is a data test that returned rows.
type DataTestError struct {
	Test, Model string
	Columns     []string
	Rows        [][]string // the first few offending rows
	Count       int
}

func (e *DataTestError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "data test %s (after model %s) failed: %d offending row(s)", e.Test, e.Model, e.Count)
	for _, r := range e.Rows {
		b.WriteString("\n  ")
		for i, v := range r {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s=%s", e.Columns[i], v)
		}
	}
	return b.String()
}

// Is makes a failed data test a data failure (exit 3).
func (e *DataTestError) Is(target error) bool { return target == faults.ErrData }

func runTest(ctx context.Context, tx *sql.Tx, t Model) error {
	return withThreads(ctx, tx, t.Threads, func() error { return queryTest(ctx, tx, t) })
}

func queryTest(ctx context.Context, tx *sql.Tx, t Model) error {
	q := strings.TrimRight(strings.TrimSpace(t.SQL), ";")
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("data test %s: %w", t.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	e := &DataTestError{Test: t.Name, Model: t.Tests, Columns: cols}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		e.Count++
		if len(e.Rows) >= 5 {
			continue
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		r := make([]string, len(cols))
		for i, v := range vals {
			if r[i] = warehouse.FormatValue(v); v == nil {
				r[i] = "NULL"
			}
		}
		e.Rows = append(e.Rows, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("data test %s: %w", t.Name, err)
	}
	if e.Count > 0 {
		return e
	}
	return nil
}
