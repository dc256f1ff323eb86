package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/internal/proc"
	"github.com/salesops/salesops/warehouse"
)

// OpenLocked takes the warehouse lock as me (waiting up to wait), opens the
// warehouse, and recovers what dead processes left (recoverWarehouse). The
// returned func closes the warehouse and then releases the lock. Every
// process that writes the warehouse goes through here.
func OpenLocked(ctx context.Context, path string, opt warehouse.Options, me Holder, wait time.Duration, log *slog.Logger) (*warehouse.Warehouse, func(), error) {
	lock, err := AcquireLock(ctx, path, me, wait)
	if err != nil {
		return nil, nil, err
	}
	return openUnder(ctx, lock, path, opt, log)
}

// openUnder opens the warehouse under a held lock and recovers it.
func openUnder(ctx context.Context, lock *Lock, path string, opt warehouse.Options, log *slog.Logger) (*warehouse.Warehouse, func(), error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w, err := warehouse.Open(ctx, path, opt, log)
	if err != nil {
		lock.Release()
		return nil, nil, err
	}
	done := func() {
		w.Close()
		lock.Release()
	}
	if err := recoverWarehouse(ctx, w, log); err != nil {
		done()
		return nil, nil, err
	}
	return w, done, nil
}

// recoverWarehouse runs right after this process took the lock. The lock
// being free proves that whoever held it before is gone (the kernel frees
// an flock when its process dies), so every run still recorded as running
// was abandoned: it is marked so, and catch-up then sees its slot as not
// done. Refused attempts the journal holds are copied into the history, and
// the download folders of dead ingests are removed. (What a commit torn by
// the death left in the tables, warehouse.Open has already taken out:
// DuckDB replays the WAL at any open, with this lock or without it.)
func recoverWarehouse(ctx context.Context, w *warehouse.Warehouse, log *slog.Logger) error {
	note := fmt.Sprintf("found at %s by pid %d on %s", time.Now().UTC().Format(time.RFC3339), os.Getpid(), proc.Hostname())
	abandoned, err := w.AbandonRunning(ctx, note)
	for _, r := range abandoned {
		log.Warn("run abandoned: its process ended without finishing it", "run", r.ID, "job", r.Job, "period", r.Period,
			"trigger", r.Trigger, "started", r.StartedAt, "pid", r.PID, "host", r.Host)
		journalRun(log, w.Path, r)
	}
	if err != nil {
		return fmt.Errorf("marking abandoned runs: %w", err)
	}
	if err := importRefused(ctx, w); err != nil {
		log.Warn("refused attempts not copied from the journal into the history", "err", err)
	}
	if _, err := ingest.RemoveStaleTempDirs("", log); err != nil {
		log.Warn("leftover ingest folders not cleaned", "err", err)
	}
	return nil
}

// importRefused records in the history each refused attempt of the journal
// that is not there yet: while refused, the process could not write it.
func importRefused(ctx context.Context, w *warehouse.Warehouse) error {
	pending, err := PendingRefused(ctx, w)
	for _, r := range pending {
		if _, err := w.RecordRun(ctx, r); err != nil {
			return err
		}
	}
	return err
}

// PendingRefused are the refused attempts of the journal that the history
// of w does not hold yet, oldest first (ID 0); the next process to take the
// lock copies them in.
func PendingRefused(ctx context.Context, w *warehouse.Warehouse) ([]warehouse.Run, error) {
	entries, err := readJournal(w.Path)
	if err != nil {
		return nil, err
	}
	var have map[string]bool
	var out []warehouse.Run
	for _, e := range entries {
		if e.Status != warehouse.StatusRefused || e.Key == "" {
			continue
		}
		if have == nil {
			if have, err = w.RefusedKeys(ctx); err != nil {
				return nil, err
			}
		}
		if have[e.Key] {
			continue
		}
		have[e.Key] = true
		r := e.run()
		r.FinishedAt = r.StartedAt
		out = append(out, r)
	}
	return out, nil
}

// journalRefused leaves a refused attempt in the journal: the history is
// held by the process that refused it. Best effort, like every journal line.
func journalRefused(path string, me Holder, locked *LockedError) {
	now := time.Now().UTC()
	e := journalEntry{Key: fmt.Sprintf("%s-%d-%d", me.Host, me.PID, now.UnixNano()), Job: me.Job, Period: me.Period,
		Trigger: me.Trigger, StartedAt: now, FinishedAt: &now, Status: warehouse.StatusRefused, Error: locked.Error(),
		PID: me.PID, Host: me.Host, Holder: &locked.Holder}
	_ = appendJournal(path, e)
}

// IsLocked says whether err is a refusal by the lock or by DuckDB's own
// file lock (another process writes the warehouse).
func IsLocked(err error) bool {
	var locked *LockedError
	return errors.As(err, &locked) || errors.Is(err, warehouse.ErrInUse)
}
