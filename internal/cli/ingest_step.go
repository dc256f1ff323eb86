package cli

import (
	"context"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

// ingestStep is the ingest of a job run: every configured source, one
// batch; its report becomes the run's detail in `salesops runs`.
func (a *app) ingestStep(cfg config.Config) jobs.IngestFunc {
	if len(cfg.Sources) == 0 {
		return nil
	}
	return func(ctx context.Context, w *warehouse.Warehouse) (any, int64, error) {
		rep, err := ingest.Ingest(ctx, w, cfg, ingest.Options{Log: a.log, Progress: a.progressOut(), Now: a.now, RequireData: true})
		if !a.quiet {
			a.printIngest(rep, err)
		}
		return rep, rep.Totals().Read, err
	}
}

// printIngest shows a job's ingest: the table, unless nothing was new. A
// rolled-back batch shows its table too, saying nothing was loaded; the
// run's error, printed once by Run, says why.
func (a *app) printIngest(rep ingest.Report, err error) {
	switch {
	case rep.Batch == 0:
		// Refused before any batch (no data, a source unreachable): the
		// error says it all.
	case err == nil && len(rep.Files) == 0:
		a.log.Info("no new exports: no source has files; the run uses what the warehouse holds", "empty_sources", len(rep.Empty))
	case err == nil && unchanged(rep):
		a.log.Info("no new exports: every file was loaded before", "files", len(rep.Files))
	default:
		_ = rep.WriteTextIn(a.stderr, a.lang)
	}
}

// unchanged reports whether every file of the batch was already loaded,
// so that a job after another prints one line instead of a table of skips.
func unchanged(rep ingest.Report) bool {
	if len(rep.FailedSources) > 0 {
		return false // the table says which optional source failed
	}
	for _, f := range rep.Files {
		if f.Status != "skipped" {
			return false
		}
	}
	return true
}
