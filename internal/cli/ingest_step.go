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
		rep, err := ingest.Ingest(ctx, w, cfg, ingest.Options{Log: a.log, Progress: a.progressOut(), Now: a.now})
		if err == nil && !a.quiet {
			if unchanged(rep) {
				a.log.Info("no new exports: every file was loaded before", "files", len(rep.Files))
			} else {
				_ = rep.WriteText(a.stderr)
			}
		}
		return rep, rep.Totals().Read, err
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
