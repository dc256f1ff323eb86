package bonus

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/internal/testutil"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

func openTemp(t *testing.T) *warehouse.Warehouse { return testutil.OpenTemp(t) }

// transformFixture loads transform's testdata/<name> (shared with the jobs
// and reports tests) into a fresh warehouse and runs the
// production transform: the embedded models, cfg's variables and the plan
// of cfg's step, registered the way jobs registers it.
func transformFixture(t *testing.T, name string, cfg config.Config, asOf time.Time) *warehouse.Warehouse {
	t.Helper()
	ctx := context.Background()
	w := openTemp(t)
	testutil.LoadSQL(t, w, filepath.Join("..", "transform", "testdata", name))
	plan, err := PlanFrom(cfg.Bonus)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := transform.Run(ctx, w, transform.Standard(cfg, asOf, nil, plan.Step())); err != nil {
		t.Fatal(err)
	}
	return w
}

// bonusCase runs the production transform on bonus_case.sql under cfg, as
// of the day its hand computations assume, and returns cfg's plan with it.
func bonusCase(t *testing.T, cfg config.Config) (*warehouse.Warehouse, Plan) {
	t.Helper()
	w := transformFixture(t, "bonus_case.sql", cfg, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	plan, err := PlanFrom(cfg.Bonus)
	if err != nil {
		t.Fatal(err)
	}
	return w, plan
}
