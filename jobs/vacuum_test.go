package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// TestVacuumShrinksAndKeepsEverything: a warehouse whose model table was
// replaced a few times is smaller after vacuum, holds the same rows, and
// its sequences go on where they were (a run id is never reused); while a
// job holds the lock, vacuum is refused with exit 4.
func TestVacuumShrinksAndKeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := warehouse.Open(ctx, path, warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if _, err := w.DB.ExecContext(ctx, `CREATE OR REPLACE TABLE kpi_big AS
			SELECT range AS id, md5(range::VARCHAR || ?) AS v FROM range(300000)`, i); err != nil {
			t.Fatal(err)
		}
		if _, err := w.DB.ExecContext(ctx, "CHECKPOINT"); err != nil {
			t.Fatal(err)
		}
	}
	var runID int64
	if err := w.DB.QueryRowContext(ctx, "SELECT nextval('run_seq')").Scan(&runID); err != nil {
		t.Fatal(err)
	}
	w.Close()

	lock, err := AcquireLock(ctx, path, Holder{Job: JobMonthlyBonus, Period: "2026-10"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Vacuum(ctx, path, warehouse.Options{}, 0, nil); !errors.Is(err, faults.ErrLocked) || faults.ExitCode(err) != 4 {
		t.Errorf("vacuum while a job holds the warehouse: %v (exit %d), want exit 4", err, faults.ExitCode(err))
	}
	lock.Release()

	res, err := Vacuum(ctx, path, warehouse.Options{}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.After >= res.Before {
		t.Errorf("vacuum did not shrink the file: %d → %d bytes", res.Before, res.After)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o007 != 0 {
		t.Errorf("the compacted file: %v, %v (want no access for others)", st.Mode(), err)
	}
	w, err = warehouse.Open(ctx, path, warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var n, next int64
	if err := w.DB.QueryRowContext(ctx, "SELECT count(*) FROM kpi_big").Scan(&n); err != nil || n != 300000 {
		t.Errorf("kpi_big holds %d rows (%v), want 300000", n, err)
	}
	// The refused attempt above is copied into the history (a run id) as
	// vacuum opens the warehouse; the sequence goes on past both.
	var maxRun int64
	if err := w.DB.QueryRowContext(ctx, "SELECT coalesce(max(run_id), 0) FROM runs").Scan(&maxRun); err != nil {
		t.Fatal(err)
	}
	if err := w.DB.QueryRowContext(ctx, "SELECT nextval('run_seq')").Scan(&next); err != nil || next <= max(runID, maxRun) {
		t.Errorf("run_seq gives %d after vacuum (%v): a run id already used (%d, runs up to %d)", next, err, runID, maxRun)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".w.duckdb.vacuum-*")); len(left) > 0 {
		t.Errorf("vacuum left %v", left)
	}
}
