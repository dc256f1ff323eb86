package jobs

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"time"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/internal/proc"
	"github.com/salesops/salesops/warehouse"
)

// WarehouseHistory is the scheduler's History backed by the warehouse's run
// table. It opens the file only for each call, so that between jobs the
// scheduler holds neither the DuckDB file nor the lock and manual runs,
// `salesops runs` and backups get through.
type WarehouseHistory struct {
	Path string
	Log  *slog.Logger // nil: discard
	// Build is the scheduler's salesops, recorded with the failures it
	// records itself.
	Build buildinfo.Info
}

// LastScheduled implements History. It first recovers the warehouse when
// the lock is free, so that a run of a scheduler killed mid-job is marked
// abandoned and its slot is caught up. When the lock is held (by a manual
// run, or an operator's `flock … cp` backup) it reads without recovering:
// LastScheduled counts only runs that ended ok or failed, so an abandoned
// slot is still not counted as done.
func (h WarehouseHistory) LastScheduled(ctx context.Context, job string) (time.Time, bool, error) {
	lock, err := acquireLock(ctx, h.Path, Holder{Job: "catch-up check"}, 0, lockPoll, nil)
	var locked *LockedError
	switch {
	case err == nil:
		w, done, err := openUnder(ctx, lock, h.Path, warehouse.Options{}, h.Log)
		if err != nil {
			return time.Time{}, false, err
		}
		defer done()
		return w.LastScheduled(ctx, job)
	case !errors.As(err, &locked):
		return time.Time{}, false, err
	}
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
	w, done, lerr := OpenLocked(ctx, h.Path, warehouse.Options{}, Holder{Job: "record-failure"}, time.Minute, h.Log)
	if lerr != nil {
		return lerr
	}
	defer done()
	r := warehouse.Run{Job: req.Job, Period: req.Period, Trigger: req.Trigger, ScheduledAt: req.ScheduledAt,
		StartedAt: started, FinishedAt: ended, Status: "failed", Error: err.Error(), PID: os.Getpid(), Host: proc.Hostname(),
		Version: runVersion(h.Build)}
	id, rerr := w.RecordRun(ctx, r)
	if rerr == nil {
		r.ID = id
		journalRun(h.logger(), h.Path, r)
	}
	return rerr
}

func (h WarehouseHistory) logger() *slog.Logger {
	if h.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return h.Log
}
