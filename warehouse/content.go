package warehouse

import (
	"context"
	"database/sql"
	"fmt"
)

// ContentStamp names the content of table: its row count and the sum of
// every row's hash, so any insert, delete or changed value changes it.
// Exact for any table, and cheap for the small system tables (rejects,
// closes, audit responses) it is used on; the canonical tables have
// ingest's bookkeeping instead (ingest.TableStamps). q is a *sql.DB or a
// *sql.Tx, to read inside a transaction.
func ContentStamp(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, table string) (string, error) {
	var s string
	query := fmt.Sprintf(`SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t))::VARCHAR, '') FROM %s t`, QuoteIdent(table))
	if err := q.QueryRowContext(ctx, query).Scan(&s); err != nil {
		return "", fmt.Errorf("reading the content of %s: %w", table, err)
	}
	return s, nil
}
