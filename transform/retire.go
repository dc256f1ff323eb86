package transform

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"

	"github.com/salesops/salesops/warehouse"
)

// retire drops the table or view of each model an earlier salesops built
// that the embedded models no longer define, and forgets what it was built
// from. Left in place it would still be listed as a model: the Parquet
// export writes every model's rows (a view of every fact, such as the
// drill-down's former rep_activity, is 31M rows at L), and a query of it
// reads numbers nothing keeps current. Only names transform_state records
// are touched, so a table the transform did not build is never dropped,
// and only for the embedded models: a caller's own model set (a test's
// stubs) is a part of them, not their replacement.
func retire(ctx context.Context, tx *sql.Tx, f *freshness, p plan, log *slog.Logger) ([]string, error) {
	var gone []string
	for name := range f.built {
		_, model := p.models[name]
		_, step := p.steps[name]
		if !model && !step {
			gone = append(gone, name)
		}
	}
	slices.Sort(gone)
	for _, name := range gone {
		var q string
		switch {
		case f.views[name]:
			q = "DROP VIEW " + warehouse.QuoteIdent(name)
		case f.tables[name]:
			q = "DROP TABLE " + warehouse.QuoteIdent(name)
		}
		if q != "" {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return nil, fmt.Errorf("dropping %s, a model salesops no longer has: %w", name, err)
			}
		}
		for _, t := range []string{"transform_state", "transform_keyed"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE model = ?", name); err != nil {
				return nil, fmt.Errorf("forgetting %s, a model salesops no longer has: %w", name, err)
			}
		}
		delete(f.built, name)
		delete(f.views, name)
		delete(f.tables, name)
		log.Info("model retired: salesops no longer defines it, so its table or view is dropped", "model", name)
	}
	return gone, nil
}
