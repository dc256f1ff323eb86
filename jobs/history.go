package jobs

import (
	"context"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// WarehouseHistory is the scheduler's History backed by the warehouse's run
// table. It opens the file only for each call, so that between jobs the
// scheduler holds neither the DuckDB file nor the lock and manual runs,
// `salesops runs` and backups get through.
type WarehouseHistory struct{ Path string }

// LastScheduled implements History.
func (h WarehouseHistory) LastScheduled(ctx context.Context, job string) (time.Time, bool, error) {
	w, err := warehouse.Open(ctx, h.Path, warehouse.Options{}, nil)
	if err != nil {
		return time.Time{}, false, err
	}
	defer w.Close()
	return w.LastScheduled(ctx, job)
}

// RecordFailure implements History: a run that failed before the runner
// could record it (a panic, an exhausted retry budget, a refused lock).
func (h WarehouseHistory) RecordFailure(ctx context.Context, req Request, started, ended time.Time, err error) error {
	lock, lerr := AcquireLock(ctx, h.Path, Holder{Job: "record-failure"}, time.Minute)
	if lerr != nil {
		return lerr
	}
	defer lock.Release()
	w, oerr := warehouse.Open(ctx, h.Path, warehouse.Options{}, nil)
	if oerr != nil {
		return oerr
	}
	defer w.Close()
	_, rerr := w.RecordRun(ctx, warehouse.Run{Job: req.Job, Period: req.Period, Trigger: req.Trigger, ScheduledAt: req.ScheduledAt,
		StartedAt: started, FinishedAt: ended, Status: "failed", Error: err.Error()})
	return rerr
}
