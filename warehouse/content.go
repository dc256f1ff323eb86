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
	return contentStamp(ctx, q, QuoteIdent(table), table)
}

// ContentStampOf is ContentStamp of the rows of a query (SQL of this
// program's own, never user text): for a reader that reads only part of a
// table, so rows it never reads cannot make it stale.
func ContentStampOf(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, name, query string) (string, error) {
	return contentStamp(ctx, q, "("+query+")", name)
}

func contentStamp(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, from, name string) (string, error) {
	var s string
	query := `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t))::VARCHAR, '') FROM ` + from + ` t`
	if err := q.QueryRowContext(ctx, query).Scan(&s); err != nil {
		return "", fmt.Errorf("reading the content of %s: %w", name, err)
	}
	return s, nil
}
