package reports

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// caseAsOf is the as_of of testdata/kpi/case.sql.
var caseAsOf = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)

// caseConfig is the configuration of testdata/kpi/case.sql: a 10-point
// survey scale (so NPS applies) and a first-quarter baseline.
func caseConfig() config.Config {
	cfg := config.Default()
	cfg.Metrics.SurveyScale = 10
	cfg.Targets.Baseline = "2026-01..2026-03"
	return cfg
}

// buildWarehouse loads fixture SQL into a fresh warehouse and runs every
// model, data test and the bonus step on it.
func buildWarehouse(t testing.TB, fixture string, cfg config.Config, asOf time.Time) *warehouse.Warehouse {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, err := w.DB.ExecContext(ctx, fixture); err != nil {
		t.Fatalf("loading the fixture: %v", err)
	}
	opt, err := bonus.Transform(cfg, asOf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := transform.Run(ctx, w, opt); err != nil {
		t.Fatalf("transform: %v", err)
	}
	return w
}

func caseWarehouse(t testing.TB) *warehouse.Warehouse {
	t.Helper()
	b, err := os.ReadFile("testdata/kpi/case.sql")
	if err != nil {
		t.Fatal(err)
	}
	return buildWarehouse(t, string(b), caseConfig(), caseAsOf)
}

// kpiRatText renders an exact rate as "num/den" ("" for null) so expected
// values can be written as the fractions they were computed as.
func kpiRatText(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return r.RatString()
}
