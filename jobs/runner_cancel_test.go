package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// A run cancelled while DuckDB works (SIGTERM past the grace period) stops
// promptly, writes no report and is recorded as cancelled.
func TestCancelledRunStopsAndIsRecorded(t *testing.T) {
	r, ing, out := testRunner(t)
	ctx, cancel := context.WithCancel(context.Background())
	load := ing.step
	r.Ingest = func(c context.Context, w *warehouse.Warehouse) (any, int64, error) {
		rep, n, err := load(c, w)
		// A long-running query as the transform's stand-in: cancelling must
		// interrupt DuckDB, not wait for it.
		go func() { time.Sleep(200 * time.Millisecond); cancel() }()
		_, qerr := w.DB.ExecContext(c, "CREATE TEMP TABLE spin AS SELECT count(*) FROM range(1000000000000) a")
		if qerr != nil {
			return rep, n, qerr
		}
		return rep, n, err
	}
	start := time.Now()
	_, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("cancellation took %s: DuckDB was not interrupted", took)
	}
	if _, err := os.Stat(filepath.Join(out, "2026-10")); !os.IsNotExist(err) {
		t.Errorf("a cancelled run left a report folder: %v", err)
	}
	w, err := warehouse.Open(context.Background(), r.Config.WarehousePath(), warehouse.Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	runs, err := w.Runs(context.Background(), 0)
	if err != nil || len(runs) != 1 || runs[0].Status != "cancelled" || runs[0].FinishedAt.IsZero() {
		t.Fatalf("history %+v %v", runs, err)
	}
}
