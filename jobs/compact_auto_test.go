package jobs

import (
	"context"
	"os"
	"testing"

	"github.com/salesops/salesops/warehouse"
)

// A job that ends with more than half the warehouse file free compacts it
// under its lock; one that does not leaves the file alone (a compaction
// rewrites every live block, so it must not run after every job).
func TestJobCompactsASparseWarehouse(t *testing.T) {
	tests := []struct {
		name        string
		shed        bool // a large table was dropped before the run
		wantRewrite bool
	}{
		{name: "half the file free", shed: true, wantRewrite: true},
		{name: "little free", shed: false, wantRewrite: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			r, _, _ := testRunner(t)
			path := r.Config.WarehousePath()
			w, err := warehouse.Open(ctx, path, warehouse.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.shed {
				// The shed table's blocks lie before a live one, so the
				// checkpoint cannot cut them off the end of the file.
				for _, q := range []string{
					"CREATE TABLE shed AS SELECT range AS id, md5(range::VARCHAR) AS v FROM range(1500000)",
					"CHECKPOINT",
					"CREATE TABLE after_shed AS SELECT 1 AS x",
					"CHECKPOINT",
					"DROP TABLE shed",
					"CHECKPOINT",
				} {
					if _, err := w.DB.ExecContext(ctx, q); err != nil {
						t.Fatal(err)
					}
				}
			}
			w.Close()
			before, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"}); err != nil {
				t.Fatal(err)
			}
			after, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if rewritten := !os.SameFile(before, after); rewritten != tt.wantRewrite {
				t.Errorf("file rewritten by the job: %v, want %v (%d → %d bytes)", rewritten, tt.wantRewrite, before.Size(), after.Size())
			}
			w, err = warehouse.Open(ctx, path, warehouse.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			total, free, err := w.Space(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if 2*free > total {
				t.Errorf("after the job %d of %d blocks are free", free, total)
			}
			var status string
			if err := w.DB.QueryRowContext(ctx, "SELECT status FROM runs ORDER BY run_id DESC LIMIT 1").Scan(&status); err != nil || status != "ok" {
				t.Errorf("the run is recorded as %q (%v), want ok", status, err)
			}
		})
	}
}
