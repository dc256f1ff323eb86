package transform_test

import (
	"context"
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
