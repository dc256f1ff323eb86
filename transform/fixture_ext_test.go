package transform_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/internal/testutil"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// These tests run the production transform, which includes the bonus step
// the caller registers; bonus imports transform, so they live outside the
// package.

func openTemp(t *testing.T) *warehouse.Warehouse { return testutil.OpenTemp(t) }

func bonusStep(t *testing.T, cfg config.Config) transform.Step {
	t.Helper()
	plan, err := bonus.PlanFrom(cfg.Bonus)
	if err != nil {
		t.Fatal(err)
	}
	return plan.Step()
}

// transformFixture loads testdata/<name> into a fresh warehouse and runs the
// production transform (embedded models, cfg's variables, the bonus step).
func transformFixture(t *testing.T, name string, cfg config.Config, asOf time.Time) *warehouse.Warehouse {
	t.Helper()
	ctx := context.Background()
	w := openTemp(t)
	testutil.LoadSQL(t, w, filepath.Join("testdata", name))
	if _, err := transform.Run(ctx, w, transform.Standard(cfg, asOf, nil, bonusStep(t, cfg))); err != nil {
		t.Fatal(err)
	}
	return w
}

// buildModels runs the production transform on w under cfg as of asOf,
// building only models and what they read.
func buildModels(t *testing.T, w *warehouse.Warehouse, cfg config.Config, asOf time.Time, models ...string) {
	t.Helper()
	opt := transform.Standard(cfg, asOf, nil, bonusStep(t, cfg))
	opt.Targets = models
	if _, err := transform.Run(context.Background(), w, opt); err != nil {
		t.Fatal(err)
	}
}

// execAll runs each statement on w, failing the test at the first error.
func execAll(t *testing.T, w *warehouse.Warehouse, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := w.DB.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
}

// sameRows reports, both ways, the rows of one query that the other lacks
// (EXCEPT ALL, so a row counts as often as it repeats), with an example:
// how a model is held to its plain definition.
func sameRows(t *testing.T, w *warehouse.Warehouse, nameA, a, nameB, b string) {
	t.Helper()
	for _, dir := range [][4]string{{nameA, a, nameB, b}, {nameB, b, nameA, a}} {
		q := fmt.Sprintf(`SELECT count(*), coalesce(CAST(any_value(d) AS VARCHAR), '') FROM (SELECT * FROM (%s) EXCEPT ALL SELECT * FROM (%s)) d`, dir[1], dir[3])
		var n int
		var example string
		if err := w.DB.QueryRowContext(context.Background(), q).Scan(&n, &example); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			t.Errorf("%d row(s) of %s are not in %s, e.g. %s", n, dir[0], dir[2], example)
		}
	}
}
