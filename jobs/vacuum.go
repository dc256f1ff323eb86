package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// VacuumResult is the warehouse's size before and after.
type VacuumResult struct{ Before, After int64 }

// Vacuum replaces the warehouse at path with a compact copy of itself
// (warehouse.CopyTo), under the job lock so no run writes it meanwhile:
// the copy is written beside it, the warehouse closed, and the copy
// renamed over it, so the file is whole at every moment; a crash leaves
// the old file and a stray copy that the next vacuum replaces.
func Vacuum(ctx context.Context, path string, opt warehouse.Options, wait time.Duration, log *slog.Logger) (VacuumResult, error) {
	var res VacuumResult
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lock, err := AcquireLock(ctx, path, Holder{Job: "vacuum"}, wait)
	if err != nil {
		return res, err
	}
	defer lock.Release()
	w, _, err := openUnder(ctx, lock, path, opt, log)
	if err != nil {
		return res, err
	}
	return compact(ctx, w, path, log)
}

// compact replaces the warehouse file at path with a compact copy of w,
// which is open on it, and closes w. The caller holds the job lock.
func compact(ctx context.Context, w *warehouse.Warehouse, path string, log *slog.Logger) (VacuumResult, error) {
	var res VacuumResult
	st, err := os.Stat(path)
	if err != nil {
		w.Close()
		return res, fmt.Errorf("vacuum: %w", err)
	}
	res.Before = st.Size()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".vacuum-"+strconv.Itoa(os.Getpid()))
	for _, p := range []string{tmp, tmp + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			w.Close()
			return res, fmt.Errorf("vacuum: %w", err)
		}
	}
	err = w.CopyTo(ctx, tmp)
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("vacuum: closing the warehouse: %w", cerr)
	}
	if err == nil {
		// A write-ahead log left beside the old file would be replayed
		// into the new one: DuckDB checkpoints it away on close, and if it
		// did not, the swap must not happen.
		if _, serr := os.Stat(path + ".wal"); serr == nil {
			err = fmt.Errorf("vacuum: %s.wal is still there after closing the warehouse; left it as it was", path)
		}
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return res, err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	st, err = os.Stat(path)
	if err != nil {
		return res, fmt.Errorf("vacuum: %w", err)
	}
	res.After = st.Size()
	log.Info("warehouse compacted", "path", path, "before", res.Before, "after", res.After)
	return res, nil
}
